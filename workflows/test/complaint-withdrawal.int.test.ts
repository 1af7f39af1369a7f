// Withdrawn complaints (C&M reg 38), on the real Temporal test server (time skipping) with the real
// activities, Postgres and Kafka: the signed notification recorded, the IOPC and the review body told
// where the regulation says, the public-interest decision where it is the force's, and nothing left
// running once the complaint is withdrawn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { addCalendarDays, toLondonDate } from '@probity/shared/domain/index';
import { requestReviewUpdate, stateQuery, withdrawUpdate } from '../src/complaint/contract';
import type { complaint } from '../src/complaint/complaint';
import { settled } from './replay/scenarios';
import { actor, completeTask, createWorld, openTaskOf, outcomesFor, startComplaint, waitForStage, refusal, type World } from './world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

type Handle = WorkflowHandle<typeof complaint>;
const DAY = 24 * 3600 * 1000;
const SEXUAL_PURPOSE = { category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose' } as const;
const assessment = (over: Record<string, unknown> = {}) => ({
  handling: 'schedule-3', handlingMode: 'investigation', referToIopc: false, allocateTo: 'psd-investigator', rationale: 'assessed', ...over,
});

const withdraw = (handle: Handle, by: string, notification: Record<string, unknown>) => handle.executeUpdate(withdrawUpdate, { args: [{ actor: actor(by), notification }] });

async function today(): Promise<string> {
  return toLondonDate(await w.env.currentTimeMs());
}

async function signed(over: Record<string, unknown> = {}) {
  return { kind: 'withdraws', signedBy: 'complainant', receivedOn: await today(), receivedBy: 'post', ...over };
}

async function allocated(handle: Handle, by = 'psd-handler-1', assigneeId = 'psd-investigator', over: Record<string, unknown> = {}) {
  await completeTask(handle, 'assessment', by, assessment(over));
  await waitForStage(handle, 'allocation');
  await handle.signal('assigned', { assigneeId, reason: 'test' });
  await waitForStage(handle, 'handling');
}

describe('C&M reg 38: a complaint withdrawn by a signed notification', () => {
  it('C&M reg 38(1)–(2): recorded with the signed notification and the public-interest decision; the handling ends and nothing is left due; the case is kept', async () => {
    const { handle, input } = await startComplaint(w);
    await allocated(handle);

    // A notification that is not signed is not a reg 38 withdrawal (reg 39 applies).
    expect(await refusal(withdraw(handle, 'psd-investigator', { ...(await signed()), signedBy: undefined }))).toMatch(/signedBy: .*reg 39 applies/);
    expect(await refusal(withdraw(handle, 'psd-investigator', await signed({ receivedOn: addCalendarDays(await today(), 2) })))).toMatch(/^receivedOn: .* is in the future/);
    // Under Schedule 3, not referred: the force decides the public interest.
    expect(await refusal(withdraw(handle, 'psd-investigator', await signed()))).toMatch(/^publicInterest: decide whether it is in the public interest .*C&M reg 38/);
    // Neither the handler nor the appropriate authority.
    expect(await refusal(withdraw(handle, 'psd-handler-1', await signed({ publicInterest: { treatAsConductMatter: false, reason: 'x' } })))).toMatch(/only the complaint's handler \(psd-investigator\)/);

    await settled(handle);
    const state = await withdraw(handle, 'psd-investigator', await signed({ kind: 'no-further-steps', signedBy: 'solicitor', receivedBy: 'email', publicInterest: { treatAsConductMatter: false, reason: 'no indication of misconduct; the complainant is content' } }));
    expect(state.stages.map((s) => s.stage)).toContain('withdrawn');
    expect(state.outcome).toBe('withdrawn');
    expect(state.openTasks).toEqual([]);
    expect(state.withdrawal).toMatchObject({
      kind: 'no-further-steps', signedBy: 'solicitor', receivedBy: 'email', recordedById: 'psd-investigator', tellIopc: false, publicInterestDecidedBy: 'appropriate-authority',
      publicInterest: { treatAsConductMatter: false },
    });
    expect(state.withdrawal?.tellReviewBody).toBeUndefined();

    // The workflow ends its handling: it completes (kept for the retention sweep), no update or handling task is left open.
    await w.client.workflow.getHandle(handle.workflowId).result();
    const final = await handle.query(stateQuery);
    expect(final.stage).toBe('retained');
    expect(final.stages.map((s) => s.stage).slice(-2)).toEqual(['withdrawn', 'retained']);
    expect(await w.db.task.count({ where: { caseId: input.caseId, completedAt: null } })).toBe(0);
    const closedBy = await w.db.task.findMany({ where: { caseId: input.caseId, type: 'handling' }, select: { completedBy: true } });
    expect(closedBy).toEqual([{ completedBy: 'system:complaint-withdrawn' }]);
    const audit = await w.db.auditEntry.findMany({ where: { caseId: input.caseId, action: 'complaint-withdrawn' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ kind: 'no-further-steps', signedBy: 'solicitor', treatAsConductMatter: false, tellIopc: false });
    const row = await w.db.case.findUniqueOrThrow({ where: { id: input.caseId }, select: { stage: true } });
    expect(row.stage).toBe('retained');
  });

  it('C&M reg 38(3) and (5): referred to the IOPC and kept by it — the IOPC is told and decides the public interest, not the force', async () => {
    const { handle } = await startComplaint(w, { categories: [SEXUAL_PURPOSE], assessorId: 'ccu-handler' });
    await completeTask(handle, 'iopc-referral', 'ccu-handler', { iopcReference: 'IOPC-REG38-1', iopcDecision: 'directed' });
    await openTaskOf(handle, 'assessment');
    expect(await refusal(withdraw(handle, 'ccu-handler', await signed({ publicInterest: { treatAsConductMatter: true, reason: 'serious' } })))).toMatch(/the IOPC decides .*C&M reg 38\(5\)/);
    await settled(handle);
    const state = await withdraw(handle, 'ccu-handler', await signed({ receivedBy: 'by-hand' }));
    expect(state.withdrawal).toMatchObject({ tellIopc: true, publicInterestDecidedBy: 'iopc' });
    expect(state.openTasks).toEqual([]);
    await w.client.workflow.getHandle(handle.workflowId).result();
  });

  it('C&M reg 38(3)(b): returned to the force by the IOPC — the force decides, and the IOPC need not be told', async () => {
    const { handle } = await startComplaint(w, { categories: [SEXUAL_PURPOSE], assessorId: 'ccu-handler' });
    await completeTask(handle, 'iopc-referral', 'ccu-handler', { iopcReference: 'IOPC-REG38-2', iopcDecision: 'return-to-force' });
    await openTaskOf(handle, 'assessment');
    await settled(handle);
    const state = await withdraw(handle, 'head-of-psd', await signed({ publicInterest: { treatAsConductMatter: true, reason: 'abuse of position: to be recorded as a conduct matter' } }));
    expect(state.withdrawal).toMatchObject({ tellIopc: false, publicInterestDecidedBy: 'appropriate-authority', publicInterest: { treatAsConductMatter: true } });
  });

  it('C&M reg 38(4): under review — the review body is told', async () => {
    const { handle, input } = await startComplaint(w);
    await allocated(handle, 'psd-handler-1', 'psd-investigator');
    await completeTask(handle, 'handling', 'psd-investigator', { outcome: 'service-acceptable', summary: 'done', allegationOutcomes: outcomesFor(input, { caseToAnswer: false, actions: ['learning'] }) });
    await completeTask(handle, 'outcome-notification', 'psd-investigator', { method: 'letter' });
    await waitForStage(handle, 'review-window');
    await w.env.sleep(3 * DAY);
    await handle.executeUpdate(requestReviewUpdate, { args: [{ by: { complainant: true } }] });
    await waitForStage(handle, 'review');
    const reviewer = (await handle.query(stateQuery)).review!;
    // Once the case has settled, as a person acting on the page would find it.
    await settled(handle);
    const state = await withdraw(handle, 'psd-investigator', await signed({ publicInterest: { treatAsConductMatter: false, reason: 'service matter' } }));
    expect(state.withdrawal).toMatchObject({ tellReviewBody: reviewer.body, tellIopc: false });
    expect(state.openTasks).toEqual([]); // the review task too
    // Once withdrawn there is nothing left to withdraw or decide.
    await w.client.workflow.getHandle(handle.workflowId).result();
    expect((await handle.query(stateQuery)).stage).toBe('retained');
  });

  it('C&M reg 38: handled outside Schedule 3 — withdrawn without a public-interest decision', async () => {
    const outside = await startComplaint(w);
    await allocated(outside.handle, 'psd-handler-1', 'south-lead', { handling: 'outside-schedule-3', handlingMode: 'reasonable-and-proportionate', allocateTo: 'division' });
    await settled(outside.handle);
    const s2 = await withdraw(outside.handle, 'psd-manager', await signed());
    expect(s2.withdrawal).toMatchObject({ publicInterestDecidedBy: null });
  });
});
