// The policy register API against the real Postgres and the real Temporal dev server, with a real
// Worker running the real policy review workflow and activities on a task queue of this run's own.
// Only policies created by this run get workflows: the demo P02 is read, never started, here.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import { providerToken, testAuth } from '@probity/shared/testing/oidc';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { seed } from '@probity/shared/db/seed';
import { addYears, londonDateOf } from '@probity/shared/domain/index';
import { connectProducer, createKafka } from '@probity/shared/kafka';
import { createLogger } from '@probity/shared/log';
import { connectTemporalClient, connectWorkerConnection } from '@probity/shared/temporal/connect';
import { dataConverter } from '@probity/shared/temporal/codec';
import { PolicyRef, SlaBreached, Stage } from '@probity/shared/temporal/search-attributes';
import { uniqueId } from '@probity/shared/testing/temporal';
import { createActivities } from '@probity/activities/index';
import { policyReviewWorkflowId, type PolicyReviewState } from '@probity/workflows/policy/contract';
import { createCaseworkApp } from '../src/app';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { loadPolicyConfig } from '../src/policy/policy-config';
import { ensurePolicyReviewCycles, ensurePolicyReviewCyclesInBackground, policyWorkflows } from '../src/policy/policy-workflows';

const config = loadConfig();
const log = createLogger('policies-test', 'silent');
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const run = uniqueId('pol');
const RUN = run.toUpperCase();
const taskQueue = `${run}-policies`;
const policies = policyWorkflows(temporal, { taskQueue, config: loadPolicyConfig({}) });

let server: Server;
let base: string;
let worker: Worker;
let running: Promise<void>;
let producer: Producer;

// ── People of this run: a register keeper, an owner and their manager, a next owner, an outsider ─
const person = (suffix: string, role: string, managerId: string | null) => ({
  id: `${run}-${suffix}`,
  name: `Test ${suffix}`,
  email: `${run}-${suffix}@probity.test`,
  role,
  rank: null,
  team: 'policy-test',
  division: 'hq',
  managerId,
});
const people = {
  keeper: person('keeper', 'psd-manager', 'head-of-psd'),
  manager: person('manager', 'supervisor', 'head-of-psd'),
  owner: person('owner', 'policy-owner', `${run}-manager`),
  next: person('next', 'policy-owner', 'head-of-psd'),
  outsider: person('outsider', 'psd-handler', 'psd-manager'),
};
type Who = keyof typeof people;
const tokens = {} as Record<Who, string>;

// ── HTTP ─────────────────────────────────────────────────────────────────────────────────────
interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}
async function call<T = Record<string, unknown>>(method: string, path: string, opts: { as?: Who; json?: unknown } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (opts.as) headers.authorization = `Bearer ${tokens[opts.as]}`;
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, body: opts.json === undefined ? undefined : JSON.stringify(opts.json) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as T };
}

interface PolicyView {
  id: string;
  ref: string;
  title: string;
  owner: { id: string; name: string | null };
  version: string;
  lastReviewedOn: string;
  lastReviewOutcome: string;
  riskRating: string;
  equalityImpact: string;
  nextReviewDue: string;
  status: string;
  dueSoonFrom: string | null;
}
type ErrorBody = { error: string; message: string; fields?: { field: string; message: string }[] };

async function eventually<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const handleOf = async (ref: string) => (await temporal.get()).workflow.getHandle(policyReviewWorkflowId(ref));

/** A policy like P02 (§7.1: reviewed July 2022, next review July 2024), under this run's ref. */
const p02Like = (ref: string, over: Record<string, unknown> = {}) => ({
  ref,
  title: 'Standards of professional behaviour (test copy)',
  ownerId: people.owner.id,
  version: '1.0',
  lastReviewedOn: '2022-07-01',
  lastReviewOutcome: 'no-amendments',
  equalityImpact: 'No potential or actual differential impact (§4.1).',
  riskRating: 'medium',
  nextReviewDue: '2024-07-01',
  ...over,
});

const ref = `P02-${RUN}`;
const ours = [ref, `PX-${RUN}`, `PY-${RUN}`, `PZ-${RUN}`];

beforeAll(async () => {
  await seed(config.DATABASE_URL); // the demo register: P02
  for (const { managerId: _m, ...p } of Object.values(people)) await db.person.upsert({ where: { id: p.id }, create: p, update: p });
  for (const p of Object.values(people)) await db.person.update({ where: { id: p.id }, data: { managerId: p.managerId } });
  for (const [k, p] of Object.entries(people)) tokens[k as Who] = await providerToken(p.id);

  producer = await connectProducer(createKafka(config.KAFKA_BROKERS, `${run}-producer`));
  worker = await Worker.create({
    connection: await connectWorkerConnection(config),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../../workflows/src/index.ts', import.meta.url)),
    activities: createActivities({ db, producer, log }),
    dataConverter: dataConverter(config.PAYLOAD_KEY),
  });
  running = worker.run();

  const app = createCaseworkApp({
    db,
    log,
    auth: testAuth(db),
    caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET,
    workflows: complaintWorkflows(temporal),
    policyWorkflows: policies,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  for (const r of ours) await (await handleOf(r)).terminate('test over').catch(() => undefined);
  worker?.shutdown();
  await running;
  await producer?.disconnect();
  const ids = (await db.policy.findMany({ where: { ref: { in: ours } }, select: { id: true } })).map((p) => p.id);
  await db.policyReview.deleteMany({ where: { policyId: { in: ids } } });
  await db.policy.deleteMany({ where: { id: { in: ids } } });
  await db.person.updateMany({ where: { id: { startsWith: run } }, data: { managerId: null } });
  await db.person.deleteMany({ where: { id: { startsWith: run } } });
  await temporal.close();
  await db.$disconnect();
});

describe('the policy register', () => {
  it('needs a bearer token', async () => {
    const res = await call<ErrorBody>('GET', '/policies');
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('unauthorized');
  });

  it('shows the demo P02 (next review July 2024) as overdue to anyone signed in', async () => {
    const res = await call<{ today: string; policies: PolicyView[] }>('GET', '/policies', { as: 'outsider' });
    expect(res.status).toBe(200);
    expect(res.body.today).toBe(londonDateOf(Date.now()));
    const p02 = res.body.policies.find((p) => p.ref === 'P02');
    expect(p02).toMatchObject({
      title: 'Standards of professional behaviour',
      owner: { id: 'policy-owner', name: 'Supt Nia Williams' },
      lastReviewedOn: '2022-07-01',
      lastReviewOutcome: 'no-amendments',
      riskRating: 'medium',
      nextReviewDue: '2024-07-01',
      status: 'overdue',
      dueSoonFrom: '2024-04-01',
    });
    expect(p02!.equalityImpact).toMatch(/no potential or actual differential impact/i);
  });

  it('lets only the head of PSD or a PSD manager add a policy, and names each bad field', async () => {
    const forbidden = await call<ErrorBody>('POST', '/policies', { as: 'outsider', json: p02Like(`PX-${RUN}`) });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toMatch(/head of PSD or a PSD manager/);

    const bad = await call<ErrorBody>('POST', '/policies', { as: 'keeper', json: { ref: 'p2', title: '', lastReviewedOn: '2022-13-01', riskRating: 'severe' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
    expect(bad.body.fields!.map((f) => f.field).sort()).toEqual(['equalityImpact', 'lastReviewedOn', 'ownerId', 'ref', 'riskRating', 'title']);

    const dates = await call<ErrorBody>('POST', '/policies', { as: 'keeper', json: p02Like(`PX-${RUN}`, { lastReviewedOn: '2099-01-01', nextReviewDue: '2098-01-01' }) });
    expect(dates.status).toBe(400);
    expect(dates.body.fields).toEqual([
      { field: 'lastReviewedOn', message: 'lastReviewedOn must not be in the future' },
      { field: 'nextReviewDue', message: 'nextReviewDue must be after lastReviewedOn' },
    ]);

    const nobody = await call<ErrorBody>('POST', '/policies', { as: 'keeper', json: p02Like(`PX-${RUN}`, { ownerId: `${run}-nobody` }) });
    expect(nobody.status).toBe(400);
    expect(nobody.body.fields).toEqual([{ field: 'ownerId', message: `no active person with id '${run}-nobody'` }]);
    expect(await db.policy.count({ where: { ref: `PX-${RUN}` } })).toBe(0);
  });
});

describe('a policy added through the API', () => {
  it('is registered and its review workflow is started, which escalates the overdue review at once', async () => {
    const res = await call<{ policy: PolicyView; workflowId: string }>('POST', '/policies', { as: 'keeper', json: p02Like(ref) });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/policies/${ref}`);
    expect(res.body.workflowId).toBe(policyReviewWorkflowId(ref));
    expect(res.body.policy).toMatchObject({ ref, status: 'overdue', nextReviewDue: '2024-07-01', owner: { id: people.owner.id, name: 'Test owner' } });

    const handle = await handleOf(ref);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    // The workflow owes one escalation now (to the owner's manager), not a backlog since 2024.
    const state = await eventually(async () => {
      const s = await handle.query<PolicyReviewState>('state');
      return s.escalations > 0 ? s : undefined;
    }, 'the first escalation');
    expect(state).toMatchObject({ ref, owner: people.owner.id, status: 'overdue', cycle: 1, escalations: 1, lastEscalation: { level: 1, to: people.manager.id } });
    const sa = await eventually(async () => {
      const a = (await handle.describe()).typedSearchAttributes;
      return a.get(Stage) === 'overdue' ? a : undefined;
    }, 'search attributes');
    expect([sa.get(PolicyRef), sa.get(SlaBreached)]).toEqual([ref, true]);

    const listed = await call<{ policies: PolicyView[] }>('GET', '/policies?status=overdue', { as: 'owner' });
    expect(listed.body.policies.map((p) => p.ref)).toEqual(expect.arrayContaining(['P02', ref]));
    expect(listed.body.policies.every((p) => p.status === 'overdue')).toBe(true);
    expect((await call<ErrorBody>('GET', '/policies?status=late', { as: 'owner' })).status).toBe(400);

    const one = await call<{ policy: PolicyView; state: PolicyReviewState; workflow: string }>('GET', `/policies/${ref}`, { as: 'outsider' });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ workflow: 'running', policy: { ref, status: 'overdue' }, state: { ref, status: 'overdue', nextReviewDue: '2024-07-01' } });
    expect((await call('GET', `/policies/NOPE-${RUN}`, { as: 'outsider' })).status).toBe(404);
  });

  it('is safe to add again: the same policy answers 200 and keeps its workflow; a different one is a 409', async () => {
    const before = (await (await handleOf(ref)).describe()).runId;
    const again = await call<{ policy: PolicyView }>('POST', '/policies', { as: 'keeper', json: p02Like(ref) });
    expect(again.status).toBe(200);
    expect((await (await handleOf(ref)).describe()).runId).toBe(before);
    const other = await call<ErrorBody>('POST', '/policies', { as: 'keeper', json: p02Like(ref, { title: 'Something else' }) });
    expect(other.status).toBe(409);
    expect(other.body.error).toBe('policy_exists');
  });

  it('refuses a review by someone not allowed with the workflow\'s reason; records the owner\'s, two years on', async () => {
    const refused = await call<ErrorBody>('POST', `/policies/${ref}/reviews`, { as: 'outsider', json: { outcome: 'no-amendments' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error: 'review_refused',
      message: `${people.outsider.id} may not record the review of policy ${ref}: only its owner (${people.owner.id}), their manager (${people.manager.id}) or the head of PSD may`,
    });
    const noVersion = await call<ErrorBody>('POST', `/policies/${ref}/reviews`, { as: 'owner', json: { outcome: 'amended' } });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.fields).toEqual([{ field: 'newVersion', message: "required when the outcome is 'amended'" }]);
    expect(await db.policyReview.count({ where: { policy: { ref } } })).toBe(0);

    const today = londonDateOf(Date.now());
    const res = await call<{ policy: PolicyView; state: PolicyReviewState }>('POST', `/policies/${ref}/reviews`, {
      as: 'owner',
      json: { outcome: 'amended', newVersion: '1.1', notes: 'links to the 2020 regulations updated' },
    });
    expect(res.status).toBe(200);
    expect(res.body.policy).toMatchObject({ version: '1.1', lastReviewedOn: today, lastReviewOutcome: 'amended', nextReviewDue: addYears(today, 2), status: 'in-date' });
    expect(res.body.state).toMatchObject({ nextReviewDue: addYears(today, 2), version: '1.1', cycle: 2, status: 'in-date', escalations: 0 });

    const row = await db.policy.findUniqueOrThrow({ where: { ref }, include: { reviews: true } });
    expect(row.nextReviewDue.toISOString().slice(0, 10)).toBe(addYears(today, 2));
    expect(row.reviews.map((r) => [r.outcome, r.newVersion, r.reviewerId, r.notes])).toEqual([['amended', '1.1', people.owner.id, 'links to the 2020 regulations updated']]);
    const one = await call<{ reviews: { reviewedOn: string; outcome: string; newVersion: string }[] }>('GET', `/policies/${ref}`, { as: 'owner' });
    expect(one.body.reviews).toEqual([expect.objectContaining({ reviewedOn: today, outcome: 'amended', newVersion: '1.1' })]);
  });

  it('changes the owner through the workflow: the owner may not give it away, a PSD manager may', async () => {
    const byOwner = await call<ErrorBody>('PUT', `/policies/${ref}/owner`, { as: 'owner', json: { ownerId: people.next.id } });
    expect(byOwner.status).toBe(409);
    expect(byOwner.body.error).toBe('owner_change_refused');
    expect(byOwner.body.message).toMatch(new RegExp(`^${people.owner.id} may not change the owner of policy ${ref}: only the head of PSD, a PSD manager or the owner's manager`));
    const nobody = await call<ErrorBody>('PUT', `/policies/${ref}/owner`, { as: 'keeper', json: { ownerId: `${run}-nobody` } });
    expect(nobody.status).toBe(400);
    expect(nobody.body.fields).toEqual([{ field: 'ownerId', message: `no active person with id '${run}-nobody'` }]);

    const res = await call<{ policy: PolicyView; state: PolicyReviewState }>('PUT', `/policies/${ref}/owner`, { as: 'keeper', json: { ownerId: people.next.id } });
    expect(res.status).toBe(200);
    expect(res.body.policy.owner).toEqual({ id: people.next.id, name: 'Test next' });
    expect(res.body.state).toMatchObject({ owner: people.next.id, ownerManager: 'head-of-psd', cycle: 2 });
    expect((await db.policy.findUniqueOrThrow({ where: { ref } })).ownerId).toBe(people.next.id);
    // The old owner may no longer record the review.
    const old = await call<ErrorBody>('POST', `/policies/${ref}/reviews`, { as: 'owner', json: { outcome: 'no-amendments' } });
    expect(old.status).toBe(409);
    expect(old.body.message).toMatch(new RegExp(`only its owner \\(${people.next.id}\\)`));
  });
});

describe('ensurePolicyReviewCycles (intake start-up)', () => {
  const insert = (r: string) =>
    db.policy.create({
      data: {
        id: `policy-${r.toLowerCase()}`, ref: r, title: `Policy ${r}`, ownerId: people.owner.id, version: '3.0',
        lastReviewedOn: new Date('2025-06-01T00:00:00Z'), lastReviewOutcome: 'no-amendments', equalityImpact: 'none',
        riskRating: 'low', nextReviewDue: new Date('2027-06-01T00:00:00Z'),
      },
    });

  it('starts a workflow for each policy that has none and leaves running ones as they are', async () => {
    await insert(`PY-${RUN}`);
    const before = (await (await handleOf(ref)).describe()).runId;
    const ids = await ensurePolicyReviewCycles(db, policies, { refs: [ref, `PY-${RUN}`] });
    expect(ids.sort()).toEqual([policyReviewWorkflowId(ref), policyReviewWorkflowId(`PY-${RUN}`)].sort());
    expect((await (await handleOf(ref)).describe()).runId).toBe(before);
    const py = await handleOf(`PY-${RUN}`);
    const state = await py.query<PolicyReviewState>('state');
    expect(state).toMatchObject({ ref: `PY-${RUN}`, owner: people.owner.id, version: '3.0', nextReviewDue: '2027-06-01', status: 'in-date', cycle: 1 });
    // Twice is harmless: the same run goes on.
    const pyRun = (await py.describe()).runId;
    await ensurePolicyReviewCycles(db, policies, { refs: [`PY-${RUN}`] });
    expect((await py.describe()).runId).toBe(pyRun);
  });

  it('keeps trying while Temporal cannot be reached, then starts the cycles', async () => {
    await insert(`PZ-${RUN}`);
    let attempts = 0;
    const flaky = lazyTemporal(async () => {
      attempts += 1;
      if (attempts < 3) throw new Error('connection refused');
      return connectTemporalClient(config);
    });
    const background = ensurePolicyReviewCyclesInBackground({
      db,
      workflows: policyWorkflows(flaky, { taskQueue, config: loadPolicyConfig({}) }),
      log,
      refs: [`PZ-${RUN}`],
      firstRetryMs: 100,
    });
    await background.done;
    expect(attempts).toBe(3);
    expect((await (await handleOf(`PZ-${RUN}`)).describe()).status.name).toBe('RUNNING');
    await background.stop();
    await flaky.close();
  });
});
