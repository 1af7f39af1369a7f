// The case page and the case record API answer from Postgres, never waiting on the worker: a
// case whose workflow is running on the real Temporal server but whose worker has stopped (this
// test's own worker, shut down after the workflow's first task) — every state query would wait
// for a worker until its deadline. What the workflow recorded is written by the real activities
// and allocation's real decision writer, as the worker and the allocation service write them.
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { createLogger } from '@probity/shared/log';
import { TokenSealer } from '@probity/shared/complaint/case-token';
import { complaintFormSchema } from '@probity/shared/complaint/complaint-form';
import { createIntakeStore } from '@probity/shared/complaint/complaint-store';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { connectTemporalClient, connectWorkerConnection } from '@probity/shared/temporal/connect';
import { dataConverter } from '@probity/shared/temporal/codec';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { bearerFor, testAuth } from '@probity/shared/testing/oidc';
import { mainOf, pageAs, portalSession } from '@probity/shared/testing/portal-session';
import { uniqueId } from '@probity/shared/testing/temporal';
import { caseRecordActivities } from '@probity/activities/case-record';
import { complaintRecordActivities } from '@probity/activities/complaint-record';
import { taskActivities } from '@probity/activities/tasks';
import { decideOnce } from '@probity/allocation/decision';
import { complaintWorkflowId, stateQuery } from '@probity/workflows/complaint/contract';
import { createCaseworkApp } from '../src/app';

const config = loadConfig();
const log = createLogger('case-page-without-worker-test', 'silent');
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const run = uniqueId('nowk');
const base = config.CASEWORK_URL;
const store = createIntakeStore(db, new TokenSealer(config.CASE_TOKEN_SEAL_SECRET));
const tasks = taskActivities(db);
const cases = caseRecordActivities(db);
const complaints = complaintRecordActivities(db);

const person = (suffix: string, role: string) => ({
  id: `${run}-${suffix}`, name: `Test ${suffix} ${run}`, email: `${run}-${suffix}@probity.test`, role, rank: null, team: `${run}-psd`, division: 'hq', managerId: null,
});
const P = {
  manager: person('manager', 'psd-manager'), assessor: person('assessor', 'psd-handler'), handler: person('handler', 'psd-handler'), next: person('next', 'psd-handler'),
  sergeant: { ...person('sergeant', 'supervisor'), rank: 'sergeant', team: `${run}-response` }, constable: { ...person('constable', 'front-line'), rank: 'constable', team: `${run}-response` },
};

let server: Server;
let ref: string;
let caseId: string;

type Progress = { stage: string; suspended: boolean; slaBreached: boolean; handling: string | null; handlingAssessed: boolean; referToIopc: boolean; handlerId: string | null; leadId: string | null };
async function api<T>(path: string, opts: { as?: { id: string }; json?: unknown } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { ...(await bearerFor((opts.as ?? P.manager).id)), ...(opts.json !== undefined && { 'content-type': 'application/json' }) };
  const res = await fetch(`${base}/api${path}`, { method: opts.json === undefined ? 'GET' : 'POST', headers, body: opts.json === undefined ? undefined : JSON.stringify(opts.json) });
  return { status: res.status, body: (await res.json()) as T };
}
const summaryRow = (html: string, key: string) => new RegExp(`<dt class="govuk-summary-list__key">\\s*${key}\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*([^<]*?)\\s*</dd>`).exec(html)?.[1];

beforeAll(async () => {
  for (const { managerId: _m, ...p } of Object.values(P)) await db.person.upsert({ where: { id: p.id }, create: p, update: { ...p, active: true } });
  const result = await store.recordComplaint({
    form: complaintFormSchema.parse({
      complainant: { name: `Casey ${run}`, email: `${run}@example.test`, preferredContact: 'email' },
      incident: { what: 'The officer pushed me in the street.', when: '2026-01-10', where: 'High Street' },
      subjects: [{ team: 'north-response', division: 'north' }],
      allegations: [{ category: 'individual-behaviours', description: 'rude and dismissive' }],
    }),
  });
  if (result.outcome !== 'created') throw new Error('not created');
  ({ ref, caseId } = result.receipt);
  // This run records what allocation and the workflow would, not a running allocation service.
  await db.outboxEvent.updateMany({ where: { key: caseId }, data: { publishedAt: new Date() } });

  // The workflow exists and ran its first task; then its worker stopped, so a query finds no one.
  const taskQueue = `${run}-stopped`;
  const worker = await Worker.create({
    connection: await connectWorkerConnection(config),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../intake/test/fixtures/complaint-stand-in.ts', import.meta.url)),
    dataConverter: dataConverter(config.PAYLOAD_KEY),
  });
  const running = worker.run();
  const client = await temporal.get();
  const handle = await client.workflow.start('complaint', { taskQueue, workflowId: complaintWorkflowId(ref), args: [ref, P.assessor.id] });
  await handle.query(stateQuery); // answered: the first workflow task is done
  worker.shutdown();
  await running;

  const app = createCaseworkApp({ db, log, auth: testAuth(db), caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows: complaintWorkflows(temporal), portal: config });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.CASEWORK_PORT, '127.0.0.1', () => resolve(s));
  });
}, 180_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  const client = await temporal.get();
  if (ref) await client.workflow.getHandle(complaintWorkflowId(ref)).terminate('test over').catch(() => undefined);
  await db.task.deleteMany({ where: { caseRef: ref } });
  await db.person.updateMany({ where: { id: { startsWith: run } }, data: { active: false } });
  await temporal.close();
  await db.$disconnect();
});

describe('the case page and record with the worker stopped', () => {
  it('before assessment: the first routing, the assessor not yet the handler, nothing breached', async () => {
    await decideOnce(db, {
      id: `allocation:${caseId}:assessment`, caseId, action: 'assessor-chosen', note: { handling: 'schedule-3', referToIopc: true, restricted: false },
      choose: async () => ({ purpose: 'assessment', assigneeId: P.assessor.id, reason: 'test', eventId: run }),
    });
    const at = new Date().toISOString();
    await cases.recordStage({ caseId, stage: 'assessment', at, dueAt: at });
    await tasks.openTask({ id: `${ref}:assessment`, caseId, caseRef: ref, workflowId: complaintWorkflowId(ref), type: 'assessment', assigneeId: P.assessor.id, dueAt: at, createdAt: at });

    const html = mainOf((await pageAs(await portalSession(base, P.manager.id), new URL(`/cases/${ref}`, base))).html);
    expect(summaryRow(html, 'Handler')).toBe('Not allocated yet');
    expect(summaryRow(html, 'Handling')).toBe('Schedule 3 (initial routing, until assessed)');
    expect(summaryRow(html, 'Referred to the IOPC')).toBe('Yes');
    expect(html).not.toContain('SLA breached');
    expect(html).not.toMatch(/govuk-tag--yellow">\s*Suspended/);

    const record = await api<{ progress: Progress; state: unknown; workflow: string }>(`/cases/${ref}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ state: null, workflow: 'not-queried' });
    expect(record.body.progress).toEqual({
      stage: 'assessment', suspended: false, slaBreached: false, handling: 'schedule-3', handlingAssessed: false, referToIopc: true, handlerId: null, leadId: P.assessor.id,
    });
  });

  it('allocated, breached and suspended: the handler, the SLA breached and Suspended tags, the assessed handling; reallocation moves the handler', async () => {
    const at = new Date().toISOString();
    await tasks.closeTask(`${ref}:assessment`, at, P.assessor.id);
    await complaints.recordAssessment({ caseId, at, handling: 'outside-schedule-3', handlingMode: 'reasonable-and-proportionate', referToIopc: false, schedule3Reasons: [], restricted: false });
    await decideOnce(db, {
      id: `allocation:${caseId}:handling:${run}`, caseId, action: 'handler-chosen',
      choose: async () => ({ purpose: 'handling', assigneeId: P.handler.id, reason: 'test', eventId: run }),
    });
    await cases.recordStage({ caseId, stage: 'handling', at });
    await tasks.openTask({ id: `${ref}:handling`, caseId, caseRef: ref, workflowId: complaintWorkflowId(ref), type: 'handling', assigneeId: P.handler.id, dueAt: at, createdAt: at });
    await tasks.recordEscalation(`${ref}:handling`, 1);
    await complaints.openSuspension({ id: `${caseId}:suspension:1`, caseId, reason: 'sub-judice', at, byId: P.manager.id });

    const jar = await portalSession(base, P.manager.id);
    const html = mainOf((await pageAs(jar, new URL(`/cases/${ref}`, base))).html);
    expect(summaryRow(html, 'Handler')).toBe(P.handler.name);
    expect(summaryRow(html, 'Handling')).toBe('Outside schedule 3');
    expect(summaryRow(html, 'Referred to the IOPC')).toBe('No');
    expect(html).toMatch(/govuk-tag--red">\s*SLA breached/);
    expect(html).toMatch(/govuk-tag--yellow">\s*Suspended/);
    expect(html).toContain('Resume this complaint');

    // The workflow's reallocate update moves the task; the record's handler follows it.
    await tasks.reassignTask(`${ref}:handling`, P.next.id);
    expect(summaryRow(mainOf((await pageAs(jar, new URL(`/cases/${ref}`, base))).html), 'Handler')).toBe(P.next.name);

    const record = await api<{ progress: Progress }>(`/cases/${ref}`);
    expect(record.body.progress).toMatchObject({ stage: 'handling', suspended: true, slaBreached: true, handling: 'outside-schedule-3', handlingAssessed: true, handlerId: P.next.id });
  });

  it('?live=true asks the workflow, and says it did not answer within the short deadline instead of waiting', async () => {
    const live = await api<{ progress: Progress; state: unknown; workflow: string }>(`/cases/${ref}?live=true`);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ state: null, workflow: 'unavailable', progress: { handlerId: P.next.id } });
    const bad = await api<{ error: string; fields: { field: string }[] }>(`/cases/${ref}?live=maybe`);
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.field)).toContain('live');
  });
});

describe('the conduct matter page with no workflow answering', () => {
  it('shows the triage and the stage\'s form from the record', async () => {
    const raised = await api<{ ref: string; caseId: string }>('/conduct-matters', {
      as: P.sergeant,
      json: { subject: { personId: P.constable.id, team: P.constable.team }, standards: ['authority-respect-and-courtesy'], account: { what: 'Swore at a motorist.', when: '2026-11-01', where: 'London Road' }, view: 'on-the-cusp' },
    });
    expect(raised.status).toBe(202);
    const { ref: matterRef, caseId: matterCaseId } = raised.body;
    await db.outboxEvent.updateMany({ where: { key: matterCaseId }, data: { publishedAt: new Date() } });
    await cases.recordStage({ caseId: matterCaseId, stage: 'chief-inspector-discussion', at: new Date().toISOString() });

    const html = mainOf((await pageAs(await portalSession(base, P.manager.id), new URL(`/conduct-matters/${matterRef}`, base))).html);
    expect(summaryRow(html, 'Triage')).toBe('On the cusp of misconduct: discuss it with your chief inspector first. (§3.3.4)');
    expect(html).toContain(`action="/conduct-matters/${matterRef}/formal-assessment-request"`);
  });

  it('PSD raises possible misconduct with its source (§3.3.5 is advice, not a bar): the page triages it from the record; at the IOPC decision (C&M reg 7) PSD gets its form', async () => {
    const psdSession = await portalSession(base, P.assessor.id);
    const form = mainOf((await pageAs(psdSession, new URL('/conduct-matters/new', base))).html);
    expect(form).toContain('name="source"');
    expect(form).toMatch(/IOPC referral back\s*<\/label>/);
    const raised = await api<{ ref: string; caseId: string; triage: { route: string } }>('/conduct-matters', {
      as: P.assessor,
      json: { subject: { personId: P.constable.id, team: P.constable.team }, standards: ['honesty-and-integrity'], account: { what: 'Sexual advances to a victim of crime.', when: '2026-11-01', where: 'London Road' }, view: 'possible-misconduct', source: 'whistleblower' },
    });
    expect(raised.status).toBe(202);
    expect(raised.body.triage.route).toBe('request-formal-assessment');
    const { ref: matterRef, caseId: matterCaseId } = raised.body;
    await db.outboxEvent.updateMany({ where: { key: matterCaseId }, data: { publishedAt: new Date() } });
    await cases.recordStage({ caseId: matterCaseId, stage: 'iopc-decision', at: new Date().toISOString() });

    const html = mainOf((await pageAs(psdSession, new URL(`/conduct-matters/${matterRef}`, base))).html);
    expect(summaryRow(html, 'Triage')).toMatch(/^PSD, acting for the appropriate authority, opens the severity assessment; .*not a bar on PSD\. \(§3\.3\.5\)$/);
    expect(html).toContain(`action="/conduct-matters/${matterRef}/iopc-decision"`);
    expect(html).toContain('name="decision"');
    expect(html).toMatch(/Independent\s*<\/label>/);
    // Not for those outside PSD.
    expect(mainOf((await pageAs(await portalSession(base, P.sergeant.id), new URL(`/conduct-matters/${matterRef}`, base))).html)).not.toContain('/iopc-decision"');
  });
});
