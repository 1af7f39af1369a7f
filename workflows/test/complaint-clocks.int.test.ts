// The complaint's clocks under time skipping (Java test server), with the real activities
// writing to the real Postgres and Kafka.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfLondonDayMs, startOfLondonDayMs, addCalendarDays, toLondonDate } from '@probity/shared/domain/index';
import { requestReviewUpdate, stateQuery } from '../src/complaint/contract';
import type { complaint } from '../src/complaint/complaint';
import { closedComplaintRefusal } from '../src/complaint/task-rules';
import { actor, completeTask, createWorld, openTaskOf, outcomesFor, startComplaint, waitForStage, refusal, type World } from './world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

const DAY = 24 * 3600 * 1000;

/** Skips time until noon (London) of the given date. */
async function skipToNoonOf(date: string) {
  const target = startOfLondonDayMs(date) + 12 * 3600 * 1000;
  const now = await w.env.currentTimeMs();
  if (target > now) await w.env.sleep(target - now);
}

const assessment = (over: Record<string, unknown> = {}) => ({
  handling: 'schedule-3',
  handlingMode: 'investigation',
  referToIopc: false,
  allocateTo: 'psd-investigator',
  rationale: 'proportionate to investigate',
  ...over,
});

describe('complaint workflow clocks', () => {
  it('escalates a missed assessment to the manager, then to the head of PSD', async () => {
    const { handle, input } = await startComplaint(w);
    const task = await openTaskOf(handle, 'assessment');
    expect(task.assigneeId).toBe('psd-handler-1');
    expect(task.managerId).toBe('psd-manager');

    // Just before the end of the due day: nothing yet.
    await w.env.sleep(endOfLondonDayMs(toLondonDate(task.dueAt)) - (await w.env.currentTimeMs()) - 3600_000);
    expect((await handle.query(stateQuery)).slaBreached).toBe(false);

    await w.env.sleep(2 * 3600_000);
    let state = await handle.query(stateQuery);
    expect(state.slaBreached).toBe(true);
    expect(state.openTasks.find((t) => t.id === task.id)?.escalations).toBe(1);

    await w.env.sleep(10 * DAY); // past the 5-working-day re-escalation
    state = await handle.query(stateQuery);
    expect(state.openTasks.find((t) => t.id === task.id)?.escalations).toBe(2);

    const audit = await w.db.auditEntry.findMany({ where: { caseId: input.caseId, action: { in: ['sla-breached', 'escalated'] } }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => [a.action, (a.detail as { to: string }).to])).toEqual([
      ['sla-breached', 'psd-manager'],
      ['escalated', 'head-of-psd'],
    ]);
    const row = await w.db.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row.escalations).toBe(2);
    const timing = await w.db.stageTiming.findFirstOrThrow({ where: { caseId: input.caseId, stage: 'assessment' } });
    expect(timing.breachedAt).not.toBeNull();
  });

  it('opens complainant updates four weeks after the last notification (C&M reg 34) and long-running reports at 12 then 18 months (C&M reg 13)', async () => {
    const { handle } = await startComplaint(w);
    await completeTask(handle, 'assessment', 'psd-handler-1', assessment());
    await waitForStage(handle, 'allocation');
    await handle.signal('assigned', { assigneeId: 'psd-investigator', reason: 'test' });
    await waitForStage(handle, 'handling');
    const startedOn = toLondonDate(await w.env.currentTimeMs());

    await skipToNoonOf(addCalendarDays(startedOn, 21 + 1)); // reminder goes out 7 days before day 28
    let updates = (await handle.query(stateQuery)).openTasks.filter((t) => t.type === 'complainant-update');
    expect(updates).toHaveLength(1);
    expect(toLondonDate(updates[0]!.dueAt)).toBe(addCalendarDays(startedOn, 28));
    // A web complaint under Schedule 3: in writing (C&M reg 34(3)).
    await completeTask(handle, 'complainant-update', 'psd-investigator', { method: 'letter' });
    const toldOn = addCalendarDays(startedOn, 22);

    await skipToNoonOf(addCalendarDays(toldOn, 21 + 1));
    updates = (await handle.query(stateQuery)).openTasks.filter((t) => t.type === 'complainant-update');
    expect(updates.map((t) => toLondonDate(t.dueAt))).toEqual([addCalendarDays(toldOn, 28)]);

    // 12 months after receipt: the first long-running report; 18 months: the next.
    await w.env.sleep(370 * DAY);
    let reports = (await handle.query(stateQuery)).openTasks.filter((t) => t.type === 'long-running-report');
    expect(reports).toHaveLength(1);
    await w.env.sleep(183 * DAY);
    reports = (await handle.query(stateQuery)).openTasks.filter((t) => t.type === 'long-running-report');
    expect(reports).toHaveLength(2);
    // The update still owed stays open (and escalates); the next is due four weeks after it is given.
    expect((await handle.query(stateQuery)).openTasks.filter((t) => t.type === 'complainant-update').map((t) => toLondonDate(t.dueAt))).toEqual([addCalendarDays(toldOn, 28)]);
  });

  it('accepts an application on day 27 (dissatisfied after initial handling: recorded under Schedule 3) and refuses one on day 29', async () => {
    const { handle, input } = await startComplaint(w);
    await completeTask(handle, 'assessment', 'psd-handler-1', assessment({ handling: 'outside-schedule-3', handlingMode: 'reasonable-and-proportionate', allocateTo: 'division' }));
    await waitForStage(handle, 'allocation');
    await handle.signal('assigned', { assigneeId: 'south-lead', division: 'south', reason: 'test' });
    await waitForStage(handle, 'handling');
    await completeTask(handle, 'handling', 'south-lead', { outcome: 'service-acceptable', summary: 'apology given', allegationOutcomes: outcomesFor(input) });
    await completeTask(handle, 'outcome-notification', 'south-lead', { method: 'email' });
    await waitForStage(handle, 'review-window');
    const toldOn = (await handle.query(stateQuery)).toldOutcomeOn!;

    await skipToNoonOf(addCalendarDays(toldOn, 27));
    const after = await handle.executeUpdate(requestReviewUpdate, { args: [{ by: { complainant: true } }] });
    expect(after.stage).toBe('review-window');
    // Recorded under Schedule 3 — not a review — and assessed afresh before it is handled again.
    await waitForStage(handle, 'assessment');
    expect((await handle.query(stateQuery))).toMatchObject({ reviews: 0, handling: 'schedule-3' });
    await completeTask(handle, 'assessment', 'psd-handler-1', assessment({ handling: 'schedule-3', handlingMode: 'reasonable-and-proportionate', allocateTo: 'division' }));
    await waitForStage(handle, 'allocation');
    await handle.signal('assigned', { assigneeId: 'south-lead', division: 'south', reason: 'test' });
    await waitForStage(handle, 'handling');

    await completeTask(handle, 'handling', 'south-lead', { outcome: 'service-acceptable', summary: 'reviewed', allegationOutcomes: outcomesFor(input) });
    await completeTask(handle, 'outcome-notification', 'south-lead', { method: 'letter' });
    await waitForStage(handle, 'review-window');
    const toldAgain = (await handle.query(stateQuery)).toldOutcomeOn!;
    await skipToNoonOf(addCalendarDays(toldAgain, 29));
    // The window closed on day 28 and the case with it: its workflow has completed (§10.1), and a
    // late application is refused from its final state (intake answers it so), citing C&M reg 29.
    const closed = await w.client.workflow.getHandle<typeof complaint>(handle.workflowId).result();
    expect(closed.stage).toBe('retained');
    expect(closedComplaintRefusal(closed)).toBe(
      `review application refused: the window closed at the end of ${addCalendarDays(toldAgain, 28)} (28 days from the day after the outcome was sent on ${toldAgain}, C&M reg 29)`,
    );
    expect(await handle.executeUpdate(requestReviewUpdate, { args: [{ by: { complainant: true } }] }).then(() => 'accepted', (e: Error) => e.name)).toBe('WorkflowNotFoundError');
  });
});

describe('complaint tasks refuse the wrong actor, the wrong stage and bad payloads', () => {
  it('says clearly why a completion is refused', async () => {
    // Serious corruption: allocation gives it to the counter-corruption unit (restricted).
    const { handle, input } = await startComplaint(w, { categories: [{ category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose' }], assessorId: 'ccu-handler' });
    // Referable on its face: referred first, from receipt (C&M reg 4).
    await completeTask(handle, 'iopc-referral', 'ccu-handler', { iopcReference: 'IOPC-TEST-2', iopcDecision: 'local' });
    const task = await openTaskOf(handle, 'assessment');

    // Wrong actor: not the assignee nor their manager.
    expect(await refusal(handle.executeUpdate('completeTask', { args: [{ taskId: task.id, actor: actor('psd-handler-2'), payload: assessment() }] })))
      .toMatch(/psd-handler-2 may not complete task .*only the assignee \(ccu-handler\) or their manager \(head-of-psd\)/);
    // Bad payload, naming the field.
    expect(await refusal(handle.executeUpdate('completeTask', { args: [{ taskId: task.id, actor: actor('ccu-handler'), payload: { ...assessment(), handling: 'maybe' } }] })))
      .toMatch(/invalid assessment payload — handling:/);
    // The law: abuse of position for a sexual purpose is serious corruption — refer to the IOPC.
    expect(await refusal(handle.executeUpdate('completeTask', { args: [{ taskId: task.id, actor: actor('ccu-handler'), payload: assessment() }] })))
      .toMatch(/must be referred to the IOPC: serious corruption/);
    // Wrong stage: no review before an outcome.
    expect(await refusal(handle.executeUpdate(requestReviewUpdate, { args: [{ by: { complainant: true } }] })))
      .toMatch(/no review can be requested while case .* is at stage assessment/);

    // The manager may complete it, correctly; the routing decision reaches the case record.
    await handle.executeUpdate('completeTask', { args: [{ taskId: task.id, actor: actor('head-of-psd'), payload: assessment({ referToIopc: true }) }] });
    await waitForStage(handle, 'allocation');
    expect(await w.db.case.findUniqueOrThrow({ where: { id: input.caseId }, select: { handling: true, referToIopc: true } }))
      .toEqual({ handling: 'schedule-3', referToIopc: true });
    // The same task again is the wrong stage now.
    expect(await refusal(handle.executeUpdate('completeTask', { args: [{ taskId: task.id, actor: actor('head-of-psd'), payload: assessment({ referToIopc: true }) }] })))
      .toMatch(/already closed \(head-of-psd/);
  });

  it('closes a complaint resolved at first contact and tells the complaints team', async () => {
    const at = new Date(await w.env.currentTimeMs()).toISOString();
    const { handle, input } = await startComplaint(w, { firstContact: { byId: 'counter-staff', at, resolved: true } });
    await waitForStage(handle, 'retained');
    const state = await handle.query(stateQuery);
    expect(state.outcome).toBe('resolved-at-first-contact');
    const row = await w.db.case.findUniqueOrThrow({ where: { id: input.caseId } });
    expect(row.closedAt).not.toBeNull();
    // The workflow shows a stage as soon as it enters it; the activity records it just after.
    const stages = async () => (await w.db.stageTiming.findMany({ where: { caseId: input.caseId }, orderBy: { enteredAt: 'asc' } })).map((s) => s.stage);
    await expect.poll(stages, { timeout: 10_000 }).toEqual(['resolved-at-first-contact', 'retained']);
  });
});
