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
import { testAuth } from '@probity/shared/testing/oidc';
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
import { complaintWorkflowId } from '@probity/workflows/complaint/contract';
import { createIntakeApp } from '@probity/intake/app';
import { hashCaseToken, newCaseToken } from '@probity/shared/complaint/case-token';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { createOutboxRelay, type OutboxRelay } from '@probity/shared/outbox/relay';
import { caseServiceReadiness } from '@probity/shared/runtime/case-service-readiness';
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


/** A valid complaint whose complainant name is unique, so its cases can be counted. */
function complaint(name = `Complainant ${randomUUID()}`) {
  return {
    complainant: { name, email: `${name.replace(/\W/g, '').toLowerCase()}@example.org`, phone: '07700 900123', preferredContact: 'email' },
    incident: { what: 'The officer shouted at me and pushed me in the street.', when: '2026-01-10', where: 'Market Square, Northtown' },
    subjects: [{ description: 'tall officer with a beard', team: 'north-response', division: 'north' }],
    allegations: [
      { category: 'individual-behaviours', description: 'shouted abuse at me' },
      { category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', description: 'pushed me against a wall' },
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
// People: a PSD handler, unique to this run (the stand-in workflow's assignee; the token CLI's person).

const people = {
  handler: { id: `${run}-handler`, name: 'Test handler', email: `${run}-handler@probity.test`, role: 'psd-handler', rank: 'sergeant', team: 'psd', division: 'hq' },
};

beforeAll(async () => {
  for (const p of Object.values(people)) await db.person.upsert({ where: { id: p.id }, create: p, update: p });

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
    caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET,
    workflows,
    publicRateLimit: 10_000, rateLimitKey: randomUUID(),
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
      [1, 'individual-behaviours', 'shouted abuse at me'],
      [2, 'police-powers-policies-and-procedures', 'pushed me against a wall'],
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
    expect(event.data.allegations.map((a) => a.category)).toEqual(['individual-behaviours', 'police-powers-policies-and-procedures']);
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

  it('stores a serious-corruption complaint restricted, with its coded allegation, its subjects and its complainants (DOMAIN.md)', async () => {
    const form = {
      ...complaint(),
      otherComplainants: [{ name: 'A Witness', address: '2 High Street', preferredContact: 'post', role: 'witness' }],
      subjects: [{ description: 'the officer who took my statement', kind: 'officer' }],
      allegations: [{ category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose', description: 'messaged me after taking my statement', factors: ['vulnerable-person'] }],
    };
    const res = await call<Accepted>('POST', '/complaints', { json: form });
    expect(res.status).toBe(202);
    const row = await db.case.findUniqueOrThrow({ where: { id: res.body.caseId }, include: { allegations: true, complainants: { orderBy: { seq: 'asc' } }, caseSubjects: true } });
    expect(row).toMatchObject({ restricted: true, restrictionReason: 'serious-corruption', recordedById: null });
    expect(row.allegations.map((a) => [a.category, a.subCategory, a.factors, a.codeListVersion])).toEqual([
      ['abuse-of-position-or-corruption', 'abuse-of-position-for-sexual-purpose', ['vulnerable-person'], 'iopc-2021-01'],
    ]);
    expect(row.complainants.map((c) => [c.role, c.name])).toEqual([['adversely-affected', form.complainant.name], ['witness', 'A Witness']]);
    expect(row.caseSubjects.map((x) => x.kind)).toEqual(['officer']);
    const event = parseEvent(await eventFor(res.body.caseId), caseReceivedSchema);
    expect(event.data.allegations).toEqual([{ id: row.allegations[0]!.id, category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose' }]);
    // A sub-category outside its category is refused, naming the field.
    const wrong = await call<ErrorBody>('POST', '/complaints', { json: { ...complaint(), allegations: [{ category: 'individual-behaviours', subCategory: 'sexual-assault', description: 'x' }] } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields).toEqual([{ field: 'allegations.0.subCategory', message: "subCategory 'sexual-assault' is not in category 'individual-behaviours'" }]);
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
    expect(lost.status).toBe(405);
    expect(lost.headers.get('allow')).toBe('POST, OPTIONS');
    expect(lost.body.error).toBe('method_not_allowed');
    expect((await call<ErrorBody>('GET', '/nowhere')).status).toBe(404);
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

  it('numbers concurrent complaints without gaps or repeats, and every copy of a case carries its number', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `numbering-${randomUUID()}-${i}`);
    const forms = keys.map(() => complaint());
    const answers = await Promise.all(keys.map((key, i) => call<Accepted>('POST', '/complaints', { json: forms[i], headers: { 'idempotency-key': key } })));
    expect(answers.map((a) => a.status)).toEqual(keys.map(() => 202));
    const seqs = answers.map((a) => Number(a.body.ref.split('-')[2])).sort((x, y) => x - y);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    for (const [i, a] of answers.entries()) {
      const { ref, caseId } = a.body;
      expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).ref).toBe(ref);
      const outbox = await db.outboxEvent.findMany({ where: { key: caseId } });
      expect(outbox.map((o) => parseEvent(o.payload, caseReceivedSchema).data.ref)).toEqual([ref]);
      expect((await db.idempotencyKey.findUniqueOrThrow({ where: { key: keys[i]! } })).response).toMatchObject({ ref, caseId });
      // A retry answers the same number.
      const retry = await call<Accepted>('POST', '/complaints', { json: forms[i], headers: { 'idempotency-key': keys[i]! } });
      expect([retry.status, retry.body.ref]).toEqual([202, ref]);
    }
    expect(await db.case.count({ where: { ref: { startsWith: 'PENDING-' } } })).toBe(0);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const res = await call<ErrorBody>('POST', '/complaints', { json: complaint(), headers: { 'idempotency-key': 'short' } });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'Idempotency-Key', message: expect.stringContaining('8') }]);
  });

  it('rate-limits the public POST per IP with a JSON 429 and standard headers', async () => {
    const limited = await listen(createIntakeApp({ db, log, caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows, publicRateLimit: 2, rateLimitKey: randomUUID() }));
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

    // The header only: a token in the query string would be written to every log on the way.
    const byQuery = await call<ErrorBody>('GET', `${url}?token=${encodeURIComponent(accepted.token)}`);
    expect(byQuery.status).toBe(404);

    const wrong = await call<ErrorBody>('GET', url, { headers: { 'x-case-token': newCaseToken() } });
    const missing = await call<ErrorBody>('GET', url);
    const unknownRef = await call<ErrorBody>('GET', '/complaints/CO-1999-000001/progress', { headers: { 'x-case-token': accepted.token } });
    for (const r of [wrong, missing, unknownRef, byQuery]) {
      expect(r.status).toBe(404);
      expect(r.body).toEqual(wrong.body);
    }
  });

  it('a review needs the token and a reason; a case without a running workflow is not open for review', async () => {
    const url = `/complaints/${accepted.ref}/review`;
    const reason = { reason: 'The outcome did not deal with what the officer said.' };
    expect((await call('POST', url, { json: reason, headers: { 'x-case-token': newCaseToken() } })).status).toBe(404);
    expect((await call('POST', `${url}?token=${encodeURIComponent(accepted.token)}`, { json: reason })).status).toBe(404);

    const noReason = await call<ErrorBody>('POST', url, { json: {}, headers: { 'x-case-token': accepted.token } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields).toEqual([{ field: 'reason', message: 'Tell us why you want the outcome reviewed' }]);
    expect((await call<ErrorBody>('POST', url, { raw: 'reason=x', headers: { 'x-case-token': accepted.token, 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);

    const res = await call<ErrorBody>('POST', url, { json: reason, headers: { 'x-case-token': accepted.token } });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('review_refused');
    // The application and its grounds are on the case record, with the answer it got.
    const entry = await db.auditEntry.findFirstOrThrow({ where: { caseId: accepted.caseId, action: 'review-application' } });
    expect(entry).toMatchObject({ actorId: 'public', detail: { reason: reason.reason, answer: 'refused', refusal: expect.stringMatching(/not open for review/) } });
  });
});

describe('progress and review against a running workflow (contract stand-in on the real Temporal server)', () => {
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

    const review = await call<ErrorBody>('POST', `/complaints/${ref}/review`, { json: { reason: 'too late, I know' }, headers: { 'x-case-token': caseToken } });
    expect(review.status).toBe(409);
    expect(review.body).toEqual({ error: 'review_refused', message: REVIEW_REFUSAL });
  });
});

describe('bad input is a 4xx naming the field, never a 500', () => {
  const post = (raw: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(`${base}/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw }).then(async (res) => ({
      status: res.status,
      headers: res.headers,
      body: (await res.json()) as ErrorBody,
    }));
  const fieldsOf = (b: ErrorBody) => (b.fields ?? []).map((f) => f.field);

  it('a body that is not the compression it claims: 400 naming Content-Encoding', async () => {
    for (const encoding of ['gzip', 'br', 'deflate']) {
      const res = await post(JSON.stringify(complaint()), { 'content-encoding': encoding });
      expect(res.status, encoding).toBe(400);
      expect(res.body.error).toBe('invalid_encoding');
      expect(fieldsOf(res.body)).toEqual(['Content-Encoding']);
    }
    const odd = await post(JSON.stringify(complaint()), { 'content-encoding': 'x-compress' });
    expect(odd.status).toBe(415);
    expect(fieldsOf(odd.body)).toEqual(['Content-Encoding']);
  });

  it('a real gzip body is read', async () => {
    const { gzipSync } = await import('node:zlib');
    const res = await post(gzipSync(JSON.stringify(complaint())), { 'content-encoding': 'gzip' });
    expect(res.status).toBe(202);
  });

  it('a NUL character or a lone surrogate in any text: 400 naming the field', async () => {
    const nul = complaint();
    nul.incident.where = 'Market\u0000Square';
    const a = await post(JSON.stringify(nul));
    expect(a.status).toBe(400);
    expect(a.body.error).toBe('validation_failed');
    expect(fieldsOf(a.body)).toEqual(['incident.where']);

    // JSON.stringify escapes a lone surrogate as \ud800, which JSON.parse turns back into one.
    const lone = complaint();
    lone.allegations[0]!.description = 'shouted \ud800 abuse';
    const b = await post(JSON.stringify(lone));
    expect(b.status).toBe(400);
    expect(fieldsOf(b.body)).toEqual(['allegations.0.description']);

    const key = await post(JSON.stringify({ ...complaint(), ['bad\u0000key']: 1 }));
    expect(key.status).toBe(400);
  });

  it('a deeply nested body: 400, not a stack overflow', async () => {
    const deep = `{"flags":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const res = await post(deep);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)[0]).toMatch(/^flags(\.a)+$/);
  });

  it('a path parameter that is not a case reference: 400 naming it; a malformed escape: 400', async () => {
    const res = await call<ErrorBody>('GET', '/complaints/not-a-ref/progress', { headers: { 'x-case-token': 'x' } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['ref']);
    const escape = await call<ErrorBody>('GET', '/complaints/%E0%A4%A/progress');
    expect(escape.status).toBe(400);
    expect(escape.body.error).toBe('invalid_request');
  });

  it('a malformed Idempotency-Key: 400 naming the header', async () => {
    const res = await post(JSON.stringify(complaint()), { 'idempotency-key': 'short' });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['Idempotency-Key']);
  });

  it('every answer says Cache-Control: no-store, and OPTIONS names the methods', async () => {
    const bad = await post('{');
    expect(bad.headers.get('cache-control')).toBe('no-store');
    const options = await fetch(`${base}/complaints/CO-2026-000001/review`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('POST, OPTIONS');
    const wrong = await call<ErrorBody>('DELETE', '/complaints/CO-2026-000001/progress');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(wrong.headers.get('cache-control')).toBe('no-store');
  });
});

describe('OpenAPI, readiness and the token CLI', () => {
  it('serves the OpenAPI 3.1 document', async () => {
    const res = await call<{ openapi: string; paths: Record<string, unknown> }>('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths).sort()).toEqual(['/complaints', '/complaints/{ref}/progress', '/complaints/{ref}/review', '/openapi.json']);
    const doc = res.body as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
      components: { schemas: Record<string, { required?: string[] }>; securitySchemes: Record<string, unknown> };
    };
    // Answers are documented from the schemas the code answers with, errors included.
    expect(Object.keys(doc.paths['/complaints']!.post!.responses).sort()).toEqual(['202', '400', '409', '413', '415', '429', '500', '503']);
    expect(doc.components.schemas.ComplaintAccepted!.required).toEqual(['ref', 'caseId', 'token', 'progressUrl']);
    expect(doc.components.schemas.Progress!.required).toEqual(['ref', 'stage', 'receivedAt', 'lastUpdatedAt']);
    expect(JSON.stringify(doc.paths['/complaints']!.post!.responses['409'])).toContain('idempotency_key_reused');
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['caseToken']);
    // The review request's body is the schema the pages validate with too.
    const review = doc.paths['/complaints/{ref}/review']!.post! as unknown as { requestBody: unknown; responses: Record<string, unknown> };
    expect(JSON.stringify(review.requestBody)).toContain('ReviewRequest');
    expect(doc.components.schemas.ReviewRequest!.required).toEqual(['reason']);
    expect(Object.keys(review.responses)).toEqual(expect.arrayContaining(['400', '409', '503']));
    expect(JSON.stringify((doc.paths['/complaints']!.post! as unknown as { requestBody: unknown }).requestBody)).toContain('outcomeWanted');
  });

  it('/readyz checks postgres, kafka and temporal for real', async () => {
    const root = express();
    createServiceRuntime({ service: 'intake', port: 0, log, app: root, readiness: caseServiceReadiness({ db, kafka, temporal }) });
    root.use(createIntakeApp({ db, log, caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows, publicRateLimit: 5, rateLimitKey: randomUUID() }));
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

  it('/readyz stays ready while Kafka is unreachable (the outbox keeps accepting), and says so', async () => {
    const root = express();
    const deadKafka = createKafka(['127.0.0.1:1'], 'probity-readiness-test');
    createServiceRuntime({ service: 'intake', port: 0, log, app: root, readiness: intakeReadiness({ db, kafka: deadKafka, temporal }) });
    const svc = await listen(root);
    try {
      const ready = await call<{ status: string; checks: { name: string; ok: boolean; informational?: boolean }[] }>('GET', '/readyz', { to: svc.base });
      expect(ready.status).toBe(200);
      expect(ready.body.checks.find((c) => c.name === 'kafka')).toMatchObject({ ok: false, informational: true });
      expect(ready.body.checks.find((c) => c.name === 'postgres')).toMatchObject({ ok: true });
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
