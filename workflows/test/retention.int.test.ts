// Bounded lifetimes (policy §10.1): a case workflow completes when its case closes, and the
// retention sweep disposes of the personal data once retention has ended — the day after
// retentionEndsOn, not before — with one audit entry, whatever how often it runs. Time skipping
// on the Java test server; real activities on the real Postgres and Kafka.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, ENGLAND_AND_WALES, retentionEndsOn, startOfLondonDayMs, toLondonDate } from '@probity/shared/domain/index';
import { recordRprpAccount } from '@probity/activities/rprp';
import { RETENTION_SWEEP_WORKFLOW, type RetentionSweepInput } from '../src/retention/contract';
import type { retentionSweep } from '../src/retention/retention-sweep';
import type { complaint } from '../src/complaint/complaint';
import type { conduct } from '../src/conduct/conduct';
import { actor, createWorld, startComplaint, type World } from './world';
import { PEOPLE, complete, startConduct, todayIn, waitForStage as waitForConductStage } from './conduct-world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

const sweepInput: RetentionSweepInput = { sla: DEFAULT_SLA_POLICY, holidays: ENGLAND_AND_WALES.holidays().map((h) => h.date) };
let sweeps = 0;
// Waits with the plain client: the sweep sets no timer, and time must stay on the day it was put on.
const sweep = () =>
  w.client.workflow.execute<typeof retentionSweep>(RETENTION_SWEEP_WORKFLOW, {
    taskQueue: w.taskQueue,
    workflowId: `retention-sweep-test-${Date.now().toString(36)}-${sweeps++}`,
    args: [sweepInput],
  });

async function skipToNoonOf(date: string) {
  const target = startOfLondonDayMs(date) + 12 * 3600 * 1000;
  const now = await w.env.currentTimeMs();
  if (target > now) await w.env.sleep(target - now);
}

describe('a case workflow completes when its case closes (§10.1)', () => {
  it('is Completed at retained, with nothing left waiting; six years on the sweep disposes of it', async () => {
    const at = new Date(await w.env.currentTimeMs()).toISOString();
    const { handle, input } = await startComplaint(w, { firstContact: { byId: 'counter-staff', at, resolved: true } });
    const result = await w.client.workflow.getHandle<typeof complaint>(handle.workflowId).result();
    expect(result).toMatchObject({ stage: 'retained', outcome: 'resolved-at-first-contact', openTasks: [] });
    const described = await handle.describe();
    expect(described.status.name).toBe('COMPLETED');
    const history = await handle.fetchHistory();
    expect(history.events!.some((e) => e.timerStartedEventAttributes)).toBe(false);

    const closed = await w.db.case.findUniqueOrThrow({ where: { id: input.caseId } });
    expect(closed).toMatchObject({ stage: 'retained', disposedAt: null });
    expect(closed.complainant).toMatchObject({ name: 'Test Complainant' });
    // The record's own personal data (as intake writes it): a complainant with equality answers, a subject described.
    await w.db.complainant.create({
      data: { id: `${input.caseId}-c1`, caseId: input.caseId, seq: 1, role: 'acting-on-behalf', name: 'Test Complainant', contact: { email: 'c@example.test', preferredContact: 'email' }, onBehalfOf: 'Their Son', writtenAuthority: true },
    });
    await w.db.complainantEquality.create({ data: { complainantId: `${input.caseId}-c1`, caseId: input.caseId, ageBand: '35-44' } });
    await w.db.caseSubject.create({ data: { id: `${input.caseId}-s1`, caseId: input.caseId, seq: 1, kind: 'officer', description: 'tall, ginger beard' } });
    const endsOn = retentionEndsOn(closed.closedAt!.getTime(), ENGLAND_AND_WALES, DEFAULT_SLA_POLICY);
    expect(endsOn).toBe(`${Number(toLondonDate(closed.closedAt!.getTime()).slice(0, 4)) + 6}${toLondonDate(closed.closedAt!.getTime()).slice(4)}`);

    // The last day of retention: kept.
    await skipToNoonOf(endsOn);
    expect((await sweep()).sweptOn).toBe(endsOn);
    expect(await w.db.case.findUniqueOrThrow({ where: { id: input.caseId } })).toMatchObject({ stage: 'retained', disposedAt: null });

    // The day after: disposed of, the statistical record kept, audited once.
    await skipToNoonOf(ENGLAND_AND_WALES.addWorkingDays(endsOn, 1));
    const first = await sweep();
    expect(first.failed).toEqual([]);
    expect(first.disposed).toBeGreaterThanOrEqual(1);
    const disposed = await w.db.case.findUniqueOrThrow({ where: { id: input.caseId }, include: { allegations: true } });
    expect(disposed).toMatchObject({ stage: 'disposed', complainant: { disposed: true }, incident: { disposed: true }, subjects: [], ref: input.ref, kind: 'complaint' });
    expect(disposed.disposedAt).not.toBeNull();
    expect(disposed.allegations.map((a) => [a.category, a.description])).toEqual([['individual-behaviours', '[disposed]']]);
    expect(await w.db.complainant.findMany({ where: { caseId: input.caseId }, select: { role: true, name: true, contact: true, onBehalfOf: true } })).toEqual([
      { role: 'acting-on-behalf', name: '[disposed]', contact: { disposed: true }, onBehalfOf: null },
    ]);
    expect(await w.db.complainantEquality.count({ where: { caseId: input.caseId } })).toBe(0);
    expect(await w.db.caseSubject.findMany({ where: { caseId: input.caseId }, select: { kind: true, description: true } })).toEqual([{ kind: 'officer', description: null }]);
    const timings = await w.db.stageTiming.findMany({ where: { caseId: input.caseId }, orderBy: { enteredAt: 'asc' } });
    expect(timings.map((t) => [t.stage, t.leftAt !== null])).toEqual([['resolved-at-first-contact', true], ['retained', true], ['disposed', false]]);

    // Again (tomorrow's sweep, or a retry): nothing changes, nothing is audited twice.
    await sweep();
    const audit = await w.db.auditEntry.findMany({ where: { caseId: input.caseId, action: 'personal-data-disposed' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: 'system:retention-sweep', detail: { basis: '§10.1', retentionEndedOn: endsOn, from: 'retained' } });
    expect((await w.db.case.findUniqueOrThrow({ where: { id: input.caseId } })).disposedAt).toEqual(disposed.disposedAt);
  });

  it('disposes of a conduct matter’s sealed reflective practice text with it (§3.3.9)', async () => {
    const { handle, input } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await complete(handle, 'severity-assessment', PEOPLE.assessor, {
      outcome: 'practice-requiring-improvement', rationale: 'assessed against §3.3.1', instructions: 'Reflect on communication.',
    });
    await waitForConductStage(handle, 'reflective-practice');
    await recordRprpAccount(w.db, input.ref, 'The officer’s account, sealed.', actor(PEOPLE.sergeant));
    const heldOn = await todayIn(w);
    await complete(handle, 'reflective-discussion', PEOPLE.sergeant, { heldOn, accountRecorded: true });
    await complete(handle, 'development-report', PEOPLE.sergeant, { actions: [{ id: 'A1', dueOn: ENGLAND_AND_WALES.addWorkingDays(heldOn, 10), owner: 'participant' }] });
    // Conduct reg 70(3)–(4): the copy to the appropriate authority and its action on the lessons.
    await complete(handle, 'rprp-report-copy', PEOPLE.sergeant, { sentOn: heldOn });
    await complete(handle, 'rprp-lessons', PEOPLE.authority, { outcome: 'no-lessons-for-the-force' });
    await complete(handle, 'rprp-review', PEOPLE.sergeant, { heldOn: await todayIn(w) });
    const done = await w.client.workflow.getHandle<typeof conduct>(handle.workflowId).result();
    expect(done).toMatchObject({ stage: 'retained', outcome: 'practice-requiring-improvement' });
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    expect((await w.db.rprpRecord.findUniqueOrThrow({ where: { caseId: input.caseId } })).account).toBe('The officer’s account, sealed.');

    const closedAt = (await w.db.case.findUniqueOrThrow({ where: { id: input.caseId } })).closedAt!;
    await skipToNoonOf(ENGLAND_AND_WALES.addWorkingDays(retentionEndsOn(closedAt.getTime(), ENGLAND_AND_WALES, DEFAULT_SLA_POLICY), 1));
    await sweep();
    const rprp = await w.db.rprpRecord.findUniqueOrThrow({ where: { caseId: input.caseId } });
    expect(rprp).toMatchObject({ account: null, instructions: null, reviewNote: null });
    expect(rprp.disposedAt).not.toBeNull();
    expect(rprp.discussionHeldOn).not.toBeNull(); // dates stay for the statistics
    expect((await w.db.case.findUniqueOrThrow({ where: { id: input.caseId } })).stage).toBe('disposed');
  });
});

describe('the retention sweep keeps every run short', () => {
  it('continues as new after its limit, from where it got to, the same day', async () => {
    // Three cases closed now; their retention ends six years on.
    const now = await w.env.currentTimeMs();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { handle, input } = await startComplaint(w, { firstContact: { byId: 'counter-staff', at: new Date(now).toISOString(), resolved: true } });
      ids.push(input.caseId);
      await w.client.workflow.getHandle(handle.workflowId).result();
    }
    const closedAt = (await w.db.case.findUniqueOrThrow({ where: { id: ids[2]! } })).closedAt!;
    await skipToNoonOf(ENGLAND_AND_WALES.addWorkingDays(retentionEndsOn(closedAt.getTime(), ENGLAND_AND_WALES, DEFAULT_SLA_POLICY), 1));
    const handle = await w.client.workflow.start<typeof retentionSweep>(RETENTION_SWEEP_WORKFLOW, {
      taskQueue: w.taskQueue,
      workflowId: `retention-sweep-test-${Date.now().toString(36)}-limits`,
      args: [{ ...sweepInput, pageSize: 2, maxDisposalsPerRun: 2 }],
    });
    const result = await handle.result();
    expect(result.failed).toEqual([]);
    for (const id of ids) expect((await w.db.case.findUniqueOrThrow({ where: { id } })).stage).toBe('disposed');
    const last = await handle.describe();
    expect(last.runId).not.toBe(handle.firstExecutionRunId);
    expect(last.historyLength).toBeLessThan(40);
    // Every run of the sweep wrote the same sweep id into its audit entries.
    const audit = await w.db.auditEntry.findMany({ where: { caseId: { in: ids }, action: 'personal-data-disposed' } });
    expect(new Set(audit.map((a) => (a.detail as { sweepId: string }).sweepId))).toEqual(new Set([handle.firstExecutionRunId]));
  });
});
