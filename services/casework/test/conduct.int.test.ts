// The conduct matter API against the real Postgres, Kafka and Temporal dev server that
// `infra/probity test` brings up, with a worker running the real conduct workflow and the real
// activities on this run's own task queue. No time passes here: the officer responds within each
// window, so the matter runs from PSD assessment through a misconduct meeting to reflective
// practice, and the §3.3.9 seal is tested on who really worked on the proceedings.
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer, Producer } from 'kafkajs';
import { Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { providerToken, testAuth } from '@probity/shared/testing/oidc';
import { loadConfig } from '@probity/shared/config';
import { ENGLAND_AND_WALES } from '@probity/shared/domain/index';
import { createDb } from '@probity/shared/db/client';
import { DEMO_PEOPLE } from '@probity/shared/db/demo-people';
import { seedPeople } from '@probity/shared/db/seed';
import { recordProceedingsRole } from '@probity/activities/conduct';
import { parseEvent } from '@probity/shared/events/envelope';
import { caseReceivedSchema } from '@probity/shared/events/schemas';
import { TOPICS } from '@probity/shared/events/topics';
import { connectProducer, createKafka, physicalTopic } from '@probity/shared/kafka';
import { createLogger } from '@probity/shared/log';
import { connectTemporalClient, connectWorkerConnection } from '@probity/shared/temporal/connect';
import { dataConverter } from '@probity/shared/temporal/codec';
import { uniqueId } from '@probity/shared/testing/temporal';
import { createActivities } from '@probity/activities/index';
import { buildConductInput, startConductWorkflow } from '@probity/allocation/conduct-start';
import { conductWorkflowId, type ConductState, type ConductTask } from '@probity/workflows/conduct/contract';
import { createCaseworkApp } from '../src/app';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { conductWorkflows } from '../src/conduct/conduct-workflows';
import { createOutboxRelay, type OutboxRelay } from '@probity/shared/outbox/relay';

const config = loadConfig();
const log = createLogger('conduct-intake-test', 'silent');
const db = createDb(config.DATABASE_URL);
const kafka = createKafka(config.KAFKA_BROKERS, uniqueId('conduct-intake-test'));
const temporal = lazyTemporal(() => connectTemporalClient(config));
const workflowsPath = fileURLToPath(new URL('../../../workflows/src/index.ts', import.meta.url));
const taskQueue = uniqueId('conduct-intake');

let server: Server;
let base: string;
let relay: OutboxRelay;
let consumer: Consumer;
let producer: Producer;
let worker: Worker;
let running: Promise<void>;
let client: Client;
const started: string[] = [];
const received = new Map<string, unknown>();

// ---------------------------------------------------------------------------------------------
// People: the demo workforce (DOMAIN.md roles), plus an ops engineer for "no business here".

const tokens = new Map<string, string>();
const as = (id: string) => ({ authorization: `Bearer ${tokens.get(id)}` });

interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}
type ErrorBody = { error: string; message: string; basis?: string; fields?: { field: string; message: string }[] };
type Accepted = { ref: string; caseId: string; url: string; triage: { route: string; basis: string; explanation: string } };

async function call<T = Record<string, unknown>>(method: string, path: string, opts: { json?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, body: opts.json === undefined ? undefined : JSON.stringify(opts.json) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as T };
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const matter = (over: Record<string, unknown> = {}) => ({
  subject: { personId: 'north-constable', team: 'north-response' },
  standards: ['authority-respect-and-courtesy', 'discreditable-conduct'],
  account: { what: `Swore at a motorist during a stop (${uniqueId('account')}).`, when: '2026-11-01', where: 'London Road, Northtown' },
  view: 'on-the-cusp',
  ...over,
});

/** Starts conduct-<ref> as the allocation service would (its own input builder), on this run's queue. */
async function startWorkflow(accepted: Accepted, raisedBy: string) {
  const event = parseEvent(await eventually(`case.received for ${accepted.ref}`, async () => received.get(accepted.caseId)), caseReceivedSchema);
  const person = async (id: string) => db.person.findUniqueOrThrow({ where: { id } });
  const row = await db.conductMatter.findUniqueOrThrow({ where: { caseId: accepted.caseId } });
  const input = buildConductInput(event.data, {
    raisedBy: await person(raisedBy),
    subject: await person('north-constable'),
    view: row.supervisorView as 'on-the-cusp',
    ...(row.source ? { source: { source: row.source as 'other', ...(row.sourceDetail ? { sourceDetail: row.sourceDetail } : {}) } } : {}),
    discussedWithChiefInspector: false,
    chiefInspectorId: raisedBy === 'north-chief-inspector' ? 'north-lead' : 'north-chief-inspector',
    psdAssessorId: 'psd-handler-1',
    appropriateAuthorityId: 'psd-manager',
    reflectiveReviewerId: 'north-sergeant',
  });
  await startConductWorkflow(client, taskQueue, input);
  started.push(conductWorkflowId(accepted.ref));
}

const stateOf = async (ref: string) => (await call<{ state: ConductState }>('GET', `/conduct-matters/${ref}`, { headers: as('psd-handler-1') })).body.state;
/**
 * An open task as its assignee meets it: in the workflow and in their inbox (the Task row the
 * openTask activity writes just after). Who is working on a case — which lets a reviewer in the
 * subject's own team in — is read from those rows, so a test that raced ahead of the row would be
 * refused as the subject's team.
 */
async function openTask(ref: string, type: string): Promise<ConductTask> {
  return eventually(`an open ${type} task on ${ref}`, async () => {
    const task = (await stateOf(ref))?.openTasks.find((t) => t.type === type);
    return task && (await db.task.findUnique({ where: { id: task.id } })) ? task : undefined;
  });
}
async function completeTask(ref: string, type: string, by: string, payload: unknown) {
  const task = await openTask(ref, type);
  return call<{ task: ConductTask } & ErrorBody>('POST', `/conduct-matters/${ref}/tasks/${task.id}/complete`, { json: { payload }, headers: as(by) });
}

beforeAll(async () => {
  // The demo workforce as the seed writes it: an earlier file may have moved a reporting line.
  await seedPeople(db, { reactivate: true });
  for (const p of DEMO_PEOPLE) tokens.set(p.id, await providerToken(p.id));

  consumer = kafka.consumer({ groupId: uniqueId('conduct-intake-group') });
  await consumer.connect();
  await consumer.subscribe({ topic: physicalTopic(TOPICS.caseReceived), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      received.set(message.key?.toString('utf8') ?? '', JSON.parse(message.value!.toString('utf8')));
    },
  });

  producer = await connectProducer(kafka);
  worker = await Worker.create({
    connection: await connectWorkerConnection(config),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath,
    activities: createActivities({ db, producer, log }),
    dataConverter: dataConverter(config.PAYLOAD_KEY),
  });
  running = worker.run();
  client = await temporal.get();

  relay = createOutboxRelay({ db, log, connectProducer: () => connectProducer(kafka), idleMs: 200, minBackoffMs: 200 });
  relay.start();
  const app = createCaseworkApp({
    db,
    log,
    auth: testAuth(db),
    caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET,
    workflows: complaintWorkflows(temporal),
    conductWorkflows: conductWorkflows(temporal),
    outbox: { nudge: () => relay.nudge() },
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await relay?.stop();
  await consumer?.disconnect();
  for (const id of started) await client?.workflow.getHandle(id).terminate('conduct intake test over').catch(() => undefined);
  worker?.shutdown();
  await running;
  await producer?.disconnect();
  await temporal.close();
  await db.$disconnect();
});

// ---------------------------------------------------------------------------------------------

describe('POST /conduct-matters', () => {
  it('needs a bearer token and a supervisor or above', async () => {
    expect((await call<ErrorBody>('POST', '/conduct-matters', { json: matter() })).status).toBe(401);
    const constable = await call<ErrorBody>('POST', '/conduct-matters', { json: matter({ subject: { personId: 'south-constable' } }), headers: as('north-constable') });
    expect(constable.status).toBe(403);
    expect(constable.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('a supervisor or above') });
    expect((await call('POST', '/conduct-matters', { json: matter(), headers: as('ops') })).status).toBe(403);
  });

  it('answers 400 naming each bad field, and refuses an unknown subject or one’s own conduct', async () => {
    const bad = await call<ErrorBody>('POST', '/conduct-matters', {
      json: { subject: {}, standards: ['rudeness'], account: { what: 'x', when: 'soon', where: 'y' }, view: 'management-advice' },
      headers: as('north-sergeant'),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
    expect(bad.body.fields!.map((f) => f.field)).toEqual(['subject.personId', 'standards.0', 'account.what', 'account.when', 'view']);

    const unknown = await call<ErrorBody>('POST', '/conduct-matters', { json: matter({ subject: { personId: 'nobody-at-all' } }), headers: as('north-sergeant') });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual([{ field: 'subject.personId', message: "no active officer or member of staff with id 'nobody-at-all'" }]);
    const wrongTeam = await call<ErrorBody>('POST', '/conduct-matters', { json: matter({ subject: { personId: 'north-constable', team: 'south-response' } }), headers: as('north-sergeant') });
    expect(wrongTeam.body.fields).toEqual([{ field: 'subject.team', message: 'does not match the team of north-constable (north-response)' }]);
    const own = await call<ErrorBody>('POST', '/conduct-matters', { json: matter({ subject: { personId: 'north-sergeant' } }), headers: as('north-sergeant') });
    expect(own.status).toBe(422);
  });

  it('refuses a sergeant’s direct request for formal PSD assessment with the reason (§3.3.5), storing nothing', async () => {
    const form = matter({ view: 'possible-misconduct' });
    const res = await call<ErrorBody>('POST', '/conduct-matters', { json: form, headers: as('north-sergeant') });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: 'formal_assessment_refused',
      message:
        'A sergeant cannot request a formal PSD assessment of conduct: requests must come via an officer of at least the rank of chief inspector (§3.3.5). ' +
        'Discuss the matter with your chief inspector, who can make the request (§3.3.4).',
      basis: '§3.3.5',
    });
    expect(await db.case.count({ where: { incident: { path: ['what'], equals: form.account.what } } })).toBe(0);
  });

  it('PSD raises possible misconduct for the appropriate authority with its source: §3.3.5 is advice, not a refusal; the source is recorded and reaches the workflow', async () => {
    const withoutSource = await call<ErrorBody>('POST', '/conduct-matters', { json: matter({ view: 'possible-misconduct' }), headers: as('psd-handler-2') });
    expect(withoutSource.status).toBe(403);
    expect(withoutSource.body).toMatchObject({ error: 'formal_assessment_refused', message: expect.stringMatching(/^Police staff .*cannot request/) });
    const notPsd = await call<ErrorBody>('POST', '/conduct-matters', { json: matter({ view: 'possible-misconduct', source: 'whistleblower' }), headers: as('north-chief-inspector') });
    expect(notPsd.status).toBe(403);
    expect(notPsd.body.message).toMatch(/^only PSD, acting for the appropriate authority, may open a severity assessment with a source/);
    const wrongView = await call<ErrorBody>('POST', '/conduct-matters', { json: matter({ view: 'on-the-cusp', source: 'whistleblower' }), headers: as('psd-handler-2') });
    expect(wrongView.status).toBe(400);
    expect(JSON.stringify(wrongView.body)).toMatch(/source is for PSD opening a severity assessment/);
    const noDetail = await call<ErrorBody>('POST', '/conduct-matters', { json: matter({ view: 'possible-misconduct', source: 'other' }), headers: as('psd-handler-2') });
    expect(noDetail.status).toBe(400);
    expect(JSON.stringify(noDetail.body)).toMatch(/sourceDetail is required when source is 'other'/);

    const { status, body } = await call<Accepted>('POST', '/conduct-matters', { json: matter({ view: 'possible-misconduct', source: 'iopc-referral-back' }), headers: as('psd-handler-2') });
    expect(status).toBe(202);
    expect(body.triage).toMatchObject({ route: 'request-formal-assessment', basis: '§3.3.5', explanation: expect.stringMatching(/force policy, not a bar on PSD/) });
    expect(await db.conductMatter.findUniqueOrThrow({ where: { caseId: body.caseId } })).toMatchObject({ source: 'iopc-referral-back', sourceDetail: null, formalRequestById: 'psd-handler-2' });
    await startWorkflow(body, 'psd-handler-2');
    await openTask(body.ref, 'severity-assessment');
    expect((await stateOf(body.ref))?.formalRequest).toMatchObject({ byId: 'psd-handler-2', via: 'intake', source: 'iopc-referral-back' });
  });

  it('accepts a matter: 202 with a CM reference and the triage; one transaction with the outbox; case.received without personal data', async () => {
    const form = matter();
    const res = await call<Accepted>('POST', '/conduct-matters', { json: form, headers: { ...as('north-sergeant'), 'idempotency-key': uniqueId('conduct-key') } });
    expect(res.status).toBe(202);
    const { ref, caseId, triage } = res.body;
    expect(ref).toMatch(new RegExp(`^CM-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(res.headers.get('location')).toBe(`/conduct-matters/${ref}`);
    expect(triage).toMatchObject({ route: 'discuss-with-chief-inspector', basis: '§3.3.4' });

    const row = await db.case.findUniqueOrThrow({ where: { id: caseId }, include: { allegations: { orderBy: { seq: 'asc' } } } });
    expect(row).toMatchObject({ ref, kind: 'conduct', stage: 'received', recordedById: 'north-sergeant', incident: form.account });
    expect(row.allegations.map((a) => [a.category, a.description])).toEqual([
      ['authority-respect-and-courtesy', 'Authority, respect and courtesy'],
      ['discreditable-conduct', 'Discreditable conduct'],
    ]);
    expect(await db.conductMatter.findUniqueOrThrow({ where: { caseId } })).toMatchObject({
      ref, raisedById: 'north-sergeant', supervisorView: 'on-the-cusp', subjectPersonId: 'north-constable', formalRequestById: null,
    });

    const event = parseEvent(await eventually('case.received', async () => received.get(caseId)), caseReceivedSchema);
    expect(event.data).toMatchObject({ caseId, ref, kind: 'conduct', subjects: [{ personId: 'north-constable', team: 'north-response', division: 'north' }] });
    expect(event.data.allegations.map((a) => a.category)).toEqual(['authority-respect-and-courtesy', 'discreditable-conduct']);
    expect(JSON.stringify(event)).not.toContain(form.account.what);
    expect(JSON.stringify(event)).not.toContain('London Road');
  });

  it('a retry with the same Idempotency-Key returns the same matter; another body with it is a 409', async () => {
    const key = uniqueId('conduct-key');
    const form = matter({ view: 'clearly-not-misconduct' });
    const first = await call<Accepted>('POST', '/conduct-matters', { json: form, headers: { ...as('north-sergeant'), 'idempotency-key': key } });
    const again = await call<Accepted>('POST', '/conduct-matters', { json: form, headers: { ...as('north-sergeant'), 'idempotency-key': key } });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.ref).toBe(first.body.ref);
    expect(await db.case.count({ where: { incident: { path: ['what'], equals: form.account.what } } })).toBe(1);
    const reused = await call<ErrorBody>('POST', '/conduct-matters', { json: matter(), headers: { ...as('north-sergeant'), 'idempotency-key': key } });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toBe('idempotency_key_reused');
  });
});

describe('a matter on the real workflow', () => {
  it('refuses a sergeant’s request for formal assessment during triage, and accepts the chief inspector’s (§3.3.5)', async () => {
    const { body } = await call<Accepted>('POST', '/conduct-matters', { json: matter(), headers: as('north-sergeant') });
    await startWorkflow(body, 'north-sergeant');
    await openTask(body.ref, 'chief-inspector-discussion');

    const url = `/conduct-matters/${body.ref}/formal-assessment-request`;
    const sergeant = await call<ErrorBody>('POST', url, { json: { rationale: 'looks like misconduct to me' }, headers: as('north-sergeant') });
    expect(sergeant.status).toBe(403);
    expect(sergeant.body).toMatchObject({ error: 'formal_assessment_refused', basis: '§3.3.5', message: expect.stringMatching(/^A sergeant cannot request a formal PSD assessment/) });
    const staff = await call<ErrorBody>('POST', url, { json: { rationale: 'x' }, headers: as('psd-handler-2') });
    expect(staff.body.message).toMatch(/^Police staff \(grade investigator\) cannot request/);

    const ci = await call<{ state: ConductState }>('POST', url, { json: { rationale: 'possible dishonesty' }, headers: as('north-chief-inspector') });
    expect(ci.status).toBe(200);
    expect(ci.body.state.formalRequest).toMatchObject({ byId: 'north-chief-inspector' });
    await openTask(body.ref, 'severity-assessment');
    const twice = await call<ErrorBody>('POST', url, { json: { rationale: 'again' }, headers: as('north-chief-inspector') });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toMatch(/already requested by north-chief-inspector/);
  });

  it('PSD, acting for the appropriate authority, opens the assessment with its source; a bad source is a 400 naming the field (§3.3.5 is force policy, not law)', async () => {
    const { body } = await call<Accepted>('POST', '/conduct-matters', { json: matter(), headers: as('north-sergeant') });
    await startWorkflow(body, 'north-sergeant');
    await openTask(body.ref, 'chief-inspector-discussion');
    const url = `/conduct-matters/${body.ref}/formal-assessment-request`;

    const badSource = await call<ErrorBody>('POST', url, { json: { rationale: 'r', source: 'rumour' }, headers: as('psd-handler-2') });
    expect(badSource.status).toBe(400);
    expect(JSON.stringify(badSource.body)).toContain('source');
    const noDetail = await call<ErrorBody>('POST', url, { json: { rationale: 'r', source: 'other' }, headers: as('psd-handler-2') });
    expect(noDetail.status).toBe(400);
    expect(JSON.stringify(noDetail.body)).toMatch(/sourceDetail is required when source is 'other'/);
    const sergeant = await call<ErrorBody>('POST', url, { json: { rationale: 'r', source: 'whistleblower' }, headers: as('north-sergeant') });
    expect(sergeant.status).toBe(403);
    expect(sergeant.body.message).toMatch(/only PSD, acting for the appropriate authority/);

    const psd = await call<{ state: ConductState }>('POST', url, { json: { rationale: 'whistleblower report', source: 'whistleblower' }, headers: as('psd-handler-2') });
    expect(psd.status).toBe(200);
    expect(psd.body.state.formalRequest).toMatchObject({ byId: 'psd-handler-2', source: 'whistleblower' });
    await openTask(body.ref, 'severity-assessment');
  });

  it('C&M reg 7: a recordable matter is referred to the IOPC and PSD records the IOPC’s decision; a bad body is a 400 naming the field, a refusal a 409 with the reason', async () => {
    const { body } = await call<Accepted>('POST', '/conduct-matters', { json: matter({ view: 'possible-misconduct' }), headers: as('north-chief-inspector') });
    await startWorkflow(body, 'north-chief-inspector');
    const { ref } = body;
    const url = `/conduct-matters/${ref}/iopc-decision`;
    expect((await completeTask(ref, 'severity-assessment', 'psd-handler-1', { outcome: 'gross-misconduct', rationale: 'sexual advances to a victim', reg7: ['serious-corruption'] })).status).toBe(200);
    await eventually('the IOPC referral', async () => (await stateOf(ref))?.stage === 'iopc-referral');
    const early = await call<ErrorBody>('POST', url, { json: { decision: 'independent', iopcReference: 'IOPC-1' }, headers: as('psd-manager') });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'iopc_decision_refused', message: expect.stringMatching(/complete the IOPC referral task first/) });
    const today = new Date().toISOString().slice(0, 10);
    expect((await completeTask(ref, 'iopc-referral', 'psd-manager', { referredOn: today, iopcReference: 'IOPC-1' })).status).toBe(200);
    await eventually('the IOPC decision', async () => (await stateOf(ref))?.stage === 'iopc-decision');

    const bad = await call<ErrorBody>('POST', url, { json: { decision: 'ignore' }, headers: as('psd-manager') });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/decision must be one of: return-to-force, local, directed, independent/);
    expect(JSON.stringify(bad.body)).toContain('iopcReference');
    const supervisor = await call<ErrorBody>('POST', url, { json: { decision: 'independent', iopcReference: 'IOPC-1' }, headers: as('north-chief-inspector') });
    expect(supervisor.status).toBe(409);
    expect(supervisor.body.message).toMatch(/^only PSD, acting for the appropriate authority, records the IOPC's decision/);
    const ok = await call<{ state: ConductState }>('POST', url, { json: { decision: 'independent', iopcReference: 'IOPC-1' }, headers: as('psd-manager') });
    expect(ok.status).toBe(200);
    expect(ok.body.state.recordable).toMatchObject({ mustRefer: true, iopcReference: 'IOPC-1', iopcDecision: { decision: 'independent', byId: 'psd-manager' } });
    await openTask(ref, 'iopc-investigation-outcome');
  });

  it('runs to a misconduct meeting that refers it to reflective practice; the RPRP record is sealed from the proceedings (§3.3.9)', async () => {
    const { body } = await call<Accepted>('POST', '/conduct-matters', { json: matter({ view: 'possible-misconduct' }), headers: as('north-chief-inspector') });
    expect(body.triage.route).toBe('request-formal-assessment');
    expect((await db.conductMatter.findUniqueOrThrow({ where: { caseId: body.caseId } })).formalRequestById).toBe('north-chief-inspector');
    await startWorkflow(body, 'north-chief-inspector');
    const { ref } = body;

    // Management advice is gone (§3.3.2): a 409 saying so.
    const advice = await completeTask(ref, 'severity-assessment', 'psd-handler-1', { outcome: 'management-advice', rationale: 'minor' });
    expect(advice.status).toBe(409);
    expect(advice.body).toMatchObject({ error: 'task_refused', message: expect.stringMatching(/'management-advice' no longer exists.*§3\.3\.2/) });
    expect((await completeTask(ref, 'severity-assessment', 'psd-handler-1', { outcome: 'misconduct', rationale: 'could justify a written warning' })).status).toBe(200);

    // The allocation service answers allocation.requested with the investigator.
    await eventually('the investigation stage', async () => (await stateOf(ref))?.stage === 'investigation');
    await client.workflow.getHandle(conductWorkflowId(ref)).signal('assigned', { assigneeId: 'psd-investigator', reason: 'test' });
    const today = new Date().toISOString().slice(0, 10);
    expect((await completeTask(ref, 'investigation-notice', 'psd-investigator', { servedOn: today, method: 'email' })).status).toBe(200);
    await eventually('the reg 18 window', async () => (await stateOf(ref))?.stage === 'officer-response');
    const stranger = await call<ErrorBody>('POST', `/conduct-matters/${ref}/officer-response`, { json: { window: 'notice' }, headers: as('south-constable') });
    expect(stranger.status).toBe(409);
    expect(stranger.body).toMatchObject({ error: 'response_refused', message: expect.stringMatching(/only the officer concerned or PSD/) });
    expect((await call('POST', `/conduct-matters/${ref}/officer-response`, { json: { window: 'notice' }, headers: as('north-constable') })).status).toBe(200);
    expect((await completeTask(ref, 'investigation-report', 'psd-investigator', { recommendation: 'case-to-answer', summary: 'supported' })).status).toBe(200);
    expect((await completeTask(ref, 'referral-decision', 'psd-manager', { decision: 'refer-to-proceedings', severity: 'misconduct', rationale: 'case to answer' })).status).toBe(200);
    // Conduct reg 30: the notice and documents are supplied; the reg 31 window runs from the next working day.
    await eventually('the reg 30 notice', async () => (await stateOf(ref))?.stage === 'referral-notice');
    expect((await completeTask(ref, 'referral-notice', 'psd-manager', { suppliedOn: today })).status).toBe(200);
    await eventually('the reg 31 window', async () => (await stateOf(ref))?.stage === 'referral-response');
    // Conduct reg 31(1)(b): the chair (PSD) may extend it for exceptional circumstances; a bad body is a 400 naming the fields.
    const badExtension = await call<ErrorBody>('POST', `/conduct-matters/${ref}/window-extension`, { json: { window: 'referral', closesOn: '2026-02-30' }, headers: as('psd-manager') });
    expect(badExtension.status).toBe(400);
    expect(badExtension.body.fields!.map((f) => f.field)).toEqual(['closesOn', 'reason']);
    const closesOn = (await stateOf(ref))!.responseWindows[1]!.closesOn;
    const later = ENGLAND_AND_WALES.addWorkingDays(closesOn, 5);
    const notLater = await call<ErrorBody>('POST', `/conduct-matters/${ref}/window-extension`, { json: { window: 'referral', closesOn, reason: 'police friend ill' }, headers: as('psd-manager') });
    expect(notLater.status).toBe(409);
    expect(notLater.body).toMatchObject({ error: 'extension_refused', message: expect.stringMatching(/must be after the day the window closes now/) });
    const extended = await call<{ state: { responseWindows: { closesOn: string }[] } }>('POST', `/conduct-matters/${ref}/window-extension`, {
      json: { window: 'referral', closesOn: later, reason: 'police friend ill' }, headers: as('psd-manager'),
    });
    expect(extended.status).toBe(200);
    expect(extended.body.state.responseWindows[1]!.closesOn).toBe(later);
    // PSD records the officer's written response for them: that puts the head of PSD on the proceedings.
    expect((await call('POST', `/conduct-matters/${ref}/officer-response`, { json: { window: 'referral' }, headers: as('head-of-psd') })).status).toBe(200);
    const tooMuch = await completeTask(ref, 'proceedings-outcome', 'psd-manager', { finding: 'misconduct', sanction: 'reduction-in-rank', publish: true });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.message).toMatch(/a misconduct meeting cannot give reduction in rank/);
    expect((await completeTask(ref, 'proceedings-outcome', 'psd-manager', { finding: 'practice-requiring-improvement' })).status).toBe(200);

    // Reflective practice: the reviewer records the officer's account through the API.
    const account = `On reflection I should have stayed calm (${uniqueId('reflection')}).`;
    const discussion = await openTask(ref, 'reflective-discussion');
    expect(discussion.assigneeId).toBe('north-sergeant');
    const noAccount = await completeTask(ref, 'reflective-discussion', 'north-sergeant', { heldOn: today });
    expect(noAccount.status).toBe(400);
    expect(noAccount.body.fields![0]!.field).toBe('account');
    const notReviewer = await completeTask(ref, 'reflective-discussion', 'psd-investigator', { heldOn: today, account });
    expect(notReviewer.status).toBe(409);
    expect((await db.rprpRecord.findUniqueOrThrow({ where: { caseId: body.caseId } })).account).toBeNull();
    const done = await completeTask(ref, 'reflective-discussion', 'north-sergeant', { heldOn: today, account });
    expect(done.status).toBe(200);
    expect(done.body.task.type).toBe('reflective-discussion');

    // §3.3.9: 403 for everyone who worked on the proceedings, 200 for the RPRP reviewer and the officer.
    const read = (who: string) => call<{ rprp: { account: string } } & ErrorBody>('GET', `/conduct-matters/${ref}/rprp`, { headers: as(who) });
    // Everyone with a part in them, assigned or acting: the severity assessor, the investigator, whoever
    // recorded the officer's response, the appropriate authority's referral decision and the presiding
    // officer (the meeting's outcome) — each recorded as the matter went.
    const roles = await db.conductProceedingsRole.findMany({ where: { caseId: body.caseId }, select: { personId: true, role: true } });
    expect(roles.map((r) => `${r.role}:${r.personId}`).sort()).toEqual(
      expect.arrayContaining(['investigator:psd-investigator', 'presiding-officer:psd-manager', 'referral-decision-maker:psd-manager', 'severity-assessor:psd-handler-1']),
    );
    expect((await read('psd-handler-2')).status).toBe(200); // PSD, on nothing of this matter
    // The roles this matter did not need (a panel, an appeal) are sealed just the same once recorded.
    const at = new Date();
    await recordProceedingsRole(db, { caseId: body.caseId, personId: 'ccu-handler', role: 'panel-member', at });
    await recordProceedingsRole(db, { caseId: body.caseId, personId: 'ccu-investigator', role: 'appeal-chair', at });
    await recordProceedingsRole(db, { caseId: body.caseId, personId: 'psd-handler-2', role: 'appeal-recorder', at });
    const everyone = ['psd-handler-1', 'psd-investigator', 'head-of-psd', 'psd-manager', 'ccu-handler', 'ccu-investigator', 'psd-handler-2'];
    for (const who of everyone) {
      const sealed = await read(who);
      expect(sealed.status).toBe(403);
      expect(sealed.body).toEqual({
        error: 'sealed',
        basis: '§3.3.9',
        message: `Reflective practice records for matter ${ref} are sealed from anyone working on disciplinary proceedings about the same matter: the officer’s account may not be used in them (§3.3.9).`,
      });
      expect(JSON.stringify(sealed.body)).not.toContain('stayed calm');
    }
    const reviewer = await read('north-sergeant');
    expect(reviewer.status).toBe(200);
    expect(reviewer.body.rprp).toMatchObject({ account, reviewerId: 'north-sergeant', participantId: 'north-constable', directedBy: 'proceedings' });
    expect((await read('north-constable')).status).toBe(200);
    const outsider = await read('south-constable');
    expect(outsider.status).toBe(403);
    expect(outsider.body.error).toBe('forbidden');
    expect((await call('GET', `/conduct-matters/${ref}/rprp`)).status).toBe(401);
    const audit = await db.auditEntry.findMany({ where: { caseId: body.caseId, action: { startsWith: 'rprp-record-read' } } });
    const refused = audit.filter((a) => a.action === 'rprp-record-read-refused');
    expect(refused.map((a) => a.actorId).sort()).toEqual([...everyone, 'south-constable'].sort());
    expect(refused.filter((a) => (a.detail as { basis: string }).basis === '§3.3.9').map((a) => a.actorId).sort()).toEqual([...everyone].sort());

    // The development report's descriptions are sealed too; the workflow gets ids, owners and dates.
    const dueOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const report = await completeTask(ref, 'development-report', 'north-sergeant', { actions: [{ description: 'De-escalation refresher course', dueOn }] });
    expect(report.status).toBe(200);
    const state = await eventually('the development action', async () => {
      const s = await stateOf(ref);
      return s?.rprp?.actions.length === 1 && s;
    });
    expect(state.rprp!.actions[0]).toMatchObject({ id: 'A1', owner: 'participant', dueOn, done: false });
    expect(JSON.stringify(state)).not.toContain('stayed calm');
    expect(JSON.stringify(state)).not.toContain('De-escalation');
    expect((await read('north-sergeant')).body.rprp).toMatchObject({ actions: [{ id: 'A1', description: 'De-escalation refresher course', dueOn, owner: 'participant' }] });

    // Nor does the matter's own page carry the account to anyone.
    const page = await call<Record<string, unknown>>('GET', `/conduct-matters/${ref}`, { headers: as('north-chief-inspector') });
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).not.toContain('stayed calm');
    expect((await call('GET', `/conduct-matters/${ref}`, { headers: as('south-constable') })).status).toBe(403);
  });
});
