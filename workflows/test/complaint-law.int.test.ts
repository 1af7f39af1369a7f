// The law and the policy in the complaint workflow (issue 9, DOMAIN.md "Access, conflicts and the
// complaint's route"), on the real Temporal test server with the real activities, Postgres and
// Kafka: each case the issue found by hand now gets the refusal the rule requires, and what the
// IOPC counts (issue 10's record) is written as the case goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { HolidayCalendar, ENGLAND_AND_WALES, addCalendarDays, endOfLondonDayMs, startOfLondonDayMs, toLondonDate } from '@probity/shared/domain/index';
import { completeTaskUpdate, requestReviewUpdate, resumeUpdate, stateQuery, suspendUpdate, type ComplaintInput, type TaskType } from '../src/complaint/contract';
import type { complaint } from '../src/complaint/complaint';
import { actor, completeTask, createWorld, openTaskOf, outcomesFor, startComplaint, waitForStage, refusal, type World } from './world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

type Handle = WorkflowHandle<typeof complaint>;
const cal = new HolidayCalendar(ENGLAND_AND_WALES.holidays().map((h) => h.date));
const SEXUAL_PURPOSE = { category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose' } as const;

const assessment = (over: Record<string, unknown> = {}) => ({
  handling: 'schedule-3', handlingMode: 'reasonable-and-proportionate', referToIopc: false, allocateTo: 'psd-investigator', rationale: 'assessed', ...over,
});
const outsideSch3 = assessment({ handling: 'outside-schedule-3', allocateTo: 'division' });

async function tryComplete(handle: Handle, type: TaskType, by: string, payload: unknown) {
  const task = await openTaskOf(handle, type);
  return handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor: actor(by), payload }] });
}

async function noonOf(date: string) {
  const target = startOfLondonDayMs(date) + 12 * 3600 * 1000;
  const now = await w.env.currentTimeMs();
  if (target > now) await w.env.sleep(target - now);
}

async function eventually<T>(what: string, fn: () => Promise<T | undefined | null | false>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Assessed, allocated to `handlerId` and handled with an outcome per allegation; returns at the review window. */
async function toReviewWindow(handle: Handle, input: ComplaintInput, a: Record<string, unknown>, handlerId: string, division?: string) {
  // Referable on its face: referred first, from receipt (C&M reg 4); else after the assessment finds the grounds.
  const first = await eventually('the first task', async () => (await handle.query(stateQuery)).openTasks.find((t) => t.type === 'assessment' || t.type === 'iopc-referral'));
  if (first.type === 'iopc-referral') await completeTask(handle, 'iopc-referral', input.assessorId, { iopcReference: 'IOPC-TEST-1', iopcDecision: 'local' });
  await completeTask(handle, 'assessment', input.assessorId, a);
  if (a.referToIopc && first.type === 'assessment') {
    await waitForStage(handle, 'iopc-referral');
    await completeTask(handle, 'iopc-referral', input.assessorId, { iopcReference: 'IOPC-TEST-1', iopcDecision: 'local' });
  }
  await waitForStage(handle, 'allocation');
  await handle.signal('assigned', { assigneeId: handlerId, reason: 'test', ...(division && { division }) });
  await waitForStage(handle, 'handling');
  const investigated = a.handlingMode === 'investigation';
  await completeTask(handle, 'handling', handlerId, { outcome: 'service-acceptable', summary: 'handled', allegationOutcomes: outcomesFor(input, investigated ? { caseToAnswer: false, actions: ['no-further-action'] } : {}) });
  await completeTask(handle, 'outcome-notification', handlerId, { method: 'email' });
  await waitForStage(handle, 'review-window');
}

describe('first contact only where the law allows it (§3.2.2 within Sch 3)', () => {
  it('refuses {resolved: true} for abuse of position for a sexual purpose, and the assessment must record and refer it', async () => {
    const { handle, input } = await startComplaint(w, { categories: [SEXUAL_PURPOSE], firstContact: 'none', assessorId: 'ccu-handler' });
    expect(await refusal(tryComplete(handle, 'first-contact', 'ccu-handler', { resolved: true })))
      .toMatch(/cannot be resolved at first contact: it must be recorded under Schedule 3 because .*mandatory IOPC referral category/);
    expect((await handle.query(stateQuery)).stage).toBe('first-contact');
    await completeTask(handle, 'first-contact', 'ccu-handler', { resolved: false, summary: 'explained what happens next' });
    // Referable on its face: referred from receipt, before the assessment (C&M reg 4).
    await waitForStage(handle, 'iopc-referral');
    await completeTask(handle, 'iopc-referral', 'ccu-handler', { iopcReference: 'IOPC-TEST-0', iopcDecision: 'local' });

    await waitForStage(handle, 'assessment');
    expect(await refusal(tryComplete(handle, 'assessment', 'ccu-handler', outsideSch3))).toMatch(/must be recorded and handled under Schedule 3 because/);
    expect(await refusal(tryComplete(handle, 'assessment', 'ccu-handler', assessment()))).toMatch(/must be referred to the IOPC: serious corruption/);
    expect(await refusal(tryComplete(handle, 'assessment', 'ccu-handler', assessment({ referToIopc: true, allocateTo: 'division' })))).toMatch(/restricted case .* not allocated to a division/);
    await completeTask(handle, 'assessment', 'ccu-handler', assessment({ referToIopc: true, handlingMode: 'investigation' }));
    await waitForStage(handle, 'allocation');
    const row = await w.db.case.findUniqueOrThrow({ where: { id: input.caseId }, select: { handling: true, referToIopc: true, restricted: true, schedule3Reasons: { select: { ground: true, reason: true } } } });
    expect(row).toMatchObject({ handling: 'schedule-3', referToIopc: true, restricted: true });
    expect(row.schedule3Reasons.map((r) => r.ground).sort()).toEqual(['mandatory-referral', 'possible-disciplinary-proceedings']);
    expect(row.schedule3Reasons.find((r) => r.ground === 'mandatory-referral')?.reason).toBe('mandatory-referral');
  });

  it('does not close a front-line "resolved" that Schedule 3 forbids, nor one recorded by a subject’s own team', async () => {
    const at = new Date(await w.env.currentTimeMs()).toISOString();
    const sexual = await startComplaint(w, { categories: [SEXUAL_PURPOSE], firstContact: { byId: 'counter-staff', team: 'front-counter', at, resolved: true }, assessorId: 'ccu-handler' });
    // A constable's record of a complaint naming themselves (their team is the subject's).
    const own = await startComplaint(w, { firstContact: { byId: 'north-constable', team: 'north-response', at, resolved: true }, subjects: [{ personId: 'north-constable', team: 'north-response', division: 'north' }] });
    for (const { handle, input } of [sexual, own]) {
      await waitForStage(handle, input === own.input ? 'assessment' : 'iopc-referral'); // referable on its face: referred first (C&M reg 4)
      const refused = await w.db.auditEntry.findFirstOrThrow({ where: { caseId: input.caseId, action: 'first-contact-resolution-refused' } });
      expect((refused.detail as { reason: string }).reason).toMatch(input === own.input ? /cannot be recorded by someone who is one of its subjects/ : /cannot be resolved at first contact/);
      expect((await handle.query(stateQuery)).outcome).toBeUndefined();
    }
  });
});

describe('no one works on their own case (conflicts of interest, PSD included)', () => {
  it('refuses a PSD handler the first contact and assessment of a complaint about themselves or their team', async () => {
    const { handle } = await startComplaint(w, { firstContact: 'none', subjects: [{ personId: 'psd-handler-2', team: 'psd', division: 'hq' }] });
    expect(await refusal(tryComplete(handle, 'first-contact', 'psd-handler-1', { resolved: true })))
      .toMatch(/^This case cannot be handled by someone who is in the PSD team, the team of one of its subjects/);
    // Their manager is in the same team: refused too.
    expect(await refusal(tryComplete(handle, 'first-contact', 'psd-manager', { resolved: false }))).toMatch(/This case cannot be handled by someone who is in the PSD team/);
    expect((await handle.query(stateQuery)).stage).toBe('first-contact');
  });
});

describe('outcomes per allegation on the record (issue 10)', () => {
  it('needs every allegation’s outcome, and writes them with the assessor’s coding', async () => {
    const { handle, input } = await startComplaint(w, { categories: ['delivery-of-duties-and-service', 'individual-behaviours'] });
    const [a1, a2] = input.allegations.map((a) => a.id);
    expect(await refusal(tryComplete(handle, 'assessment', 'psd-handler-1', { ...outsideSch3, allegations: [{ id: a1, category: 'other', subCategory: 'other' }] }))).toMatch(/code every allegation of the case once; missing:/);
    await completeTask(handle, 'assessment', 'psd-handler-1', {
      ...outsideSch3,
      allegations: [
        { id: a1, category: 'delivery-of-duties-and-service', subCategory: 'general-level-of-service' },
        { id: a2, category: 'individual-behaviours', subCategory: 'unprofessional-attitude-and-disrespect' },
      ],
    });
    await waitForStage(handle, 'allocation');
    await handle.signal('assigned', { assigneeId: 'south-lead', division: 'south', reason: 'test' });
    await waitForStage(handle, 'handling');
    expect(await refusal(tryComplete(handle, 'handling', 'south-lead', { outcome: 'service-acceptable', summary: 'done' }))).toMatch(/allegationOutcomes: give each allegation's outcome/);
    expect(await refusal(tryComplete(handle, 'handling', 'south-lead', { outcome: 'service-acceptable', summary: 'done', allegationOutcomes: outcomesFor(input).slice(0, 1) })))
      .toMatch(/every allegation needs an outcome; missing: /);
    expect(await refusal(tryComplete(handle, 'handling', 'south-lead', { outcome: 'service-acceptable', summary: 'done', allegationOutcomes: outcomesFor(input, { caseToAnswer: true }) })))
      .toMatch(/case to answer is found only by an investigation/);
    await completeTask(handle, 'handling', 'south-lead', {
      outcome: 'service-not-acceptable', summary: 'done',
      allegationOutcomes: [
        { allegationId: a1, outcome: 'service-not-acceptable', actions: ['apology', 'learning'] },
        { allegationId: a2, outcome: 'unable-to-determine', actions: ['explanation'] },
      ],
    });
    await waitForStage(handle, 'outcome');
    const rows = await w.db.allegationOutcome.findMany({ where: { caseId: input.caseId }, orderBy: { allegationId: 'asc' } });
    expect(rows.map((r) => [r.allegationId, r.round, r.outcome, r.actions, r.handling])).toEqual([
      [a1, 1, 'service-not-acceptable', ['apology', 'learning'], 'outside-schedule-3'],
      [a2, 1, 'unable-to-determine', ['explanation'], 'outside-schedule-3'],
    ]);
    const row = await w.db.case.findUniqueOrThrow({ where: { id: input.caseId }, select: { finalisedAt: true, allegations: { select: { id: true, subCategory: true }, orderBy: { seq: 'asc' } } } });
    expect(row.finalisedAt).not.toBeNull();
    expect(row.allegations.map((a) => a.subCategory)).toEqual(['general-level-of-service', 'unprofessional-attitude-and-disrespect']);
  });
});

describe('dissatisfied after handling outside Schedule 3', () => {
  it("DOMAIN.md \"the complaint's route\": dissatisfied after initial handling, it is recorded under Schedule 3 (not reviewed) and goes to a fresh PSD assessment and allocation, not back to its handler", async () => {
    const { handle, input } = await startComplaint(w);
    await toReviewWindow(handle, input, outsideSch3, 'south-lead', 'south');
    await handle.executeUpdate(requestReviewUpdate, { args: [{ by: { complainant: true } }] });
    await waitForStage(handle, 'assessment');
    expect((await openTaskOf(handle, 'assessment')).assigneeId).toBe(input.assessorId);
    expect(await handle.query(stateQuery)).toMatchObject({ handling: 'schedule-3', reviews: 0, schedule3Reasons: ['dissatisfied-after-initial-handling'] });
    // Assessed afresh under Schedule 3: outside it is no longer open to PSD.
    expect(await refusal(tryComplete(handle, 'assessment', input.assessorId, outsideSch3))).toMatch(/must be recorded and handled under Schedule 3/);
    await completeTask(handle, 'assessment', input.assessorId, assessment({ allocateTo: 'division' }));
    await waitForStage(handle, 'allocation');
    await handle.signal('assigned', { assigneeId: 'north-lead', reason: 'test: allocated again', division: 'north' });
    await waitForStage(handle, 'handling');
    expect((await openTaskOf(handle, 'handling')).assigneeId).toBe('north-lead');
    const st = await handle.query(stateQuery);
    expect(st).toMatchObject({ handlerId: 'north-lead', division: 'north' });
    expect(st.stages.map((x) => x.stage).slice(-4)).toEqual(['review-window', 'assessment', 'allocation', 'handling']);
    const row = await w.db.case.findUniqueOrThrow({ where: { id: input.caseId }, select: { handling: true, schedule3At: true, finalisedAt: true, schedule3Reasons: true, reviews: true } });
    expect(row).toMatchObject({ handling: 'schedule-3', finalisedAt: null });
    expect(row.schedule3At).not.toBeNull();
    expect(row.schedule3Reasons.map((r) => [r.ground, r.reason])).toEqual([['dissatisfied-after-initial-handling', 'dissatisfied-after-initial-handling']]);
    expect(row.reviews).toEqual([]);
    expect(await w.db.auditEntry.count({ where: { caseId: input.caseId, action: 'assessed-afresh' } })).toBe(1);
    // The second round is under Schedule 3 on the record.
    await completeTask(handle, 'handling', 'north-lead', { outcome: 'service-acceptable', summary: 'handled under Sch 3', allegationOutcomes: outcomesFor(input) });
    await waitForStage(handle, 'outcome');
    const round2 = await w.db.allegationOutcome.findFirstOrThrow({ where: { caseId: input.caseId, round: 2 } });
    expect(round2.handling).toBe('schedule-3');
  });
});

describe('reviews go to the relevant review body, as their own task', () => {
  it('the local policing body reviews a Schedule 3 complaint the IOPC has no ground for; not upheld closes it', async () => {
    const { handle, input } = await startComplaint(w, { complainantWantsSch3: true });
    await toReviewWindow(handle, input, assessment(), 'psd-investigator');
    await handle.executeUpdate(requestReviewUpdate, { args: [{ by: { complainant: true } }] });
    await waitForStage(handle, 'review');
    const task = await openTaskOf(handle, 'review');
    expect(task.assigneeId).toBe('pcc-review-officer');
    expect((await handle.query(stateQuery)).review).toMatchObject({ n: 1, body: 'local-policing-body', reviewerId: 'pcc-review-officer' });
    // Not the original handler, nor the other body.
    expect(await refusal(tryComplete(handle, 'review', 'psd-investigator', { reasonableAndProportionate: true, outcome: 'not-upheld', rationale: 'x' }))).toMatch(/psd-investigator may not complete task .*only the assignee \(pcc-review-officer\)/);
    // The decision must be consistent: upheld means not reasonable and proportionate.
    expect(await refusal(tryComplete(handle, 'review', 'pcc-review-officer', { reasonableAndProportionate: true, outcome: 'upheld', rationale: 'x' }))).toMatch(/reasonable and proportionate is 'not-upheld'/);
    // Recommendations only with an upheld review (Sch 3 para 6A(3)), each a {kind, detail}.
    const notUpheld = { reasonableAndProportionate: true, outcome: 'not-upheld', rationale: 'the handling was proportionate' };
    expect(await refusal(tryComplete(handle, 'review', 'pcc-review-officer', { ...notUpheld, recommendations: [{ kind: 'other', detail: 'share the learning with the team' }] }))).toMatch(
      /^recommendations: a review body recommends only when it upholds the review/,
    );
    expect(await refusal(tryComplete(handle, 'review', 'pcc-review-officer', { ...notUpheld, recommendations: [{ kind: 'apologise', detail: 'x' }] }))).toMatch(/recommendations\.0\.kind/);
    await completeTask(handle, 'review', 'pcc-review-officer', notUpheld);
    await waitForStage(handle, 'retained');
    const review = await w.db.complaintReview.findFirstOrThrow({ where: { caseId: input.caseId } });
    expect(review).toMatchObject({ n: 1, body: 'local-policing-body', reviewerId: 'pcc-review-officer', outcome: 'not-upheld', reasonableAndProportionate: true, recommendations: [] });
    expect((await handle.query(stateQuery)).stages.map((s) => s.stage).filter((s) => s === 'handling')).toHaveLength(1);
  });

  it("the IOPC reviews a complaint referred to it; DOMAIN.md \"the complaint's route\": an upheld review sends it to a fresh PSD assessment and allocation before further handling", async () => {
    const { handle, input } = await startComplaint(w, { categories: [SEXUAL_PURPOSE], assessorId: 'ccu-handler' });
    await toReviewWindow(handle, input, assessment({ referToIopc: true, handlingMode: 'investigation' }), 'ccu-investigator');
    await handle.executeUpdate(requestReviewUpdate, { args: [{ by: { complainant: true } }] });
    const task = await openTaskOf(handle, 'review');
    expect(task.assigneeId).toBe('iopc-reviewer');
    expect((await handle.query(stateQuery)).review?.reason).toMatch(/referred to the IOPC/);
    const recommendations = [
      { kind: 'reinvestigate', detail: 'interview the second witness' },
      { kind: 'appropriate-authority-action', detail: 'reconsider whether the officer has a case to answer' },
    ];
    await completeTask(handle, 'review', 'iopc-reviewer', { reasonableAndProportionate: false, outcome: 'upheld', recommendations, rationale: 'further enquiries needed' });
    await waitForStage(handle, 'assessment');
    expect((await openTaskOf(handle, 'assessment')).assigneeId).toBe('ccu-handler');
    await completeTask(handle, 'assessment', 'ccu-handler', assessment({ referToIopc: true, handlingMode: 'investigation', rationale: 'reassessed on the IOPC review' }));
    // Already referred, with the IOPC's decision: not referred twice; allocated again.
    await waitForStage(handle, 'allocation');
    await handle.signal('assigned', { assigneeId: 'ccu-handler', reason: 'test: allocated again' });
    await waitForStage(handle, 'handling');
    expect((await openTaskOf(handle, 'handling')).assigneeId).toBe('ccu-handler');
    const st = await handle.query(stateQuery);
    expect(st).toMatchObject({ reviews: 1, handlerId: 'ccu-handler' });
    expect(st.stages.map((x) => x.stage).slice(-4)).toEqual(['review', 'assessment', 'allocation', 'handling']);
    expect(st.stages.filter((x) => x.stage === 'iopc-referral')).toHaveLength(1);
    const review = await w.db.complaintReview.findFirstOrThrow({ where: { caseId: input.caseId } });
    expect(review).toMatchObject({ body: 'iopc', outcome: 'upheld', reasonableAndProportionate: false, recommendations });
    expect((await w.db.case.findUniqueOrThrow({ where: { id: input.caseId } })).reviewBody).toBe('iopc');
  });
});

describe('suspension (C&M reg 40) pauses the clocks and resumes them', () => {
  it('holds the assessment deadline while sub judice, and moves it on by the working days suspended', async () => {
    const { handle, input } = await startComplaint(w);
    const task = await openTaskOf(handle, 'assessment');
    const dueOn = toLondonDate(task.dueAt);

    expect(await refusal(handle.executeUpdate(suspendUpdate, { args: [{ actor: actor('psd-handler-1'), reason: 'sub-judice' }] }))).toMatch(/only a PSD manager or the head of PSD/);
    expect(await refusal(handle.executeUpdate(suspendUpdate, { args: [{ actor: actor('psd-manager'), reason: 'holiday' as never }] }))).toMatch(/^reason: reason must be 'sub-judice'/);
    expect(await refusal(handle.executeUpdate(resumeUpdate, { args: [{ actor: actor('psd-manager') }] }))).toBe('the complaint is not suspended');
    const suspendedOn = toLondonDate(await w.env.currentTimeMs());
    const s = await handle.executeUpdate(suspendUpdate, { args: [{ actor: actor('psd-manager'), reason: 'sub-judice' }] });
    expect(s.suspended).toEqual({ since: suspendedOn, reason: 'sub-judice' });
    expect(await refusal(handle.executeUpdate(suspendUpdate, { args: [{ actor: actor('psd-manager'), reason: 'sub-judice' }] }))).toMatch(/already suspended/);
    expect(await refusal(tryComplete(handle, 'assessment', 'psd-handler-1', assessment()))).toMatch(/the complaint is suspended \(sub-judice.*C&M reg 40\)/);

    // Well past the original due day: no breach of the assessment while suspended. (Complainant
    // updates are not paused, C&M reg 34: one owed meanwhile may breach, so the assessment's own escalations are what count.)
    const assessmentEscalations = async () => (await handle.query(stateQuery)).openTasks.find((t) => t.id === task.id)?.escalations;
    await noonOf(addCalendarDays(dueOn, 10));
    expect(await assessmentEscalations()).toBe(0);
    const resumedOn = toLondonDate(await w.env.currentTimeMs());
    const r = await handle.executeUpdate(resumeUpdate, { args: [{ actor: actor('head-of-psd') }] });
    expect(r.suspended).toBeUndefined();
    expect(r.suspensions).toEqual([{ from: suspendedOn, to: resumedOn, reason: 'sub-judice' }]);

    // Suspended from the day after the task opened (it opened the day it was suspended) until the resumption day.
    // Working days strictly between the two: the day it opened ran, the day it resumed runs.
    const daysSuspended = cal.workingDaysBetween(suspendedOn, resumedOn) - (cal.isWorkingDay(resumedOn) ? 1 : 0);
    const movedDueOn = toLondonDate((await openTaskOf(handle, 'assessment')).dueAt);
    expect(movedDueOn).toBe(cal.addWorkingDays(dueOn, daysSuspended));
    expect(toLondonDate((await w.db.task.findUniqueOrThrow({ where: { id: task.id } })).dueAt.toISOString())).toBe(movedDueOn);
    const period = await w.db.suspensionPeriod.findFirstOrThrow({ where: { caseId: input.caseId } });
    expect(period).toMatchObject({ reason: 'sub-judice', startedById: 'psd-manager', endedById: 'head-of-psd' });
    expect(period.endedAt).not.toBeNull();

    // The clock runs again from the moved due day: breached at its end, not before.
    await w.env.sleep(endOfLondonDayMs(movedDueOn) - (await w.env.currentTimeMs()) - 3600_000);
    expect(await assessmentEscalations()).toBe(0);
    await w.env.sleep(2 * 3600_000);
    await eventually('the breach after resumption', async () => (await assessmentEscalations()) === 1);
    await completeTask(handle, 'assessment', 'psd-handler-1', assessment());
    await waitForStage(handle, 'allocation');
  });
});
