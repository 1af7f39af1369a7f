// The complaint's clocks as the 2020 regulations set them (issue 13), on the real Temporal test
// server (time skipping) with the real activities, Postgres and Kafka. Each test names its regulation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { HolidayCalendar, ENGLAND_AND_WALES, addCalendarDays, startOfLondonDayMs, toLondonDate } from '@probity/shared/domain/index';
import { completeTaskUpdate, resumeUpdate, stateQuery, suspendUpdate, type TaskType } from '../src/complaint/contract';
import type { complaint } from '../src/complaint/complaint';
import { actor, completeTask, createWorld, openTaskOf, startComplaint, waitForStage, refusal, type World } from './world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

type Handle = WorkflowHandle<typeof complaint>;
const cal = new HolidayCalendar(ENGLAND_AND_WALES.holidays().map((h) => h.date));
const DAY = 24 * 3600 * 1000;
const SEXUAL_PURPOSE = { category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose' } as const;
const assessment = (over: Record<string, unknown> = {}) => ({
  handling: 'schedule-3', handlingMode: 'reasonable-and-proportionate', referToIopc: false, allocateTo: 'psd-investigator', rationale: 'assessed', ...over,
});

async function tryComplete(handle: Handle, type: TaskType, by: string, payload: unknown) {
  const task = await openTaskOf(handle, type);
  return handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor: actor(by), payload }] });
}

async function noonOf(date: string) {
  const target = startOfLondonDayMs(date) + 12 * 3600 * 1000;
  const now = await w.env.currentTimeMs();
  if (target > now) await w.env.sleep(target - now);
}

const openOf = async (handle: Handle, type: TaskType) => (await handle.query(stateQuery)).openTasks.filter((t) => t.type === type);

describe('C&M reg 4: the IOPC referral clock runs from when the complaint became referable', () => {
  it('C&M reg 4: referable on its face — the referral is due by the end of the next working day after receipt, before the assessment', async () => {
    const { handle, input } = await startComplaint(w, { categories: [SEXUAL_PURPOSE], assessorId: 'ccu-handler' });
    const receivedOn = toLondonDate(input.receivedAt);
    const referral = await openTaskOf(handle, 'iopc-referral');
    expect(toLondonDate(referral.dueAt)).toBe(cal.addWorkingDays(receivedOn, 1));
    expect((await handle.query(stateQuery)).stage).toBe('iopc-referral');
    expect(await openOf(handle, 'assessment')).toEqual([]);

    // The IOPC decides the mode (Sch 3 para 5): investigated by the force on its own behalf.
    await completeTask(handle, 'iopc-referral', 'ccu-handler', { iopcReference: 'IOPC-REG4-1', iopcDecision: 'local' });
    const task = await openTaskOf(handle, 'assessment');
    expect(toLondonDate(task.dueAt)).toBe(cal.addWorkingDays(receivedOn, 10)); // still from receipt
    await completeTask(handle, 'assessment', 'ccu-handler', assessment({ referToIopc: true }));
    await waitForStage(handle, 'allocation'); // referred once, not again after the assessment
    const state = await handle.query(stateQuery);
    expect(state.stages.filter((s) => s.stage === 'iopc-referral')).toHaveLength(1);
    expect(state.handlingMode).toBe('investigation'); // the IOPC's decision, not the assessment's
  });

  it('C&M reg 4: grounds the assessor finds — the referral is due from the day they are found', async () => {
    const { handle, input } = await startComplaint(w, { categories: [{ category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force' }] });
    expect(await openOf(handle, 'iopc-referral')).toEqual([]);
    await w.env.sleep(3 * DAY);
    const foundOn = toLondonDate(await w.env.currentTimeMs());
    await completeTask(handle, 'assessment', 'psd-handler-1', assessment({
      referToIopc: true,
      allegations: input.allegations.map((a) => ({ id: a.id, category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', seriousAssault: true })),
    }));
    const referral = await openTaskOf(handle, 'iopc-referral');
    expect(toLondonDate(referral.dueAt)).toBe(cal.addWorkingDays(foundOn, 1));
  });
});

describe('C&M reg 34: complainant updates within four weeks of the previous notification, through every stage', () => {
  it('C&M reg 34: due from recording through assessment, suspension and the wait for allocation, each four weeks after the last; in writing', async () => {
    const { handle, input } = await startComplaint(w);
    const receivedOn = toLondonDate(input.receivedAt);
    await openTaskOf(handle, 'assessment');
    // Suspended during the assessment (C&M reg 40): the duty to keep the complainant informed runs on.
    await handle.executeUpdate(suspendUpdate, { args: [{ actor: actor('psd-manager'), reason: 'sub-judice' }] });

    await noonOf(addCalendarDays(receivedOn, 22));
    const [first] = await openOf(handle, 'complainant-update');
    expect(first).toBeDefined();
    expect(toLondonDate(first!.dueAt)).toBe(addCalendarDays(receivedOn, 28));
    expect(first!.assigneeId).toBe('psd-handler-1'); // the assessor, while nobody else has the case
    // A web complaint under Schedule 3: a phone call is not enough (C&M reg 34(3)).
    expect(await refusal(tryComplete(handle, 'complainant-update', 'psd-handler-1', { method: 'phone' }))).toMatch(/must be in writing .*C&M reg 34\(3\)/);
    await completeTask(handle, 'complainant-update', 'psd-handler-1', { method: 'letter', summary: 'suspended pending the trial' });
    const toldOn = toLondonDate(await w.env.currentTimeMs());

    await handle.executeUpdate(resumeUpdate, { args: [{ actor: actor('psd-manager') }] });
    await completeTask(handle, 'assessment', 'psd-handler-1', assessment());
    await waitForStage(handle, 'allocation');
    // Waiting for allocation: the next update is due four weeks after the last one, not after handling starts.
    await noonOf(addCalendarDays(toldOn, 22));
    const [second] = await openOf(handle, 'complainant-update');
    expect(toLondonDate(second!.dueAt)).toBe(addCalendarDays(toldOn, 28));
    expect((await handle.query(stateQuery)).stage).toBe('allocation');

    // Allocated: the open update goes to the handler.
    await handle.signal('assigned', { assigneeId: 'psd-investigator', reason: 'test' });
    await waitForStage(handle, 'handling');
    for (let i = 0; i < 50 && (await openOf(handle, 'complainant-update'))[0]?.assigneeId !== 'psd-investigator'; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await openOf(handle, 'complainant-update')).map((t) => [t.id, t.assigneeId])).toEqual([[second!.id, 'psd-investigator']]);
  });
});

describe('C&M reg 13: long-running reports — the IOPC always, the local policing body unless prejudicial; none for the force when the IOPC directs', () => {
  it('C&M reg 13: a force investigation reports to the IOPC, and says why the local policing body is left out', async () => {
    const { handle, input } = await startComplaint(w, { categories: [SEXUAL_PURPOSE], assessorId: 'ccu-handler' });
    await completeTask(handle, 'iopc-referral', 'ccu-handler', { iopcReference: 'IOPC-REG13-1', iopcDecision: 'local' });
    await completeTask(handle, 'assessment', 'ccu-handler', assessment({ referToIopc: true }));
    await waitForStage(handle, 'allocation');
    await handle.signal('assigned', { assigneeId: 'ccu-investigator', reason: 'test' });
    await waitForStage(handle, 'handling');
    await noonOf(addCalendarDays(toLondonDate(input.receivedAt), 366));
    const [report] = await (async () => {
      for (let i = 0; i < 50; i++) {
        const r = await openOf(handle, 'long-running-report');
        if (r.length) return r;
        await new Promise((res) => setTimeout(res, 100));
      }
      return [];
    })();
    expect(report).toBeDefined();
    const by = report!.assigneeId;
    expect(await refusal(tryComplete(handle, 'long-running-report', by, { sentToLocalPolicingBody: true, sentToIopc: false }))).toMatch(/sentToIopc: the report must be sent to the IOPC \(C&M reg 13\)/);
    expect(await refusal(tryComplete(handle, 'long-running-report', by, { sentToLocalPolicingBody: false, sentToIopc: true }))).toMatch(/localPolicingBodyWithheldBecause/);
    await completeTask(handle, 'long-running-report', by, { sentToLocalPolicingBody: false, sentToIopc: true, localPolicingBodyWithheldBecause: 'a member of the body is a witness' });
  });

  it('C&M reg 13: an IOPC-directed investigation — the reports are the IOPC’s, the force gets no report task', async () => {
    const { handle, input } = await startComplaint(w, { categories: [SEXUAL_PURPOSE], assessorId: 'ccu-handler' });
    await completeTask(handle, 'iopc-referral', 'ccu-handler', { iopcReference: 'IOPC-REG13-2', iopcDecision: 'directed' });
    await completeTask(handle, 'assessment', 'ccu-handler', assessment({ referToIopc: true }));
    await waitForStage(handle, 'allocation');
    await handle.signal('assigned', { assigneeId: 'ccu-investigator', reason: 'test' });
    await waitForStage(handle, 'handling');
    expect((await handle.query(stateQuery)).handlingMode).toBe('investigation');
    await noonOf(addCalendarDays(toLondonDate(input.receivedAt), 380));
    const state = await handle.query(stateQuery);
    expect(state.stage).toBe('handling');
    expect([...state.openTasks, ...state.completedTasks].filter((t) => t.type === 'long-running-report')).toEqual([]);
    // Under the IOPC's direction the IOPC keeps the complainant informed (PRA 2002 s.20(1)(b)): no force update is owed.
    expect(state.openTasks.filter((t) => t.type === 'complainant-update')).toEqual([]);
  });
});

describe('time since the incident: a complaint made more than 12 months after it is flagged for the handling decision', () => {
  it('IOPC statutory guidance on delay: flagged over 12 months after the incident, and the assessment must say how the delay was weighed', async () => {
    const now = toLondonDate(await w.env.currentTimeMs());
    const { handle } = await startComplaint(w, { incidentOn: addCalendarDays(now, -400) });
    const state = await handle.query(stateQuery);
    expect(state.lateComplaint).toEqual({ incidentOn: addCalendarDays(now, -400), monthsAfter: 13 });
    expect(await refusal(tryComplete(handle, 'assessment', 'psd-handler-1', assessment()))).toMatch(/^delayWeighed: the complaint was made 13 months after the incident/);
    await completeTask(handle, 'assessment', 'psd-handler-1', assessment({ delayWeighed: 'the complainant was in hospital; the delay is explained' }));
    await waitForStage(handle, 'allocation');

    const recent = await startComplaint(w, { incidentOn: addCalendarDays(now, -30) });
    expect((await recent.handle.query(stateQuery)).lateComplaint).toBeUndefined();
  });
});

describe('senior and chief officers', () => {
  it('C&M reg 4(1)(c): a complaint about the chief officer — the local policing body is the appropriate authority, and it is referred unless proceedings are ruled out', async () => {
    const { handle, input } = await startComplaint(w, { subjects: [{ rank: 'chief-constable', team: 'chief-officer-group', division: 'hq' }] });
    expect((await handle.query(stateQuery)).appropriateAuthority).toBe('local-policing-body');
    expect(await refusal(tryComplete(handle, 'assessment', 'psd-handler-1', assessment()))).toMatch(/^referToIopc: a complaint about the chief officer must be referred .*C&M reg 4\(1\)\(c\)/);
    const coded = (flags: Record<string, boolean>) => input.allegations.map((a) => ({ id: a.id, category: 'individual-behaviours', subCategory: 'unprofessional-attitude-and-disrespect', ...flags }));
    expect(await refusal(tryComplete(handle, 'assessment', 'psd-handler-1', assessment({ allegations: coded({ possibleCriminalOffence: false }) })))).toMatch(/C&M reg 4\(1\)\(c\)/);
    await completeTask(handle, 'assessment', 'psd-handler-1', assessment({ referToIopc: true }));
    await waitForStage(handle, 'iopc-referral');

    const inspector = await startComplaint(w, { subjects: [{ rank: 'inspector', team: 'north-response', division: 'north' }] });
    expect((await inspector.handle.query(stateQuery)).appropriateAuthority).toBeUndefined();
  });

  it('PRA 2002 s.29: about the chief officer, the local policing body’s complaint handler allocated to it completes the appropriate authority’s tasks; elsewhere those are PSD’s only', async () => {
    const chief = await startComplaint(w, { subjects: [{ rank: 'chief-constable', team: 'chief-officer-group', division: 'hq' }], assessorId: 'pcc-complaints-officer' });
    await completeTask(chief.handle, 'assessment', 'pcc-complaints-officer', assessment({ referToIopc: true }));
    await waitForStage(chief.handle, 'iopc-referral');
    await chief.handle.terminate('test over');

    const inspector = await startComplaint(w, { subjects: [{ rank: 'inspector', team: 'north-response', division: 'north' }], assessorId: 'pcc-complaints-officer' });
    expect(await refusal(tryComplete(inspector.handle, 'assessment', 'pcc-complaints-officer', assessment()))).toMatch(/^only PSD may complete a assessment task; pcc-complaints-officer is lpb-complaint-handler/);
    await inspector.handle.terminate('test over');
  });
});
