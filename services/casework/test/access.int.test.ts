// Who may see and do what (DOMAIN.md "Access, conflicts and the complaint's route"), in the casework
// JSON API and its pages, on the real stack: Postgres, the real complaint workflows on a worker of
// this run (Temporal), Kafka, and the tests' OpenID provider (tokens and portal sessions both from
// its own sign-in page). Each rule, and each case at the top of issue 9 that is the services':
// - restricted cases are "not found" to all but the counter-corruption unit and the head of PSD,
//   in the API, pages, inbox and oversight, and every read of one is audited;
// - nobody reads or works a case about themselves or their team — "a PSD handler reads the full
//   record (complainant's name and email) of a complaint about themselves" is refused;
// - "a divisional lead reads the complaint allocated to their own division", and only those;
// - the §3.3.9 seal: everyone on the proceedings — "the PSD manager assigned as the appropriate
//   authority" included — gets 403, audited, on the reflective-practice account, API and page.
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { PROCEEDINGS_ROLES } from '@probity/shared/domain/index';
import { caseReceivedSchema } from '@probity/shared/events/schemas';
import { parseEvent } from '@probity/shared/events/envelope';
import { connectProducer, createKafka } from '@probity/shared/kafka';
import { createLogger } from '@probity/shared/log';
import { TokenSealer } from '@probity/shared/complaint/case-token';
import { complaintFormSchema } from '@probity/shared/complaint/complaint-form';
import { createIntakeStore } from '@probity/shared/complaint/complaint-store';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { connectTemporalClient, connectWorkerConnection } from '@probity/shared/temporal/connect';
import { dataConverter } from '@probity/shared/temporal/codec';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { eventually } from '@probity/shared/testing/eventually';
import { bearerFor, testAuth } from '@probity/shared/testing/oidc';
import { mainOf, pageAs, portalSession } from '@probity/shared/testing/portal-session';
import { uniqueId } from '@probity/shared/testing/temporal';
import type { CookieJar } from '@probity/shared/auth/cookie-jar';
import { createActivities } from '@probity/activities/index';
import { recordProceedingsRole } from '@probity/activities/conduct';
import { recordRprpAccount, rprpActivities } from '@probity/activities/rprp';
import { decideOnce } from '@probity/allocation/decision';
import { buildComplaintInput, startComplaintWorkflow } from '@probity/allocation/case-start';
import { routeReceivedComplaint } from '@probity/allocation/routing';
import { createCaseworkApp } from '../src/app';
import { conductWorkflows } from '../src/conduct/conduct-workflows';
import { policyWorkflows } from '../src/policy/policy-workflows';
import { loadPolicyConfig } from '../src/policy/policy-config';

const config = loadConfig();
const log = createLogger('access-test', 'silent');
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const run = uniqueId('acc');
const taskQueue = `${run}-cases`;
const base = config.CASEWORK_URL;
const store = createIntakeStore(db, new TokenSealer(config.CASE_TOKEN_SEAL_SECRET));

// People of this run. The PSD team, the counter-corruption unit (line-managed here by the PSD
// manager, so the manager's inbox would show the unit's tasks), two divisions with their leads.
const psdTeam = `${run}-psd`;
const north = `${run}-north`;
const south = `${run}-south`;
const person = (suffix: string, role: string, team: string, division = 'hq', rank: string | null = null) => ({
  id: `${run}-${suffix}`, name: `Test ${suffix}`, email: `${run}-${suffix}@probity.test`, role, rank, team, division, managerId: null,
});
const P = {
  head: person('head', 'head-of-psd', psdTeam),
  manager: person('manager', 'psd-manager', psdTeam),
  handler: person('handler', 'psd-handler', psdTeam),
  teammate: person('teammate', 'psd-handler', psdTeam),
  otherPsd: person('other-psd', 'psd-handler', `${run}-psd-b`),
  ccu: person('ccu', 'psd-handler', 'counter-corruption'),
  northLead: person('north-lead', 'divisional-lead', `${run}-north-command`, north),
  northLead2: person('north-lead-2', 'divisional-lead', `${run}-north-command-2`, north),
  southLead: person('south-lead', 'divisional-lead', `${run}-south-command`, south),
  constable: person('constable', 'front-line', `${run}-response`, north, 'constable'),
  sergeant: person('sergeant', 'supervisor', `${run}-response`, north, 'sergeant'),
};
const managedBy: Record<string, string> = { [P.ccu.id]: P.manager.id, [P.otherPsd.id]: P.manager.id, [P.constable.id]: P.sergeant.id };
/** One person per §3.3.9 proceedings role; the appropriate authority is the PSD manager (issue 9). */
const onProceedings = Object.fromEntries(PROCEEDINGS_ROLES.map((role) => [role, role === 'appropriate-authority' ? P.manager : person(`seal-${role}`, 'psd-handler', `${run}-proceedings`)]));

let server: Server;
let worker: Worker;
let running: Promise<void>;
let producer: Producer;
const sessions = new Map<string, CookieJar>();
const session = async (p: { id: string }) => {
  if (!sessions.has(p.id)) sessions.set(p.id, await portalSession(base, p.id));
  return sessions.get(p.id)!;
};
const page = async (p: { id: string }, path: string) => pageAs(await session(p), new URL(path, base));

async function api<T = Record<string, unknown>>(who: { id: string }, method: string, path: string, json?: unknown): Promise<{ status: number; body: T; text: string }> {
  const headers: Record<string, string> = await bearerFor(who.id);
  if (json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}/api${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : {}) as T };
}

const complainant = () => ({ name: `Casey ${uniqueId('c')}`, email: `${uniqueId('casey')}@example.test`, preferredContact: 'email' });

/** A complaint as the public form records it; started as allocation would (its input builder) with `assessorId`, if given. */
async function complaint(opts: { subjects: Record<string, string>[]; allegation?: Record<string, string>; assessorId?: string; receivedDaysAgo?: number }) {
  const who = complainant();
  const form = complaintFormSchema.parse({
    complainant: who,
    incident: { what: 'What the officer did, in the complainant’s words.', when: '2026-01-10', where: 'High Street' },
    subjects: opts.subjects,
    allegations: [opts.allegation ?? { category: 'individual-behaviours', description: 'rude and dismissive' }],
  });
  const result = await store.recordComplaint({ form });
  if (result.outcome !== 'created') throw new Error('not created');
  const { caseId, ref } = result.receipt;
  const outbox = await db.outboxEvent.findFirstOrThrow({ where: { key: caseId } });
  await db.outboxEvent.update({ where: { id: outbox.id }, data: { publishedAt: new Date() } }); // this run starts it, not a running allocation service
  if (opts.assessorId) {
    const received = parseEvent(outbox.payload, caseReceivedSchema).data;
    if (opts.receivedDaysAgo) {
      const receivedAt = new Date(Date.now() - opts.receivedDaysAgo * 24 * 3600 * 1000);
      received.receivedAt = receivedAt.toISOString();
      await db.case.update({ where: { id: caseId }, data: { receivedAt } });
    }
    const route = routeReceivedComplaint(received);
    const input = buildComplaintInput(received, { route, assessorId: opts.assessorId, complaintsTeamId: P.manager.id });
    await startComplaintWorkflow(await temporal.get(), taskQueue, input, (await db.case.findUniqueOrThrow({ where: { id: caseId } })).restricted);
  }
  return { caseId, ref, complainant: who };
}
const openTask = (ref: string) => eventually(`the first task of ${ref}`, () => db.task.findFirst({ where: { caseRef: ref, completedAt: null } }));

/** Allocated to a division as the allocation service records it (its decision writer). */
const allocateToDivision = (caseId: string, assigneeId: string, division: string) =>
  decideOnce(db, { id: `allocation:${caseId}:handling:${run}`, caseId, action: 'handler-chosen', choose: async () => ({ purpose: 'handling', assigneeId, division, reason: 'test', eventId: run }) });

const missingRef = `CO-1999-${String(Math.floor(Math.random() * 900_000) + 100_000)}`;

beforeAll(async () => {
  const everyone = [...Object.values(P), ...Object.values(onProceedings)];
  for (const { managerId: _m, ...p } of everyone) await db.person.upsert({ where: { id: p.id }, create: p, update: { ...p, active: true } });
  for (const [id, managerId] of Object.entries(managedBy)) await db.person.update({ where: { id }, data: { managerId } });
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
    db, log, auth: testAuth(db), caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET,
    workflows: complaintWorkflows(temporal),
    conductWorkflows: conductWorkflows(temporal),
    policyWorkflows: policyWorkflows(temporal, { taskQueue, config: loadPolicyConfig({}) }),
    portal: config,
  });
  // The tests' provider knows the portal's sign-in callback on this port (CASEWORK_TEST_PORT).
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.CASEWORK_PORT, '127.0.0.1', () => resolve(s));
  });
}, 180_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  const client = await temporal.get();
  const open = await db.task.findMany({ where: { workflowId: { startsWith: 'complaint-' }, assigneeId: { startsWith: run } }, select: { workflowId: true } });
  for (const id of new Set(open.map((t) => t.workflowId))) await client.workflow.getHandle(id).terminate('test over').catch(() => undefined);
  worker?.shutdown();
  await running;
  await producer?.disconnect();
  await db.person.updateMany({ where: { id: { startsWith: run } }, data: { managerId: null, active: false } });
  await temporal.close();
  await db.$disconnect();
});

describe('restricted cases (serious corruption, including abuse of position for a sexual purpose)', () => {
  it('exist only for the counter-corruption unit and the head of PSD: everyone else gets "not found", as for a missing case, in API, pages, inbox and oversight; every read is audited', async () => {
    const restricted = await complaint({
      subjects: [{ team: 'north-response', division: 'north' }],
      allegation: { category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose', description: 'asked me out after taking my statement' },
      assessorId: P.ccu.id,
      receivedDaysAgo: 10,
    });
    // An ordinary case with the same assessor: the manager sees the unit's tasks, so a missing row below is the rule at work.
    const ordinary = await complaint({ subjects: [{ team: 'north-response', division: 'north' }], assessorId: P.ccu.id, receivedDaysAgo: 10 });
    expect((await db.case.findUniqueOrThrow({ where: { id: restricted.caseId } })).restricted).toBe(true);
    const task = await openTask(restricted.ref);
    await openTask(ordinary.ref);

    // API: the record, completing its task.
    for (const who of [P.manager, P.handler, P.northLead, P.constable]) {
      const read = await api(who, 'GET', `/cases/${restricted.ref}`);
      expect(read.status, who.id).toBe(404);
      expect(read.body).toEqual({ error: 'not_found', message: `no case ${restricted.ref}` });
    }
    expect((await api(P.manager, 'GET', `/cases/${missingRef}`)).body).toEqual({ error: 'not_found', message: `no case ${missingRef}` });
    const complete = await api(P.manager, 'POST', `/cases/${restricted.ref}/tasks/${task.id}/complete`, { payload: { resolved: false } });
    expect(complete.status).toBe(404);
    expect(complete.body).toEqual({ error: 'not_found', message: `no open case workflow for ${restricted.ref}` });
    expect((await api(P.manager, 'POST', `/cases/${missingRef}/tasks/${task.id}/complete`, { payload: { resolved: false } })).body).toEqual({ error: 'not_found', message: `no open case workflow for ${missingRef}` });
    for (const who of [P.ccu, P.head]) {
      const read = await api<{ case: { complainant: { name: string } } }>(who, 'GET', `/cases/${restricted.ref}`);
      expect(read.status, who.id).toBe(200);
      expect(read.body.case.complainant.name).toBe(restricted.complainant.name);
    }

    // Pages: the case, its task, reallocation — the ordinary "Page not found", word for word.
    const missingPage = await page(P.manager, `/cases/${missingRef}`);
    expect(missingPage.status).toBe(404);
    for (const path of [`/cases/${restricted.ref}`, `/cases/${restricted.ref}/tasks/${task.id}`, `/oversight/reallocate?ref=${restricted.ref}`]) {
      const shown = await page(P.manager, path);
      expect(shown.status, path).toBe(404);
      expect(mainOf(shown.html), path).toBe(mainOf(missingPage.html));
      expect(shown.html).not.toContain(restricted.complainant.name);
    }
    const ccuPage = await page(P.ccu, `/cases/${restricted.ref}`);
    expect(ccuPage.status).toBe(200);
    expect(ccuPage.html).toContain(restricted.complainant.name);
    expect((await page(P.head, `/cases/${restricted.ref}`)).status).toBe(200);

    // Inboxes and oversight: the manager sees the unit's ordinary task, never the restricted one.
    const inbox = await api<{ tasks: { caseRef: string }[] }>(P.manager, 'GET', '/me/tasks');
    expect(inbox.body.tasks.map((t) => t.caseRef)).toContain(ordinary.ref);
    expect(inbox.body.tasks.map((t) => t.caseRef)).not.toContain(restricted.ref);
    const inboxPage = await page(P.manager, '/');
    expect(inboxPage.html).toContain(ordinary.ref);
    expect(inboxPage.html).not.toContain(restricted.ref);
    const oversight = await page(P.manager, '/oversight');
    expect(oversight.status).toBe(200);
    expect(oversight.html).toContain(ordinary.ref);
    expect(oversight.html).not.toContain(restricted.ref);
    expect((await api<{ tasks: { caseRef: string }[] }>(P.ccu, 'GET', '/me/tasks')).body.tasks.map((t) => t.caseRef)).toContain(restricted.ref);
    expect((await page(P.ccu, '/')).html).toContain(restricted.ref);

    // Every read, allowed or refused, in the case's audit trail.
    const audit = await db.auditEntry.findMany({ where: { caseId: restricted.caseId, action: { startsWith: 'restricted-case-read' } }, orderBy: { at: 'asc' } });
    const entries = audit.map((a) => `${a.actorId} ${a.action} ${(a.detail as { what: string }).what}`);
    for (const who of [P.manager, P.handler, P.northLead, P.constable]) expect(entries).toContain(`${who.id} restricted-case-read-refused case-record`);
    expect(entries).toContain(`${P.manager.id} restricted-case-read-refused task-completion`);
    expect(entries).toContain(`${P.manager.id} restricted-case-read-refused case-page`);
    expect(entries).toContain(`${P.manager.id} restricted-case-read-refused task-page`);
    expect(entries).toContain(`${P.manager.id} restricted-case-read-refused reallocation`);
    expect(entries).toContain(`${P.ccu.id} restricted-case-read case-record`);
    expect(entries).toContain(`${P.head.id} restricted-case-read case-record`);
    expect(entries).toContain(`${P.ccu.id} restricted-case-read case-page`);
  });
});

describe('nobody works on or reads their own case (conflict of interest; PSD included)', () => {
  it('refuses a PSD handler the full record of a complaint about themselves, and everyone in their team, in API, pages and actions (issue 9)', async () => {
    const own = await complaint({ subjects: [{ personId: P.handler.id, team: psdTeam, division: 'hq' }], assessorId: P.otherPsd.id });
    const task = await openTask(own.ref);
    expect(task.assigneeId).toBe(P.otherPsd.id);

    for (const who of [P.handler, P.teammate, P.manager]) {
      const read = await api<{ error: string; message: string; basis: string }>(who, 'GET', `/cases/${own.ref}`);
      expect(read.status, who.id).toBe(403);
      expect(read.body).toMatchObject({ error: 'forbidden', basis: 'conflict-of-interest', message: expect.stringMatching(/conflict of interest/) });
      expect(read.text).not.toContain(own.complainant.name);
      expect(read.text).not.toContain(own.complainant.email);
      const shown = await page(who, `/cases/${own.ref}`);
      expect(shown.status, who.id).toBe(403);
      expect(shown.html).toContain('You cannot see or work on this case');
      expect(shown.html).not.toContain(own.complainant.name);
      expect((await page(who, `/cases/${own.ref}/tasks/${task.id}`)).status, who.id).toBe(403);
    }
    const act = await api(P.handler, 'POST', `/cases/${own.ref}/tasks/${task.id}/complete`, { payload: { resolved: true, summary: 'sorted it myself' } });
    expect(act.status).toBe(403);
    expect((await page(P.manager, `/oversight/reallocate?ref=${own.ref}`)).status).toBe(403);
    // The manager's inbox leaves out their report's task on a case about the manager's own team.
    expect((await api<{ tasks: { caseRef: string }[] }>(P.manager, 'GET', '/me/tasks')).body.tasks.map((t) => t.caseRef)).not.toContain(own.ref);
    expect((await page(P.manager, '/')).html).not.toContain(own.ref);

    // PSD outside the subject's team read and work it.
    const other = await api<{ case: { complainant: { email: string } } }>(P.otherPsd, 'GET', `/cases/${own.ref}`);
    expect(other.status).toBe(200);
    expect(other.body.case.complainant.email).toBe(own.complainant.email);
    expect((await page(P.otherPsd, `/cases/${own.ref}/tasks/${task.id}`)).status).toBe(200);
    expect((await api(P.otherPsd, 'GET', '/me/tasks')).text).toContain(own.ref);
  });
});

describe('divisional leads', () => {
  it('read the complaints allocated to their division (issue 9), and only those', async () => {
    const toNorth = await complaint({ subjects: [{ team: 'south-response', division: 'south' }] });
    const toSouth = await complaint({ subjects: [{ team: 'north-response', division: 'north' }] });
    await allocateToDivision(toNorth.caseId, P.northLead.id, north);
    await allocateToDivision(toSouth.caseId, P.southLead.id, south);

    // The second north lead has no task on it: the division is their basis.
    for (const lead of [P.northLead, P.northLead2]) {
      const read = await api<{ case: { complainant: { name: string } } }>(lead, 'GET', `/cases/${toNorth.ref}`);
      expect(read.status, lead.id).toBe(200);
      expect(read.body.case.complainant.name).toBe(toNorth.complainant.name);
      const shown = await page(lead, `/cases/${toNorth.ref}`);
      expect(shown.status, lead.id).toBe(200);
      expect(shown.html).toContain(toNorth.complainant.name);
      expect((await api(lead, 'GET', `/cases/${toSouth.ref}`)).status, lead.id).toBe(403);
      expect((await page(lead, `/cases/${toSouth.ref}`)).status, lead.id).toBe(403);
    }
    expect((await api(P.southLead, 'GET', `/cases/${toNorth.ref}`)).status).toBe(403);
    expect((await api(P.southLead, 'GET', `/cases/${toSouth.ref}`)).status).toBe(200);
    // A complaint not allocated to any division is no lead's.
    const unallocated = await complaint({ subjects: [{ team: 'south-response', division: 'south' }] });
    expect((await api(P.northLead2, 'GET', `/cases/${unallocated.ref}`)).status).toBe(403);
  });
});

describe('the §3.3.9 seal', () => {
  it('refuses the reflective-practice account to everyone on the proceedings — the PSD manager as appropriate authority included (issue 9) — with 403, audited, in API and page', async () => {
    const account = `I accept I should have stayed calm (${uniqueId('reflection')}).`;
    const raised = await api<{ ref: string; caseId: string }>(P.sergeant, 'POST', '/conduct-matters', {
      subject: { personId: P.constable.id, team: P.constable.team },
      standards: ['authority-respect-and-courtesy'],
      account: { what: 'Swore at a motorist during a stop.', when: '2026-11-01', where: 'London Road' },
      view: 'on-the-cusp',
    });
    expect(raised.status).toBe(202);
    const { ref, caseId } = raised.body;
    // The reflective practice record the proceedings directed, as the workflow's activities open and fill it.
    await rprpActivities(db).openRprpRecord({ caseId, ref, participantId: P.constable.id, reviewerId: P.sergeant.id, directedBy: 'proceedings', reviewDueOn: '2027-01-31' });
    await recordRprpAccount(db, ref, account, { id: P.sergeant.id, role: P.sergeant.role, rank: P.sergeant.rank, team: P.sergeant.team, division: P.sergeant.division });
    for (const [role, who] of Object.entries(onProceedings)) await recordProceedingsRole(db, { caseId, personId: who.id, role: role as (typeof PROCEEDINGS_ROLES)[number], at: new Date() });

    for (const [role, who] of Object.entries(onProceedings)) {
      const read = await api(who, 'GET', `/conduct-matters/${ref}/rprp`);
      expect(read.status, role).toBe(403);
      expect(read.body, role).toMatchObject({ error: 'sealed', basis: '§3.3.9' });
      expect(read.text).not.toContain('stayed calm');
      const shown = await page(who, `/conduct-matters/${ref}/reflective-practice`);
      expect(shown.status, role).toBe(403);
      expect(shown.html, role).toContain('This record is sealed');
      expect(shown.html).not.toContain('stayed calm');
    }
    // PSD off the proceedings, the reviewer and the officer read it.
    for (const who of [P.otherPsd, P.sergeant, P.constable]) {
      expect((await api(who, 'GET', `/conduct-matters/${ref}/rprp`)).text, who.id).toContain('stayed calm');
      const shown = await page(who, `/conduct-matters/${ref}/reflective-practice`);
      expect(shown.status, who.id).toBe(200);
      expect(shown.html).toContain('stayed calm');
    }
    const refused = await db.auditEntry.findMany({ where: { caseId, action: 'rprp-record-read-refused' } });
    for (const [role, who] of Object.entries(onProceedings)) {
      const mine = refused.filter((a) => a.actorId === who.id && (a.detail as { basis: string }).basis === '§3.3.9');
      expect(mine.length, role).toBe(2); // API and page
    }
  });
});
