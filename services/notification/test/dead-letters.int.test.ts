// No event parked in silence (real Kafka, Postgres and SMTP sink). The notification service parks
// an event it cannot handle — a task assigned to a person who is not in the Person table — on the
// dead-letter topic. That is counted (probity_dead_letter_events_total) and alerts the PSD manager
// and ops. Once the person exists, `dead-letters replay` puts the event back: it is delivered once,
// and replaying it again sends nothing twice.
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@probity/shared/config';
import { createDb, type Db } from '@probity/shared/db/client';
import { seed } from '@probity/shared/db/seed';
import { envelope } from '@probity/shared/events/envelope';
import { TOPICS } from '@probity/shared/events/topics';
import { connectProducer, createKafka, publish } from '@probity/shared/kafka';
import { createLogger } from '@probity/shared/log';
import { readParkedEvents, replayParkedEvents } from '@probity/shared/dead-letters';
import { uniqueId } from '@probity/shared/testing/temporal';
import { waitFor } from '@probity/shared/testing/wait';
import { startNotificationService, type NotificationService } from '../src/consumer';
import { deadLetterAlertId, startDeadLetterAlerts } from '../src/dead-letter-alerts';

const config = loadConfig();
const MAIL_API = `http://127.0.0.1:${process.env.MAIL_UI_PORT ?? 8025}/api/messages`;
const log = createLogger('dead-letter-test', 'silent');
const run = randomUUID().slice(0, 8);

const mailsFor = async (address: string, eventId: string) => {
  const res = await fetch(`${MAIL_API}?to=${encodeURIComponent(address)}`);
  const all = (await res.json()) as { subject: string; text: string; headers: Record<string, string> }[];
  return all.filter((m) => m.headers['x-probity-event-id'] === eventId);
};

/** Resolves on the consumer's first fetch: from then on it sees everything published. */
const positioned = (consumer: Consumer) =>
  new Promise<void>((resolve) => {
    const off = consumer.on(consumer.events.FETCH, () => {
      off();
      resolve();
    });
  });

let kafka: Kafka;
let producer: Producer;
let db: Db;
let mailer: Transporter;
let notifications: NotificationService;
let alerts: { consumer: Consumer; stop: () => Promise<void> };
const metrics = new Registry();
const groupId = uniqueId('probity-notification-dlq-test');
const ghost = { id: `dlq-ghost-${run}`, name: 'Not Yet Here', email: `dlq-ghost-${run}@probity.test` };

beforeAll(async () => {
  await seed(config.DATABASE_URL);
  db = createDb(config.DATABASE_URL);
  kafka = createKafka(config.KAFKA_BROKERS, `dlq-test-${run}`);
  producer = await connectProducer(kafka);
  mailer = nodemailer.createTransport({ host: config.SMTP_HOST, port: config.SMTP_PORT, secure: false, ignoreTLS: true });
  notifications = await startNotificationService({ kafka, producer, db, mailer, mailFrom: config.MAIL_FROM, log, groupId, fromBeginning: false, maxAttempts: 2 });
  const watching = positioned(notifications.consumer);
  alerts = await startDeadLetterAlerts({ kafka, producer, log, metrics, groupId: uniqueId('probity-dead-letter-alerts-test'), fromBeginning: false });
  await Promise.all([watching, positioned(alerts.consumer)]);
}, 120_000);

afterAll(async () => {
  await alerts?.stop();
  await notifications?.stop();
  await producer?.disconnect();
  mailer?.close();
  if (db) {
    await db.notification.deleteMany({ where: { recipientId: ghost.id } });
    await db.person.deleteMany({ where: { id: ghost.id } });
    await db.$disconnect();
  }
});

describe('the dead-letter topic', () => {
  it('a parked event is counted and alerts the PSD manager and ops; replayed after the fix it is delivered once', async () => {
    const eventId = randomUUID();
    const caseId = `dlq-case-${run}`;
    const event = envelope({
      id: eventId,
      type: TOPICS.caseTaskAssigned,
      source: 'probity/test',
      subject: caseId,
      data: { caseId, ref: `CO-2026-D${run}`, taskId: `task-${run}`, taskType: 'assessment', assigneeId: ghost.id, dueAt: '2026-12-04T23:59:59.999Z', notify: [{ personId: ghost.id }] },
    });
    await publish(producer, TOPICS.caseTaskAssigned, event);

    // Parked: the person is unknown, which no retry can fix.
    const parked = await waitFor('the event on the dead-letter topic', async () => (await readParkedEvents(kafka)).find((p) => p.parked.eventId === eventId));
    expect(parked.parked).toMatchObject({ originalTopic: TOPICS.caseTaskAssigned, consumerGroup: groupId, eventType: TOPICS.caseTaskAssigned });
    expect(parked.parked.reason).toMatch(`unknown person ${ghost.id}`);

    // Counted, and the PSD manager and ops are alerted (email + in-app), once each.
    const alertId = deadLetterAlertId(parked.parked.partition, parked.parked.offset);
    const told = await waitFor('the alert notifications', async () => {
      // Everyone active in the two roles is told; other tests' people may hold them too, so the
      // wait is for the demo PSD manager and ops, not for a count.
      const rows = await db.notification.findMany({ where: { eventId: alertId }, orderBy: { recipientId: 'asc' } });
      const ids = rows.map((n) => n.recipientId);
      return ids.includes('ops') && ids.includes('psd-manager') ? rows.filter((n) => n.recipientId === 'ops' || n.recipientId === 'psd-manager') : undefined;
    });
    expect(told.map((n) => n.recipientId)).toEqual(['ops', 'psd-manager']);
    expect(told[0]!.subject).toBe('[PROBITY] Event parked on the dead-letter topic');
    expect(told[0]!.body).toContain(`npm run dead-letters -- replay --id ${eventId}`);
    expect(told[0]!.body).toContain(`unknown person ${ghost.id}`);
    const mail = await waitFor('the alert email to the PSD manager', async () => (await mailsFor('psd-manager@probity.local', alertId))[0]);
    expect(mail.subject).toBe('[PROBITY] Event parked on the dead-letter topic');
    const metric = await metrics.getSingleMetricAsString('probity_dead_letter_events_total');
    expect(metric).toContain(`probity_dead_letter_events_total{topic="${TOPICS.caseTaskAssigned}",consumer_group="${groupId}"} 1`);

    // Fixed: the person is added. Replayed: delivered, once.
    await db.person.create({ data: { ...ghost, role: 'psd-handler', team: 'psd', division: 'hq' } });
    const replayed = await replayParkedEvents(kafka, producer, db, { eventId });
    expect(replayed.map((r) => r.outcome)).toEqual(['replayed']);
    const sent = await waitFor('the replayed notification', async () => {
      const row = await db.notification.findUnique({ where: { eventId_recipientId: { eventId, recipientId: ghost.id } } });
      return row?.sentAt ? row : undefined;
    });
    expect(sent.subject).toMatch(/New task: assessment/);
    await waitFor('the email to the person', async () => (await mailsFor(ghost.email, eventId))[0]);

    // Replaying again is skipped; forced, the consumer drops it by its id: still one notification, one email.
    expect((await replayParkedEvents(kafka, producer, db, { eventId })).map((r) => r.outcome)).toEqual(['already-replayed']);
    expect((await replayParkedEvents(kafka, producer, db, { eventId, again: true })).map((r) => r.outcome)).toEqual(['replayed']);
    const marker = randomUUID();
    await publish(producer, TOPICS.caseTaskAssigned, envelope({ id: marker, type: TOPICS.caseTaskAssigned, source: 'probity/test', subject: caseId, data: { ...event.data, taskId: `marker-${run}` } }));
    await waitFor('a later event to be handled (so the forced replay was too)', async () =>
      (await db.notification.findUnique({ where: { eventId_recipientId: { eventId: marker, recipientId: ghost.id } } })) ?? undefined,
    );
    expect(await db.notification.count({ where: { eventId, recipientId: ghost.id } })).toBe(1);
    expect(await mailsFor(ghost.email, eventId)).toHaveLength(1);
  });
});
