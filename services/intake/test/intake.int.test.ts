// Intake against the real Postgres, Kafka and Temporal that `infra/probity test` brings up.
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { providerToken, testAuth } from '@probity/shared/testing/oidc';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { EnvelopeSchema, parseEvent, type Envelope } from '@probity/shared/events/envelope';
import { caseReceivedSchema, type CaseReceived } from '@probity/shared/events/schemas';
import { TOPICS } from '@probity/shared/events/topics';
import { connectProducer, createKafka, physicalTopic } from '@probity/shared/kafka';
import { createLogger } from '@probity/shared/log';
import { createServiceRuntime } from '@probity/shared/runtime/service';
import { connectTemporalClient, connectWorkerConnection } from '@probity/shared/temporal/connect';
import { dataConverter } from '@probity/shared/temporal/codec';
import { uniqueId } from '@probity/shared/testing/temporal';
import { complaintWorkflowId, type ComplaintState, type Task } from '@probity/workflows/complaint/contract';
import { createIntakeApp } from '../src/app';
import { hashCaseToken, newCaseToken } from '../src/case-token';
import { complaintWorkflows, lazyTemporal } from '../src/complaint-workflows';
import { createOutboxRelay, type OutboxRelay } from '../src/outbox-relay';
import { intakeReadiness } from '../src/readiness';
import { REVIEW_REFUSAL } from './fixtures/complaint-stand-in';

const config = loadConfig();
const log = createLogger('intake-test', 'silent');
const db = createDb(config.DATABASE_URL);
const kafka = createKafka(config.KAFKA_BROKERS, uniqueId('intake-test'));
const temporal = lazyTemporal(() => connectTemporalClient(config));
const workflows = complaintWorkflows(temporal);
const run = uniqueId('it');

let relay: OutboxRelay;
const newRelay = () => createOutboxRelay({ db, log, connectProducer: () => connectProducer(kafka), idleMs: 200, minBackoffMs: 200 });

// ---------------------------------------------------------------------------------------------
// HTTP helpers

async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let server: Server;
let base: string;

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  opts: { json?: unknown; raw?: string; headers?: Record<string, string>; to?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] ??= 'application/json';
  } else if (opts.raw !== undefined) {
    body = opts.raw;
  }
  const res = await fetch(`${opts.to ?? base}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as T };
}

type Accepted = { ref: string; caseId: string; token: string; progressUrl: string };
type ErrorBody = { error: string; message: string; fields?: { field: string; message: string }[] };

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A valid complaint whose complainant name is unique, so its cases can be counted. */
function complaint(name = `Complainant ${randomUUID()}`) {
  return {
    complainant: { name, email: `${name.replace(/\W/g, '').toLowerCase()}@example.org`, phone: '07700 900123', preferredContact: 'email' },
    incident: { what: 'The officer shouted at me and pushed me in the street.', when: '2026-01-10', where: 'Market Square, Northtown' },
    subjects: [{ description: 'tall officer with a beard', team: 'north-response', division: 'north' }],
    allegations: [
      { category: 'individual-behaviour', description: 'shouted abuse at me' },
      { category: 'use-of-force', description: 'pushed me against a wall' },
    ],
    flags: { deathOrSeriousInjury: false },
  };
}

const casesNamed = (name: string) => db.case.count({ where: { complainant: { path: ['name'], equals: name } } });

async function eventually<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---------------------------------------------------------------------------------------------
// Kafka: a consumer in its own group collects every case.received event by case id.

let consumer: Consumer;
const received = new Map<string, unknown[]>();
const eventFor = (caseId: string) => eventually(async () => received.get(caseId)?.[0], `case.received for ${caseId}`);

// ---------------------------------------------------------------------------------------------
// People: a constable (front-line), an ops engineer (no business recording complaints), a PSD
// handler, and a manager with a report, each unique to this run.

const person = (suffix: string, role: string, rank: string | null, managerId: string | null = null) => ({
  id: `${run}-${suffix}`,
  name: `Test ${suffix}`,
  email: `${run}-${suffix}@probity.test`,
  role,
  rank,
  team: 'north-response',
  division: 'north',
  managerId,
});
const people = {
  constable: person('constable', 'front-line', 'constable'),
  ops: person('ops', 'ops', null),
  handler: person('handler', 'psd-handler', 'sergeant'),
  manager: person('manager', 'psd-manager', 'chief-inspector'),
};
const report = person('report', 'psd-handler', null, people.manager.id);
const tokens: Record<keyof typeof people | 'report', string> = { constable: '', ops: '', handler: '', manager: '', report: '' };

beforeAll(async () => {
  for (const p of [...Object.values(people), report]) await db.person.upsert({ where: { id: p.id }, create: p, update: p });
  for (const [k, p] of Object.entries({ ...people, report })) tokens[k as keyof typeof tokens] = await providerToken(p.id);

  consumer = kafka.consumer({ groupId: uniqueId('intake-test-group') });
  await consumer.connect();
  await consumer.subscribe({ topic: physicalTopic(TOPICS.caseReceived), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const value: unknown = JSON.parse(message.value!.toString('utf8'));
      const key = message.key?.toString('utf8') ?? '';
      received.set(key, [...(received.get(key) ?? []), value]);
    },
  });

  relay = newRelay();
  relay.start();
  const app = createIntakeApp({
    db,
    log,
    auth: testAuth(db),
    caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET,
    workflows,
    publicRateLimit: 10_000,
    outbox: { nudge: () => relay.nudge() },
  });
  ({ server, base } = await listen(app));
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await relay?.stop();
  await consumer?.disconnect();
  await db.task.deleteMany({ where: { assigneeId: { startsWith: run } } });
  await db.person.updateMany({ where: { id: { startsWith: run } }, data: { managerId: null } });
  await db.person.deleteMany({ where: { id: { startsWith: run } } });
  await temporal.close();
  await db.$disconnect();
});

// ---------------------------------------------------------------------------------------------

describe('POST /complaints (public form)', () => {
  it('accepts a complaint: 202 with a reference, stores the case, and publishes case.received without personal data', async () => {
    const form = complaint();
    const res = await call<Accepted>('POST', '/complaints', { json: form });
    expect(res.status).toBe(202);
    const { ref, caseId, token, progressUrl } = res.body;
    expect(ref).toMatch(new RegExp(`^CO-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(progressUrl).toBe(`/complaints/${ref}/progress`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('ratelimit-policy')).toBeTruthy();

    const row = await db.case.findUniqueOrThrow({ where: { id: caseId }, include: { allegations: { orderBy: { seq: 'asc' } } } });
    expect(row).toMatchObject({ ref, kind: 'complaint', stage: 'received', channel: 'web', resolvedAtFirstContact: false, closedAt: null });
    expect(row.publicTokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row.complainant).toMatchObject({ name: form.complainant.name, email: form.complainant.email });
    expect(row.incident).toMatchObject({ where: form.incident.where });
    expect(row.allegations.map((a) => [a.seq, a.category, a.description])).toEqual([
      [1, 'individual-behaviour', 'shouted abuse at me'],
      [2, 'use-of-force', 'pushed me against a wall'],
    ]);
    expect(Math.abs(row.receivedAt.getTime() - Date.now())).toBeLessThan(60_000);

    const outbox = await db.outboxEvent.findMany({ where: { key: caseId } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.topic).toBe(TOPICS.caseReceived);
    expect(parseEvent(outbox[0]!.payload, caseReceivedSchema).data.ref).toBe(ref);

    // The relay publishes it; a consumer of case.received gets a valid envelope for this case.
    const raw = await eventFor(caseId);
    const event: Envelope<CaseReceived> = parseEvent(raw, caseReceivedSchema);
    expect(event.subject).toBe(caseId);
    expect(event.data).toMatchObject({ caseId, ref, kind: 'complaint', channel: 'web', subjects: [{ team: 'north-response', division: 'north' }] });
    expect(event.data.allegations.map((a) => a.category)).toEqual(['individual-behaviour', 'use-of-force']);
    expect(event.data.allegations.map((a) => a.id)).toEqual(row.allegations.map((a) => a.id));
    const text = JSON.stringify(raw);
    for (const personal of [form.complainant.name, form.complainant.email, '07700', 'Market Square', 'shouted', 'pushed', 'beard']) {
      expect(text).not.toContain(personal);
    }
    await eventually(async () => ((await db.outboxEvent.findUnique({ where: { id: event.id } }))?.publishedAt ? true : undefined), 'publishedAt');
  });

  it.each([
    ['missing allegations', (f: ReturnType<typeof complaint>) => ({ ...f, allegations: undefined }), 'allegations'],
    ['a bad email', (f: ReturnType<typeof complaint>) => ({ ...f, complainant: { ...f.complainant, email: 'jane-at-example' } }), 'complainant.email'],
    ['an incident in the future', (f: ReturnType<typeof complaint>) => ({ ...f, incident: { ...f.incident, when: '2999-01-01' } }), 'incident.when'],
    [
      'an unknown category',
      (f: ReturnType<typeof complaint>) => ({ ...f, allegations: [{ category: 'rudeness', description: 'rude' }] }),
      'allegations.0.category',
    ],
    ['no way to contact', (f: ReturnType<typeof complaint>) => ({ ...f, complainant: { name: 'X', preferredContact: 'email' } }), 'complainant'],
    ['a short account', (f: ReturnType<typeof complaint>) => ({ ...f, incident: { ...f.incident, what: 'bad' } }), 'incident.what'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_label, change, field) => {
    const form = complaint();
    const res = await call<ErrorBody>('POST', '/complaints', { json: change(form) });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.fields!.map((f) => f.field)).toEqual([field]);
    expect(res.body.fields![0]!.message).toBeTruthy();
    expect(await casesNamed(form.complainant.name)).toBe(0);
  });

  it('answers 413 for a body over 64 kB, 400 for malformed JSON, 415 for another content type, 404 JSON off the map', async () => {
    const big = complaint();
    big.incident.what = 'x'.repeat(70_000);
    const tooBig = await call<ErrorBody>('POST', '/complaints', { json: big });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toBe('payload_too_large');

    const bad = await call<ErrorBody>('POST', '/complaints', { raw: '{"complainant": {', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_json');
    expect(JSON.stringify(bad.body)).not.toMatch(/at |node_modules|SyntaxError/);

    const form = await call<ErrorBody>('POST', '/complaints', { raw: 'name=Jane', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(form.body.error).toBe('unsupported_media_type');

    const lost = await call<ErrorBody>('GET', '/complaints');
    expect(lost.status).toBe(404);
    expect(lost.body.error).toBe('not_found');
  });

  it('a retry with the same Idempotency-Key returns the same answer and creates one case', async () => {
    const form = complaint();
    const key = `retry-${randomUUID()}`;
    const first = await call<Accepted>('POST', '/complaints', { json: form, headers: { 'idempotency-key': key } });
    const second = await call<Accepted>('POST', '/complaints', { json: form, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await casesNamed(form.complainant.name)).toBe(1);
    // The stored answer keeps the token sealed, never in plain text.
    const stored = await db.idempotencyKey.findUniqueOrThrow({ where: { key } });
    expect(stored.caseId).toBe(first.body.caseId);
    expect(JSON.stringify(stored.response)).not.toContain(first.body.token);

    const other = await call<ErrorBody>('POST', '/complaints', { json: complaint(), headers: { 'idempotency-key': key } });
    expect(other.status).toBe(409);
    expect(other.body.error).toBe('idempotency_key_reused');
  });

  it('concurrent duplicate POSTs with one key make one case', async () => {
    const form = complaint();
    const key = `race-${randomUUID()}`;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => call<Accepted>('POST', '/complaints', { json: form, headers: { 'idempotency-key': key } })),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.body.ref)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.token)).size).toBe(1);
    expect(await casesNamed(form.complainant.name)).toBe(1);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const res = await call<ErrorBody>('POST', '/complaints', { json: complaint(), headers: { 'idempotency-key': 'short' } });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'Idempotency-Key', message: expect.stringContaining('8') }]);
  });

  it('rate-limits the public POST per IP with a JSON 429 and standard headers', async () => {
    const limited = await listen(createIntakeApp({ db, log, auth: testAuth(db), caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows, publicRateLimit: 2 }));
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await call<ErrorBody>('POST', '/complaints', { json: {}, to: limited.base }));
      expect(statuses.map((s) => s.status)).toEqual([400, 400, 429]);
      expect(statuses[2]!.body.error).toBe('rate_limited');
      expect(statuses[2]!.headers.get('ratelimit')).toMatch(/r=0/);
      expect(Number(statuses[2]!.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await new Promise((r) => limited.server.close(r));
    }
  });
});

describe('outbox relay', () => {
  it('keeps a case accepted while Kafka is unreachable, and publishes it when Kafka answers', async () => {
    await relay.stop(); // nothing publishes now
    const res = await call<Accepted>('POST', '/complaints', { json: complaint() });
    expect(res.status).toBe(202);
    const { caseId } = res.body;
    const row = await db.outboxEvent.findFirstOrThrow({ where: { key: caseId } });
    expect(row.publishedAt).toBeNull();

    // A relay whose broker does not answer: the attempt fails, is recorded, and nothing is lost.
    const nowhere = new Kafka({ clientId: 'nowhere', brokers: ['127.0.0.1:1'], retry: { retries: 0 }, connectionTimeout: 500, logLevel: logLevel.NOTHING });
    const dead = createOutboxRelay({ db, log, connectProducer: () => connectProducer(nowhere), sendTimeoutMs: 5_000 });
    const attempt = await dead.drainOnce();
    await dead.stop();
    expect(attempt.published).toBe(0);
    expect(attempt.failed).toBeGreaterThan(0);
    const failed = await db.outboxEvent.findUniqueOrThrow({ where: { id: row.id } });
    expect(failed.publishedAt).toBeNull();
    expect(failed.attempts).toBeGreaterThanOrEqual(1);
    expect(failed.lastError).toBeTruthy();

    relay = newRelay();
    relay.start();
    const event = EnvelopeSchema.parse(await eventFor(caseId));
    expect(event.id).toBe(row.id);
    await eventually(async () => ((await db.outboxEvent.findUnique({ where: { id: row.id } }))?.publishedAt ? true : undefined), 'publishedAt');
  });

  it('sets aside a row that is not a valid envelope instead of sending it or retrying it forever', async () => {
    await relay.stop();
    const id = `${run}-poison`;
    await db.outboxEvent.create({ data: { id, topic: TOPICS.caseReceived, key: id, payload: { not: 'an envelope' } } });
    try {
      const once = newRelay();
      const first = await once.drainOnce();
      expect(first.invalid).toBeGreaterThanOrEqual(1);
      expect(first.ids).not.toContain(id);
      const row = await db.outboxEvent.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ publishedAt: null, attempts: 1, lastError: 'payload is not a valid event envelope' });
      const second = await once.drainOnce();
      expect(second.invalid).toBe(0);
      await once.stop();
      expect(received.has(id)).toBe(false);
    } finally {
      await db.outboxEvent.delete({ where: { id } });
      relay = newRelay();
      relay.start();
    }
  });

  it('two relays draining at once never claim the same row', async () => {
    await relay.stop();
    const accepted = [];
    for (let i = 0; i < 4; i++) accepted.push((await call<Accepted>('POST', '/complaints', { json: complaint() })).body.caseId);
    const ours = (await db.outboxEvent.findMany({ where: { key: { in: accepted } }, select: { id: true } })).map((r) => r.id);
    const a = createOutboxRelay({ db, log, connectProducer: () => connectProducer(kafka), batchSize: 2 });
    const b = createOutboxRelay({ db, log, connectProducer: () => connectProducer(kafka), batchSize: 2 });
    const sentA: string[] = [];
    const sentB: string[] = [];
    for (let pass = 0; pass < 50; pass++) {
      const [ra, rb] = await Promise.all([a.drainOnce(), b.drainOnce()]);
      sentA.push(...ra.ids);
      sentB.push(...rb.ids);
      if (ra.published + rb.published === 0) break;
    }
    await Promise.all([a.stop(), b.stop()]);
    expect(sentA.filter((id) => sentB.includes(id))).toEqual([]);
    expect([...sentA, ...sentB]).toEqual(expect.arrayContaining(ours));
    for (const caseId of accepted) await eventFor(caseId);
    relay = newRelay();
    relay.start();
  });
});

describe('POST /complaints/first-contact (§3.2.2)', () => {
  const body = (resolved: boolean) => ({ ...complaint(), channel: 'counter', firstContact: { resolved, summary: 'explained the stop; complainant satisfied' } });

  it('refuses a deactivated person at once, whatever their token says', async () => {
    const before = await call<ErrorBody>('POST', '/complaints/first-contact', { json: body(false), headers: bearer(tokens.constable) });
    expect(before.status).toBe(202);
    await db.person.update({ where: { id: people.constable.id }, data: { active: false } });
    try {
      const after = await call<ErrorBody>('POST', '/complaints/first-contact', { json: body(false), headers: bearer(tokens.constable) });
      expect(after.status).toBe(401);
      expect(after.body.message).toContain('not an active member of staff');
    } finally {
      await db.person.update({ where: { id: people.constable.id }, data: { active: true } });
    }
  });

  it('needs a bearer token, and a front-line, supervisor or PSD role', async () => {
    const anon = await call<ErrorBody>('POST', '/complaints/first-contact', { json: body(true) });
    expect(anon.status).toBe(401);
    expect(anon.body.error).toBe('unauthorized');
    // A real token whose claims were altered after signing: the signature no longer holds.
    const [h, p, sig] = tokens.constable.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const altered = Buffer.from(JSON.stringify({ ...claims, sub: people.handler.id })).toString('base64url');
    const forged = await call<ErrorBody>('POST', '/complaints/first-contact', { json: body(true), headers: bearer(`${h}.${altered}.${sig}`) });
    expect(forged.status).toBe(401);
    const ops = await call<ErrorBody>('POST', '/complaints/first-contact', { json: body(true), headers: bearer(tokens.ops) });
    expect(ops.status).toBe(403);
    expect(ops.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('ops') });
  });

  it('closes a complaint resolved at first contact, and says so in the event', async () => {
    const res = await call<Accepted>('POST', '/complaints/first-contact', { json: body(true), headers: bearer(tokens.constable) });
    expect(res.status).toBe(202);
    const row = await db.case.findUniqueOrThrow({ where: { id: res.body.caseId } });
    expect(row).toMatchObject({ stage: 'resolved-at-first-contact', resolvedAtFirstContact: true, recordedById: people.constable.id, channel: 'counter' });
    expect(row.closedAt).toBeInstanceOf(Date);
    expect(row.firstContactAt).toBeInstanceOf(Date);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { caseId: row.id } });
    expect(audit).toMatchObject({ actorId: people.constable.id, detail: { firstContact: { resolved: true } } });

    const event = parseEvent(await eventFor(row.id), caseReceivedSchema);
    expect(event.data.firstContact).toEqual({ byId: people.constable.id, at: row.firstContactAt!.toISOString(), resolved: true });
    expect(JSON.stringify(event)).not.toContain('complainant satisfied');
  });

  it('sends an unresolved one on to PSD assessment', async () => {
    const res = await call<Accepted>('POST', '/complaints/first-contact', { json: body(false), headers: bearer(tokens.constable) });
    expect(res.status).toBe(202);
    const row = await db.case.findUniqueOrThrow({ where: { id: res.body.caseId } });
    expect(row).toMatchObject({ stage: 'received', resolvedAtFirstContact: false, closedAt: null, recordedById: people.constable.id });
    const outbox = await db.outboxEvent.findFirstOrThrow({ where: { key: row.id } });
    expect(parseEvent(outbox.payload, caseReceivedSchema).data.firstContact).toMatchObject({ byId: people.constable.id, resolved: false });
  });

  it('requires firstContact.resolved', async () => {
    const res = await call<ErrorBody>('POST', '/complaints/first-contact', { json: complaint(), headers: bearer(tokens.constable) });
    expect(res.status).toBe(400);
    expect(res.body.fields!.map((f) => f.field)).toEqual(['firstContact']);
  });
});

describe('public progress and review (case token)', () => {
  let accepted: Accepted;
  beforeAll(async () => {
    accepted = (await call<Accepted>('POST', '/complaints', { json: complaint() })).body;
  });

  it('shows progress only with the right token; everything else is a 404', async () => {
    const url = `/complaints/${accepted.ref}/progress`;
    const ok = await call('GET', url, { headers: { 'x-case-token': accepted.token } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ref: accepted.ref, stage: 'received' });
    expect(Date.parse(ok.body.receivedAt as string)).not.toBeNaN();
    expect(Date.parse(ok.body.lastUpdatedAt as string)).not.toBeNaN();
    expect(Object.keys(ok.body).sort()).toEqual(['lastUpdatedAt', 'receivedAt', 'ref', 'stage']);

    const byQuery = await call('GET', `${url}?token=${encodeURIComponent(accepted.token)}`);
    expect(byQuery.status).toBe(200);

    const wrong = await call<ErrorBody>('GET', url, { headers: { 'x-case-token': newCaseToken() } });
    const missing = await call<ErrorBody>('GET', url);
    const unknownRef = await call<ErrorBody>('GET', '/complaints/CO-1999-000001/progress', { headers: { 'x-case-token': accepted.token } });
    for (const r of [wrong, missing, unknownRef]) {
      expect(r.status).toBe(404);
      expect(r.body).toEqual(wrong.body);
    }
  });

  it('a review needs the token; a case without a running workflow is not open for review', async () => {
    const url = `/complaints/${accepted.ref}/review`;
    expect((await call('POST', url, { headers: { 'x-case-token': newCaseToken() } })).status).toBe(404);
    const res = await call<ErrorBody>('POST', url, { headers: { 'x-case-token': accepted.token } });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('review_refused');
  });
});

describe('casework API', () => {
  it('needs a bearer token', async () => {
    expect((await call('GET', '/me/tasks')).status).toBe(401);
    expect((await call('GET', '/cases/CO-2026-000001')).status).toBe(401);
    const res = await call<ErrorBody>('POST', '/cases/CO-2026-000001/tasks/t1/complete', { json: { payload: {} } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('answers 404 for a task of a case with no workflow', async () => {
    const unknown = await call<ErrorBody>('POST', `/cases/CO-2026-9${Date.now()}/tasks/t1/complete`, {
      json: { payload: {} },
      headers: bearer(tokens.handler),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('not_found');
    const notARef = await call<ErrorBody>('POST', '/cases/not-a-ref/tasks/t1/complete', { headers: bearer(tokens.handler) });
    expect(notARef.status).toBe(404);
  });

  it('shows a case record to PSD only', async () => {
    const { ref } = (await call<Accepted>('POST', '/complaints', { json: complaint() })).body;
    expect((await call('GET', `/cases/${ref}`, { headers: bearer(tokens.constable) })).status).toBe(403);
    const res = await call<{ case: Record<string, unknown>; state: unknown; workflow: string }>('GET', `/cases/${ref}`, { headers: bearer(tokens.handler) });
    expect(res.status).toBe(200);
    expect(res.body.case.ref).toBe(ref);
    expect(res.body.case).not.toHaveProperty('publicTokenHash');
    expect((res.body.case.allegations as unknown[]).length).toBe(2);
    expect(res.body).toMatchObject({ state: null, workflow: 'not-started' });
    expect((await call('GET', '/cases/CO-1999-000001', { headers: bearer(tokens.handler) })).status).toBe(404);
  });

  it('lists my open tasks, and those of the people I manage', async () => {
    const task = (id: string, assigneeId: string, completedAt: Date | null = null) => ({
      id: `${run}-${id}`,
      caseId: 'case-x',
      caseRef: 'CO-2026-000001',
      workflowId: 'complaint-CO-2026-000001',
      type: 'assessment',
      assigneeId,
      dueAt: new Date('2026-02-01T00:00:00Z'),
      createdAt: new Date('2026-01-20T00:00:00Z'),
      completedAt,
    });
    await db.task.createMany({
      data: [task('t-mgr', people.manager.id), task('t-rep', report.id), task('t-done', report.id, new Date()), task('t-other', people.handler.id)],
    });
    type TaskRow = { id: string; mine: boolean };
    const mgr = await call<{ tasks: TaskRow[] }>('GET', '/me/tasks', { headers: bearer(tokens.manager) });
    expect(mgr.status).toBe(200);
    expect(mgr.body.tasks.map((t) => [t.id, t.mine]).sort()).toEqual([
      [`${run}-t-mgr`, true],
      [`${run}-t-rep`, false],
    ]);
    const rep = await call<{ tasks: TaskRow[] }>('GET', '/me/tasks', { headers: bearer(tokens.report) });
    expect(rep.body.tasks.map((t) => t.id)).toEqual([`${run}-t-rep`]);
  });
});

describe('casework against a running workflow (contract stand-in on the real Temporal server)', () => {
  const ref = `CO-2026-8${Date.now()}`;
  const caseToken = newCaseToken();
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    await db.case.create({
      data: {
        id: randomUUID(),
        ref,
        kind: 'complaint',
        channel: 'web',
        stage: 'assessment',
        receivedAt: new Date('2026-01-05T09:00:00Z'),
        publicTokenHash: hashCaseToken(caseToken),
        complainant: { name: 'Stand-in', email: 'stand-in@example.org', preferredContact: 'email' },
        incident: { what: 'stand-in case for the workflow contract', when: '2026-01-04', where: 'nowhere' },
        subjects: [],
      },
    });
    const taskQueue = uniqueId('intake-stand-in');
    worker = await Worker.create({
      connection: await connectWorkerConnection(config),
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowsPath: fileURLToPath(new URL('./fixtures/complaint-stand-in.ts', import.meta.url)),
      dataConverter: dataConverter(config.PAYLOAD_KEY),
    });
    running = worker.run();
    const client = await temporal.get();
    await client.workflow.start('complaint', { taskQueue, workflowId: complaintWorkflowId(ref), args: [ref, people.handler.id] });
  });

  afterAll(async () => {
    const client = await temporal.get();
    await client.workflow.getHandle(complaintWorkflowId(ref)).terminate('test over').catch(() => undefined);
    worker?.shutdown();
    await running;
  });

  it('the complainant sees the review window; a refused review is a 409 with the validator\'s message', async () => {
    const progress = await call('GET', `/complaints/${ref}/progress`, { headers: { 'x-case-token': caseToken } });
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({ stage: 'assessment', reviewWindowClosesOn: '2026-01-31' });

    const review = await call<ErrorBody>('POST', `/complaints/${ref}/review`, { headers: { 'x-case-token': caseToken } });
    expect(review.status).toBe(409);
    expect(review.body).toEqual({ error: 'review_refused', message: REVIEW_REFUSAL });
  });

  it('GET /cases/:ref carries the workflow state', async () => {
    const res = await call<{ state: ComplaintState; workflow: string }>('GET', `/cases/${ref}`, { headers: bearer(tokens.handler) });
    expect(res.status).toBe(200);
    expect(res.body.workflow).toBe('running');
    expect(res.body.state.openTasks.map((t) => t.id)).toEqual(['assessment-1']);
  });

  it('a refused task completion is a 409 saying why; an accepted one returns the completed task', async () => {
    const url = `/cases/${ref}/tasks/assessment-1/complete`;
    const wrongActor = await call<ErrorBody>('POST', url, { json: { payload: { decision: 'schedule-3' } }, headers: bearer(tokens.manager) });
    expect(wrongActor.status).toBe(409);
    expect(wrongActor.body).toEqual({ error: 'task_refused', message: `task assessment-1 is assigned to ${people.handler.id}, not ${people.manager.id}` });

    const badPayload = await call<ErrorBody>('POST', url, { json: { payload: { decision: 'maybe' } }, headers: bearer(tokens.handler) });
    expect(badPayload.status).toBe(409);
    expect(badPayload.body.message).toMatch(/payload.decision/);

    const done = await call<{ task: Task }>('POST', url, { json: { payload: { decision: 'schedule-3' } }, headers: bearer(tokens.handler) });
    expect(done.status).toBe(200);
    expect(done.body.task).toMatchObject({ id: 'assessment-1', completedBy: people.handler.id });

    const again = await call<ErrorBody>('POST', url, { json: { payload: { decision: 'schedule-3' } }, headers: bearer(tokens.handler) });
    expect([404, 409]).toContain(again.status);
  });
});

describe('OpenAPI, readiness and the token CLI', () => {
  it('serves the OpenAPI 3.1 document', async () => {
    const res = await call<{ openapi: string; paths: Record<string, unknown> }>('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths).toHaveProperty(['/complaints/{ref}/review']);
  });

  it('/readyz checks postgres, kafka and temporal for real', async () => {
    const root = express();
    createServiceRuntime({ service: 'intake', port: 0, log, app: root, readiness: intakeReadiness({ db, kafka, temporal }) });
    root.use(createIntakeApp({ db, log, auth: testAuth(db), caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows, publicRateLimit: 5 }));
    const svc = await listen(root);
    try {
      const ready = await call<{ status: string; checks: { name: string; ok: boolean }[] }>('GET', '/readyz', { to: svc.base });
      expect(ready.status).toBe(200);
      expect(ready.body.checks.map((c) => [c.name, c.ok])).toEqual([
        ['postgres', true],
        ['kafka', true],
        ['temporal', true],
      ]);
      expect((await call('GET', '/nope', { to: svc.base })).status).toBe(404);
    } finally {
      await new Promise((r) => svc.server.close(r));
    }
  });

  it('npm run token prints only a provider-issued access token on stdout', async () => {
    const script = fileURLToPath(new URL('../../../infra/oidc/token.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
    const runCli = (personId: string) =>
      new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
        const child = spawn(tsx, [script, personId], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout }));
      });
    const out = await runCli(people.handler.id);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect((await testAuth(db).verifier.verify(out.stdout.trim())).sub).toBe(people.handler.id);
    const unknown = await runCli(`${run}-nobody`);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
  });

});
