// Recordable conduct matters (PRA 2002 Sch 3 paras 10–15; C&M reg 7) on the time-skipping test
// server with the real activities: recorded, referred to the IOPC, and handled as the IOPC decides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGLAND_AND_WALES, deadlineAtEndOf } from '@probity/shared/domain/index';
import { recordIopcDecisionUpdate } from '../src/conduct/contract';
import { PEOPLE, actor, complete, openTaskOf, refusal, startConduct, stateOf, todayIn, waitForStage, type ConductHandle } from './conduct-world';
import { createWorld, type World } from './world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

const severity = (outcome: string, over: Record<string, unknown> = {}) => ({ outcome, rationale: 'assessed against §3.3.1', ...over });
const decide = (handle: ConductHandle, by: string, decision: string, iopcReference = 'IOPC-2026-0042') =>
  handle.executeUpdate(recordIopcDecisionUpdate, { args: [{ actor: actor(by), decision, iopcReference } as never] });

/** Severity assessment with the grounds found → the referral made today → waiting for the IOPC. */
async function referred(handle: ConductHandle, outcome: string, grounds: Record<string, unknown>) {
  await complete(handle, 'severity-assessment', PEOPLE.assessor, severity(outcome, grounds));
  await waitForStage(handle, 'iopc-referral');
  await complete(handle, 'iopc-referral', PEOPLE.authority, { referredOn: await todayIn(w), iopcReference: 'IOPC-2026-0042' });
  return waitForStage(handle, 'iopc-decision');
}

describe('recordable conduct matters: recorded, referred to the IOPC and handled as it decides (C&M reg 7; Sch 3 paras 11–15)', () => {
  it('C&M reg 7(1)(c): abuse of position for a sexual purpose is recorded and referred by the end of the next working day; the IOPC investigates independently and the force records its outcome', async () => {
    const { handle } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    expect(await refusal(complete(handle, 'severity-assessment', PEOPLE.assessor, severity('gross-misconduct', { reg7: ['rudeness'] }))))
      .toMatch(/reg7\.0: each description must be one of C&M reg 7\(1\)'s: serious-assault/);
    await complete(handle, 'severity-assessment', PEOPLE.assessor, severity('gross-misconduct', { reg7: ['serious-corruption'] }));
    const s = await waitForStage(handle, 'iopc-referral');
    const today = await todayIn(w);
    expect(s.recordable).toMatchObject({ recordedOn: today, mustRefer: true, reasons: [{ code: 'serious-corruption' }] });
    const task = await openTaskOf(handle, 'iopc-referral');
    expect(task.assigneeId).toBe(PEOPLE.authority);
    // The referral period: the end of the working day after it became clear (the assessment).
    expect(task.dueAt).toBe(deadlineAtEndOf(ENGLAND_AND_WALES.addWorkingDays(today, 1)).dueAt);
    expect(await refusal(decide(handle, PEOPLE.authority, 'independent'))).toMatch(/complete the IOPC referral task first/);

    await complete(handle, 'iopc-referral', PEOPLE.authority, { referredOn: today, iopcReference: 'IOPC-2026-0042' });
    await waitForStage(handle, 'iopc-decision');
    expect(await refusal(decide(handle, PEOPLE.sergeant, 'independent'))).toMatch(/^only PSD, acting for the appropriate authority, records the IOPC's decision/);
    expect(await refusal(decide(handle, PEOPLE.authority, 'independent', 'IOPC-1'))).toBe("iopcReference: give the IOPC reference of this matter's referral (IOPC-2026-0042)");
    expect(await refusal(decide(handle, PEOPLE.authority, 'ignore'))).toMatch(/^decision: the IOPC's decision, one of: return-to-force, local, directed, independent/);
    await decide(handle, PEOPLE.authority, 'independent');
    expect(await refusal(decide(handle, PEOPLE.authority, 'local'))).toMatch(/already recorded on/);

    // Independent: no force investigator, notice or reg 18 window; the force records the IOPC's report.
    await waitForStage(handle, 'iopc-investigation');
    expect((await openTaskOf(handle, 'iopc-investigation-outcome')).assigneeId).toBe(PEOPLE.authority);
    await complete(handle, 'iopc-investigation-outcome', PEOPLE.authority, { reportReceivedOn: await todayIn(w), summary: 'the IOPC found no case to answer' });
    await waitForStage(handle, 'referral-decision');
    await complete(handle, 'referral-decision', PEOPLE.authority, { decision: 'no-case-to-answer', rationale: 'as the IOPC determined' });
    const done = await waitForStage(handle, 'retained');
    expect(done.outcome).toBe('no-case-to-answer');
    expect(done.recordable).toMatchObject({ referredOn: today, iopcReference: 'IOPC-2026-0042', iopcDecision: { decision: 'independent', byId: PEOPLE.authority }, iopcOutcome: 'the IOPC found no case to answer' });
    expect(done.completedTasks.map((t) => t.type)).not.toContain('investigation-notice');
    expect(done.investigatorId).toBeUndefined();
    // The case record the IOPC's figures read, as for a referred complaint.
    expect(await w.db.case.findUniqueOrThrow({ where: { ref: done.ref } })).toMatchObject({ iopcReference: 'IOPC-2026-0042', iopcModeDecision: 'independent' });
  });

  it('Sch 3 para 13(1)(a) and C&M reg 7: a local investigation the IOPC decides is the force’s even after "no further action"; returned to the force it is handled as assessed', async () => {
    const local = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await referred(local.handle, 'no-further-action', { deathOrSeriousInjury: true });
    await decide(local.handle, PEOPLE.authority, 'local');
    const investigating = await waitForStage(local.handle, 'investigation');
    expect(investigating.recordable?.reasons.map((r) => r.code)).toEqual(['death-or-serious-injury']);
    expect(investigating.outcome).toBeUndefined();

    const returned = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await referred(returned.handle, 'no-further-action', { reg7: ['serious-assault'] });
    await decide(returned.handle, PEOPLE.authority, 'return-to-force');
    const done = await waitForStage(returned.handle, 'retained');
    expect(done).toMatchObject({ outcome: 'no-further-action', recordable: { iopcDecision: { decision: 'return-to-force' } } });
  });

  it('C&M reg 7(1)(f): gravity alone is recorded but not referred (Sch 3 para 13(2)); nothing found stays on the Conduct track unrecorded', async () => {
    const grave = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await complete(grave.handle, 'severity-assessment', PEOPLE.assessor, severity('misconduct', { reg7: ['gravity-or-exceptional-circumstances'] }));
    const s = await waitForStage(grave.handle, 'investigation');
    expect(s.recordable).toMatchObject({ mustRefer: false, reasons: [{ code: 'gravity-or-exceptional-circumstances' }] });
    expect(s.completedTasks.map((t) => t.type)).not.toContain('iopc-referral');
    expect(await refusal(decide(grave.handle, PEOPLE.authority, 'local'))).toMatch(/recorded \(C&M reg 7\(1\)\(f\)\) but not referred/);

    const plain = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await complete(plain.handle, 'severity-assessment', PEOPLE.assessor, severity('misconduct'));
    expect((await waitForStage(plain.handle, 'investigation')).recordable).toBeUndefined();
    expect((await stateOf(plain.handle)).stage).toBe('investigation');
  });
});
