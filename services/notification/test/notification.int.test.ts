import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerToken, testAuth } from '@probity/shared/testing/oidc';
import { loadConfig } from '@probity/shared/config';
import { createDb, type Db } from '@probity/shared/db/client';
import { envelope, type Envelope } from '@probity/shared/events/envelope';
import { notificationSentSchema, type EventData } from '@probity/shared/events/schemas';
import { TOPICS } from '@probity/shared/events/topics';
import { connectProducer, createKafka, logicalTopic, physicalTopic, publish } from '@probity/shared/kafka';
import { createLogger } from '@probity/shared/log';
import { uniqueId } from '@probity/shared/testing/temporal';
import { waitFor } from '@probity/shared/testing/wait';
import { DEMO_PEOPLE } from '@probity/shared/db/demo-people';
import { createNotificationRouter } from '../src/api';
import { startNotificationService, type NotificationService } from '../src/consumer';
import { sentEventId } from '../src/delivery';
import type { NotifyingTopic } from '../src/events';

// Against the real broker, Postgres (probity_test) and SMTP sink that `infra/probity test` runs.
// The service runs in-process under its own consumer group, positioned at the end of every topic
// before anything is published, so it sees this run's events and none of history's.

const config = loadConfig();
const MAIL_API = `http://127.0.0.1:${process.env.MAIL_UI_PORT ?? 8025}/api/messages`;
const log = createLogger('notification-test', 'warn');

interface SinkMessage {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
}

interface Seen {
  topic: string;
  headers: Record<string, string>;
  value: unknown;
}

async function mailbox(address: string): Promise<SinkMessage[]> {
  const res = await fetch(`${MAIL_API}?to=${encodeURIComponent(address)}`);
  if (!res.ok) throw new Error(`mail sink answered ${res.status}`);
  return (await res.json()) as SinkMessage[];
}

const mailsFor = async (address: string, eventId: string) =>
  (await mailbox(address)).filter((m) => m.headers['x-probity-event-id'] === eventId);

const oneMail = (address: string, eventId: string) =>
  waitFor(`an email for event ${eventId}`, async () => (await mailsFor(address, eventId))[0]);

/**
 * Resolves on the consumer's next completed fetch. A consumer without committed offsets and
 * fromBeginning false starts at the end of each topic; once it has fetched, that position is
 * fixed, so everything published afterwards reaches it and nothing published before does.
 */
function positioned(consumer: Consumer, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`consumer not positioned after ${timeoutMs} ms`)), timeoutMs);
    const off = consumer.on(consumer.events.FETCH, () => {
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

const headerText = (headers: Record<string, unknown> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));

describe('notification service (real Kafka, Postgres and SMTP sink)', () => {
  const run = Math.random().toString(36).slice(2, 8);
  const groupId = uniqueId('probity-notification-test');
  const watchGroup = uniqueId('probity-notification-watch');
  const seen: Seen[] = [];
  const eventIds: string[] = [];
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let watcher: Consumer;
  let db: Db;
  let mailer: Transporter;
  let service: NotificationService;

  const people = {
    manager: { id: `ntest-manager-${run}`, name: 'Insp Morgan Test', email: `ntest-manager-${run}@probity.test` },
    handler: { id: `ntest-handler-${run}`, name: 'DS Jamie Test', email: `ntest-handler-${run}@probity.test` },
    team: { id: `ntest-team-${run}`, name: 'Complaints Team Test', email: `ntest-team-${run}@probity.test` },
    ccu: { id: `ntest-ccu-${run}`, name: 'DS Rowan Sealed', email: `ntest-ccu-${run}@probity.test` },
  };
  const head = DEMO_PEOPLE.find((p) => p.id === 'head-of-psd')!;
  const restrictedCase = { id: `ntest-case-restricted-${run}`, ref: `CO-2026-R${run}` };
  const complainantEmail = `ntest-complainant-${run}@example.test`;
  const emailCase = { id: `ntest-case-${run}`, ref: `CO-2026-T${run}` };
  const phoneCase = { id: `ntest-case-phone-${run}`, ref: `CO-2026-P${run}` };

  async function send<T extends NotifyingTopic>(topic: T, data: EventData<T>, id = randomUUID()): Promise<Envelope<EventData<T>>> {
    const subject = ('caseId' in data ? data.caseId : undefined) ?? (data as { policyId?: string }).policyId ?? 'probity';
    const ev = envelope({ id, type: topic, source: 'probity/test', subject, data });
    eventIds.push(id);
    await publish(producer, topic, ev);
    return ev;
  }

  const task = (caseRef = emailCase) => ({
    caseId: caseRef.id,
    ref: caseRef.ref,
    taskId: `task-${randomUUID()}`,
    taskType: 'assessment',
    assigneeId: people.handler.id,
    dueAt: '2026-11-24T23:59:59.999Z',
  });

  const sentFor = (eventId: string) =>
    seen.filter((s) => s.topic === TOPICS.notificationSent && (s.value as { data?: { eventId?: string } }).data?.eventId === eventId);
  const deadLettered = (eventId: string) =>
    seen.find((s) => s.topic === TOPICS.deadLetter && s.headers['ce-id'] === eventId && s.headers['dlq-consumer-group'] === groupId);
  const rowsOf = (eventId: string) => db.notification.findMany({ where: { eventId } });

  beforeAll(async () => {
    db = createDb(config.DATABASE_URL);
    kafka = createKafka(config.KAFKA_BROKERS, uniqueId('notification-test'), log);
    admin = kafka.admin();
    await admin.connect();
    producer = await connectProducer(kafka);
    mailer = nodemailer.createTransport({ host: config.SMTP_HOST, port: config.SMTP_PORT, secure: false, ignoreTLS: true });

    const person = (p: { id: string; name: string; email: string }, role: string, managerId: string | null) => ({
      ...p,
      role,
      rank: null,
      grade: 'test',
      team: 'psd',
      division: 'hq',
      managerId,
      active: true,
    });
    await db.person.upsert({ where: { id: people.manager.id }, create: person(people.manager, 'psd-manager', null), update: {} });
    for (const [p, role] of [[people.handler, 'psd-handler'], [people.team, 'complaints-team']] as const) {
      await db.person.upsert({ where: { id: p.id }, create: person(p, role, people.manager.id), update: {} });
    }
    await db.person.upsert({ where: { id: people.ccu.id }, create: { ...person(people.ccu, 'psd-handler', people.manager.id), team: 'counter-corruption' }, update: {} });
    const { managerId: _m, ...headRow } = head;
    await db.person.upsert({ where: { id: head.id }, create: headRow, update: { active: true } });
    const kase = (c: { id: string; ref: string }, complainant: object) => ({
      ...c,
      kind: 'complaint',
      channel: 'web',
      stage: 'handling',
      receivedAt: new Date('2026-11-02T10:00:00Z'),
      publicTokenHash: 'not-a-real-hash',
      complainant,
      incident: {},
      subjects: [],
    });
    await db.case.upsert({
      where: { id: emailCase.id },
      create: kase(emailCase, { name: 'Alex Complainant', email: complainantEmail, preferredContact: 'email', account: 'SECRET ACCOUNT TEXT' }),
      update: {},
    });
    await db.case.upsert({
      where: { id: restrictedCase.id },
      create: { ...kase(restrictedCase, { name: 'Sam Sealed', email: `ntest-sealed-${run}@example.test`, preferredContact: 'email' }), restricted: true, restrictionReason: 'serious-corruption', assigneeId: people.ccu.id },
      update: {},
    });
    await db.case.upsert({
      where: { id: phoneCase.id },
      create: kase(phoneCase, { name: 'Pat Complainant', phone: '01632 960000', preferredContact: 'phone' }),
      update: {},
    });

    // Watch notification.sent and the dead-letter topic from their current ends.
    watcher = kafka.consumer({ groupId: watchGroup, allowAutoTopicCreation: false });
    await watcher.connect();
    await watcher.subscribe({ topics: [physicalTopic(TOPICS.notificationSent), physicalTopic(TOPICS.deadLetter)], fromBeginning: false });
    const watching = positioned(watcher);
    await watcher.run({
      eachMessage: async ({ topic, message }) => {
        let value: unknown;
        try {
          value = JSON.parse(message.value?.toString('utf8') ?? '');
        } catch {
          value = message.value?.toString('utf8');
        }
        seen.push({ topic: logicalTopic(topic), headers: headerText(message.headers), value });
      },
    });

    service = await startNotificationService({ kafka, producer, db, mailer, mailFrom: config.MAIL_FROM, log, groupId, fromBeginning: false });
    await Promise.all([watching, positioned(service.consumer)]);
  });

  afterAll(async () => {
    await Promise.all([service?.stop(), watcher?.disconnect()]);
    await producer?.disconnect();
    if (admin) {
      for (const g of [groupId, watchGroup]) await admin.deleteGroups([g]).catch(() => undefined);
      await admin.disconnect();
    }
    mailer?.close();
    if (db) {
      await db.notification.deleteMany({ where: { eventId: { in: eventIds } } });
      await db.auditEntry.deleteMany({ where: { caseId: restrictedCase.id } });
      await db.case.deleteMany({ where: { id: { in: [emailCase.id, phoneCase.id, restrictedCase.id] } } });
      await db.person.deleteMany({ where: { id: { in: [people.handler.id, people.team.id, people.ccu.id] } } });
      await db.person.deleteMany({ where: { id: people.manager.id } });
      await db.$disconnect();
    }
  });

  it('an SLA breach reaches the manager by email, with the case ref, and announces notification.sent', async () => {
    const ev = await send(TOPICS.caseSlaBreached, { ...task(), level: 1, notify: [{ personId: people.manager.id }] });
    const mail = await oneMail(people.manager.email, ev.id);
    expect(mail.subject).toBe(`[${emailCase.ref}] SLA breached: assessment overdue since Tue 24 Nov 2026 (assigned to ${people.handler.name})`);
    expect(mail.headers['x-probity-case-ref']).toBe(emailCase.ref);
    expect(mail.from).toBe('psd-noreply@probity.local');

    const [row] = await rowsOf(ev.id);
    expect(row).toMatchObject({ recipientId: people.manager.id, channel: 'email', caseRef: emailCase.ref });
    expect(row!.sentAt).toBeInstanceOf(Date);

    const announced = await waitFor('notification.sent', () => sentFor(ev.id)[0]);
    const sent = announced.value as Envelope;
    expect(sent.id).toBe(sentEventId(row!.id));
    expect(sent.type).toBe(TOPICS.notificationSent);
    expect(sent.subject).toBe(emailCase.id);
    expect(notificationSentSchema.parse(sent.data)).toEqual({
      notificationId: row!.id,
      eventId: ev.id,
      recipientId: people.manager.id,
      channel: 'email',
      caseRef: emailCase.ref,
    });
  });

  it('a restricted case: the manager outside the counter-corruption unit gets no detail of it; the head of PSD and the unit get it all', async () => {
    const breach = { ...task(restrictedCase), assigneeId: people.ccu.id };
    const ev = await send(TOPICS.caseSlaBreached, { ...breach, level: 1, notify: [{ personId: people.manager.id }, { personId: people.ccu.id }] });

    const withheld = await oneMail(people.manager.email, ev.id);
    expect(withheld.subject).toBe('[PROBITY] A notification about a case you do not have access to');
    expect(withheld.headers['x-probity-case-ref']).toBeUndefined();
    for (const secret of [restrictedCase.ref, restrictedCase.id, people.ccu.name, people.ccu.id, breach.taskId, 'assessment', '24 Nov']) {
      expect(`${withheld.subject}\n${withheld.text}`).not.toContain(secret);
    }
    expect(withheld.text).toContain('The head of PSD has been told.');

    // The unit's own member and the head of PSD (added because the manager could not be told) read it in full.
    for (const reader of [people.ccu.email, head.email]) {
      const full = await oneMail(reader, ev.id);
      expect(full.subject).toContain(`[${restrictedCase.ref}] SLA breached: assessment overdue`);
      expect(full.headers['x-probity-case-ref']).toBe(restrictedCase.ref);
    }
    const rows = await rowsOf(ev.id);
    expect(rows.find((r) => r.recipientId === people.manager.id)).toMatchObject({ caseRef: null, subject: withheld.subject });
    expect(rows.find((r) => r.recipientId === head.id)).toMatchObject({ caseRef: restrictedCase.ref });
  });

  it('an outcome reaches the complainant in plain English, without their name or account', async () => {
    const ev = await send(TOPICS.caseOutcome, {
      caseId: emailCase.id,
      ref: emailCase.ref,
      outcome: 'service-acceptable',
      resolution: 'finalised',
      notify: [{ complainant: true }],
    });
    const mail = await oneMail(complainantEmail, ev.id);
    expect(mail.subject).toBe(`[${emailCase.ref}] Outcome of your complaint ${emailCase.ref}`);
    expect(mail.text).toContain('within 28 days');
    expect(mail.text).not.toMatch(/Alex|SECRET ACCOUNT/);
    const [row] = await rowsOf(ev.id);
    expect(row!.recipientId).toBe(`complainant:${emailCase.id}`);
  });

  it('the same event delivered twice sends one email and keeps one row', async () => {
    const data = { ...task(), notify: [{ personId: people.handler.id }] };
    const dup = await send(TOPICS.caseTaskAssigned, data);
    await publish(producer, TOPICS.caseTaskAssigned, dup); // the very same event again (same id)
    // A later event on the same topic and case is handled after both copies (same partition, in order).
    const after = await send(TOPICS.caseTaskAssigned, { ...task(), notify: [{ personId: people.handler.id }] });
    await oneMail(people.handler.email, after.id);
    // Both copies of the duplicate were consumed: each announced (with the same id) before `after` was handled.
    await waitFor('notification.sent for both copies', () => (sentFor(dup.id).length >= 2 ? true : undefined));

    expect(await mailsFor(people.handler.email, dup.id)).toHaveLength(1);
    expect(await rowsOf(dup.id)).toHaveLength(1);
    expect(new Set(sentFor(dup.id).map((s) => (s.value as Envelope).id)).size).toBe(1);
  });

  it('a crash between recording and sending is repaired on redelivery, with the original wording', async () => {
    const eventId = randomUUID();
    // What a crash right after the insert leaves behind: the row, never sent.
    await db.notification.create({
      data: {
        id: randomUUID(),
        eventId,
        recipientId: people.handler.id,
        email: people.handler.email,
        channel: 'email',
        subject: `[${emailCase.ref}] Written before the crash`,
        body: 'original body',
        caseRef: emailCase.ref,
      },
    });
    await send(TOPICS.caseTaskAssigned, { ...task(), notify: [{ personId: people.handler.id }] }, eventId);
    const mail = await oneMail(people.handler.email, eventId);
    expect(mail.subject).toBe(`[${emailCase.ref}] Written before the crash`);
    const rows = await rowsOf(eventId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sentAt).toBeInstanceOf(Date);
  });

  it('an invalid event goes to the dead-letter topic and does not block the next good one', async () => {
    // Same topic and key as the good event after it: one partition, handled in order.
    const bad = await send(TOPICS.caseSlaBreached, { ...task(), level: 0, notify: [{ personId: people.manager.id }] });
    const good = await send(TOPICS.caseSlaBreached, { ...task(), level: 1, notify: [{ personId: people.manager.id }] });
    const parked = await waitFor('the invalid event on the dead-letter topic', () => deadLettered(bad.id));
    expect(parked.headers['dlq-original-topic']).toBe(TOPICS.caseSlaBreached);
    expect(parked.headers['dlq-reason']).toMatch(/invalid/);
    expect((parked.value as Envelope).id).toBe(bad.id);
    await oneMail(people.manager.email, good.id);
    expect(await rowsOf(bad.id)).toHaveLength(0);
    expect(deadLettered(good.id)).toBeUndefined();
  });

  it('an unknown person sends the event to the dead-letter topic, and nobody is half-told', async () => {
    const ghost = `ntest-ghost-${run}`;
    const ev = await send(TOPICS.caseEscalated, { ...task(), level: 2, notify: [{ personId: people.manager.id }, { personId: ghost }] });
    const parked = await waitFor('the event naming an unknown person on the dead-letter topic', () => deadLettered(ev.id));
    expect(parked.headers['dlq-reason']).toContain(ghost);
    expect(await rowsOf(ev.id)).toHaveLength(0);
    expect(await mailsFor(people.manager.email, ev.id)).toHaveLength(0);
  });

  it('a complainant without email gets a letter-or-phone record; resolved at first contact tells the team', async () => {
    const ev = await send(TOPICS.caseOutcome, {
      caseId: phoneCase.id,
      ref: phoneCase.ref,
      outcome: 'resolved',
      resolution: 'resolved-at-first-contact',
      notify: [{ complainant: true }, { personId: people.team.id }],
    });
    const teamMail = await oneMail(people.team.email, ev.id);
    expect(teamMail.subject).toBe(`[${phoneCase.ref}] Complaint resolved at first contact`);
    const rows = await rowsOf(ev.id);
    const record = rows.find((r) => r.recipientId === `complainant:${phoneCase.id}`);
    expect(record).toMatchObject({ channel: 'letter-or-phone', email: '', sentAt: null, caseRef: phoneCase.ref });
    expect(record!.subject).toContain(`Outcome of your complaint ${phoneCase.ref}`);
    // Announced for the team's email only; nothing was sent to the complainant.
    await waitFor('notification.sent for the team', () => sentFor(ev.id)[0]);
    expect(sentFor(ev.id).map((s) => (s.value as Envelope<{ recipientId: string }>).data.recipientId)).toEqual([people.team.id]);
  });

  it('review window closed: in-app only for the handler, nothing for the complainant', async () => {
    const ev = await send(TOPICS.caseReviewWindow, {
      caseId: emailCase.id,
      ref: emailCase.ref,
      event: 'closed',
      closesOn: '2026-12-22',
      notify: [{ complainant: true }, { personId: people.handler.id }],
    });
    const announced = await waitFor('notification.sent (in-app)', () => sentFor(ev.id)[0]);
    expect((announced.value as Envelope<{ channel: string }>).data.channel).toBe('in-app');
    const rows = await rowsOf(ev.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipientId: people.handler.id, channel: 'in-app', email: '' });
    expect(await mailsFor(people.handler.email, ev.id)).toHaveLength(0);
    expect(await mailsFor(complainantEmail, ev.id)).toHaveLength(0);
  });

  describe('in-app API', () => {
    let server: Server;
    let base: string;
    const token = (id: string) => providerToken(id);

    beforeAll(async () => {
      const app = express();
      app.use(createNotificationRouter({ db, auth: testAuth(db), log }));
      server = await new Promise<Server>((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((r) => server?.close(r));
    });

    it('lists the caller\'s own notifications newest first and marks one read', async () => {
      const first = await send(TOPICS.caseTaskAssigned, { ...task(), notify: [{ personId: people.manager.id }] });
      const second = await send(TOPICS.caseTaskAssigned, { ...task(), notify: [{ personId: people.manager.id }] });
      await oneMail(people.manager.email, second.id);
      await oneMail(people.manager.email, first.id);

      const auth = { authorization: `Bearer ${await token(people.manager.id)}` };
      const res = await fetch(`${base}/notifications?recipientId=${people.manager.id}`, { headers: auth });
      expect(res.status).toBe(200);
      const { notifications } = (await res.json()) as { notifications: { id: string; eventId: string; createdAt: string; readAt: string | null }[] };
      expect(notifications.length).toBeGreaterThanOrEqual(2);
      const order = notifications.map((n) => n.createdAt);
      expect([...order].sort().reverse()).toEqual(order);
      const mine = notifications.find((n) => n.eventId === first.id);
      expect(mine).toBeDefined();
      expect(mine!.readAt).toBeNull();
      expect(JSON.stringify(notifications)).not.toContain(people.manager.email);

      const read = await fetch(`${base}/notifications/${mine!.id}/read`, { method: 'POST', headers: auth });
      expect(read.status).toBe(200);
      const readAt = ((await read.json()) as { notification: { readAt: string } }).notification.readAt;
      expect(readAt).toEqual(expect.any(String));
      const unread = (await (await fetch(`${base}/notifications?unread=true`, { headers: auth })).json()) as { notifications: { id: string }[] };
      expect(unread.notifications.map((n) => n.id)).not.toContain(mine!.id);
      // Marking read again keeps the first time.
      const again = (await (await fetch(`${base}/notifications/${mine!.id}/read`, { method: 'POST', headers: auth })).json()) as { notification: { readAt: string } };
      expect(again.notification.readAt).toBe(readAt);
    });

    it('refuses without a valid token (401) and for someone else\'s notifications (403)', async () => {
      const none = await fetch(`${base}/notifications?recipientId=${people.manager.id}`);
      expect(none.status).toBe(401);
      expect(((await none.json()) as { error: string }).error).toBe('unauthorized');
      const forged = await fetch(`${base}/notifications`, { headers: { authorization: 'Bearer not.a.token' } });
      expect(forged.status).toBe(401);

      const handlerAuth = { authorization: `Bearer ${await token(people.handler.id)}` };
      const others = await fetch(`${base}/notifications?recipientId=${people.manager.id}`, { headers: handlerAuth });
      expect(others.status).toBe(403);
      expect(((await others.json()) as { error: string }).error).toBe('forbidden');

      const managerRow = await db.notification.findFirstOrThrow({ where: { recipientId: people.manager.id } });
      const steal = await fetch(`${base}/notifications/${managerRow.id}/read`, { method: 'POST', headers: handlerAuth });
      expect(steal.status).toBe(403);
      const missing = await fetch(`${base}/notifications/${randomUUID()}/read`, { method: 'POST', headers: handlerAuth });
      expect(missing.status).toBe(404);
    });
  });
});
