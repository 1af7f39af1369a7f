// Withdrawn complaints without a signed notification (C&M reg 39), on the real Temporal test server
// (time skipping) with the real activities, Postgres and Kafka: the indication recorded, the letter
// emitted for the notification service, the 28-day reply period as a durable timer, and what a
// reply, or none, does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { addCalendarDays, startOfLondonDayMs, toLondonDate } from '@probity/shared/domain/index';
import { indicateWithdrawalUpdate, stateQuery, withdrawUpdate, withdrawalReplyUpdate } from '../src/complaint/contract';
import type { complaint } from '../src/complaint/complaint';
import { settled } from './replay/scenarios';
import { actor, completeTask, createWorld, startComplaint, waitForStage, refusal, type World } from './world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

type Handle = WorkflowHandle<typeof complaint>;
const DAY = 24 * 3600 * 1000;
const NOT_MISCONDUCT = { publicInterest: { treatAsConductMatter: false, reason: 'no indication of misconduct' } };

const today = async () => toLondonDate(await w.env.currentTimeMs());
const indicate = (handle: Handle, by: string, indication: Record<string, unknown>) => handle.executeUpdate(indicateWithdrawalUpdate, { args: [{ actor: actor(by), indication }] });
const reply = (handle: Handle, by: string, r: Record<string, unknown>) => handle.executeUpdate(withdrawalReplyUpdate, { args: [{ actor: actor(by), reply: r }] });
const indication = async (over: Record<string, unknown> = {}) => ({ kind: 'no-further-steps', indicatedOn: await today(), indicatedBy: 'phone', ...NOT_MISCONDUCT, ...over });

async function noonOf(date: string) {
  const target = startOfLondonDayMs(date) + 12 * 3600 * 1000;
  const now = await w.env.currentTimeMs();
  if (target > now) await w.env.sleep(target - now);
}

async function inHandling() {
  const started = await startComplaint(w);
  await completeTask(started.handle, 'assessment', 'psd-handler-1', { handling: 'schedule-3', handlingMode: 'investigation', referToIopc: false, allocateTo: 'psd-investigator', rationale: 'assessed' });
  await waitForStage(started.handle, 'allocation');
  await started.handle.signal('assigned', { assigneeId: 'psd-investigator', reason: 'test' });
  await waitForStage(started.handle, 'handling');
  await settled(started.handle);
  return started;
}

describe('C&M reg 39: a wish to withdraw without a signed notification', () => {
  it('C&M reg 39(2)–(4)(b): the letter goes out; with no reply within 28 days starting with the day after it was sent, the complaint is withdrawn as if signed', async () => {
    const { handle, input } = await inHandling();

    // The validators refuse with the rule's reason.
    expect(await refusal(indicate(handle, 'psd-investigator', await indication({ indicatedBy: 'carrier-pigeon' })))).toMatch(/indicatedBy: indicatedBy must be one of/);
    expect(await refusal(indicate(handle, 'psd-investigator', await indication({ publicInterest: undefined })))).toMatch(/^publicInterest: decide whether it is in the public interest .*C&M reg 38/);
    expect(await refusal(indicate(handle, 'psd-handler-1', await indication()))).toMatch(/only the complaint's handler \(psd-investigator\)/);
    expect(await refusal(reply(handle, 'psd-investigator', { answer: 'confirms-withdrawal', receivedOn: await today(), receivedBy: 'post' }))).toMatch(/no letter under C&M reg 39\(2\) is awaiting a reply/);

    const sentOn = await today();
    const state = await indicate(handle, 'psd-investigator', await indication());
    expect(state.withdrawalIndication).toMatchObject({ kind: 'no-further-steps', indicatedBy: 'phone', letterSentOn: sentOn, replyBy: addCalendarDays(sentOn, 28), recordedById: 'psd-investigator' });
    expect(state.withdrawal).toBeUndefined();
    expect(state.stage).toBe('handling');
    // The letter, emitted for the notification service (case.withdrawal-letter; its schema checked by the emit activity), is on the record.
    const indicated = await w.db.auditEntry.findMany({ where: { caseId: input.caseId, action: 'withdrawal-indicated' } });
    expect(indicated.map((a) => a.detail)).toEqual([expect.objectContaining({ kind: 'no-further-steps', letterSentOn: sentOn, replyBy: addCalendarDays(sentOn, 28) })]);
    // One letter at a time.
    expect(await refusal(indicate(handle, 'psd-investigator', await indication()))).toMatch(/a letter asking the complainant how they wish to proceed was sent on .*reg 39\(4\)\(b\)/);

    // The 28th day after the letter is still within the period: nothing has happened.
    await noonOf(addCalendarDays(sentOn, 28));
    const onLastDay = await handle.query(stateQuery);
    expect(onLastDay.withdrawal).toBeUndefined();
    expect(onLastDay.stage).toBe('handling');
    // The letter was the complainant's last notification, so the four-weekly update (C&M reg 34) is
    // due by the end of this same day, 1 ms before the reply period ends. The handler sends it: left
    // to escalate, its activity would be running when the withdrawal cancels the handling, and the
    // time-skipping test server rejects a cancel of an activity it has just completed
    // (ACTIVITY_UNKNOWN), which stalls the workflow there.
    await completeTask(handle, 'complainant-update', 'psd-investigator', { method: 'letter' });
    await settled(handle);

    // The next day: withdrawn, as if the complainant had signed a notification that they withdraw it.
    await w.env.sleep(DAY);
    await w.client.workflow.getHandle(handle.workflowId).result();
    const final = await handle.query(stateQuery);
    expect(final.stages.map((s) => s.stage).slice(-2)).toEqual(['withdrawn', 'retained']);
    expect(final.withdrawal).toMatchObject({
      kind: 'withdraws', signedBy: 'complainant', asIfSigned: 'no-reply', receivedOn: addCalendarDays(sentOn, 29), recordedById: 'system',
      publicInterestDecidedBy: 'appropriate-authority', publicInterest: { treatAsConductMatter: false },
    });
    expect(final.openTasks).toEqual([]);
    expect(await w.db.task.count({ where: { caseId: input.caseId, completedAt: null } })).toBe(0);
    const audit = await w.db.auditEntry.findMany({ where: { caseId: input.caseId, action: { in: ['withdrawal-indicated', 'withdrawal-reply-period-ended', 'complaint-withdrawn'] } }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['withdrawal-indicated', 'withdrawal-reply-period-ended', 'complaint-withdrawn']);
    expect(audit[2]!.detail).toMatchObject({ asIfSigned: 'no-reply', kind: 'withdraws' });
  });

  it('C&M reg 39(4)(a): a reply confirming the withdrawal withdraws it at once, as if signed', async () => {
    const { handle } = await inHandling();
    const sentOn = await today();
    await indicate(handle, 'psd-investigator', await indication({ kind: 'withdraws', indicatedBy: 'in-person' }));
    await w.env.sleep(5 * DAY);
    expect(await refusal(reply(handle, 'psd-investigator', { answer: 'confirms-withdrawal', receivedOn: addCalendarDays(sentOn, -1), receivedBy: 'post' }))).toMatch(/^receivedOn: .* before the letter was sent/);
    await settled(handle);
    const receivedOn = addCalendarDays(sentOn, 4);
    const state = await reply(handle, 'psd-manager', { answer: 'confirms-withdrawal', receivedOn, receivedBy: 'post' });
    expect(state.withdrawal).toMatchObject({ kind: 'withdraws', asIfSigned: 'confirmed', receivedOn, recordedById: 'psd-manager', publicInterest: { treatAsConductMatter: false } });
    expect(state.withdrawalIndication?.reply).toMatchObject({ answer: 'confirms-withdrawal', receivedOn, recordedById: 'psd-manager' });
    expect(state.openTasks).toEqual([]);
    await w.client.workflow.getHandle(handle.workflowId).result();
  });

  it('C&M reg 39: a reply saying the complaint should go on — it goes on past the 28 days, and a later wish is a new letter', async () => {
    const { handle } = await inHandling();
    const sentOn = await today();
    await indicate(handle, 'psd-investigator', await indication());
    await w.env.sleep(2 * DAY);
    await settled(handle);
    const state = await reply(handle, 'psd-investigator', { answer: 'wishes-to-continue', receivedOn: addCalendarDays(sentOn, 2), receivedBy: 'email' });
    expect(state.withdrawal).toBeUndefined();
    expect(state.withdrawalIndication?.reply?.answer).toBe('wishes-to-continue');
    // Past the reply period: the timer was ended by the reply, so nothing is withdrawn.
    await noonOf(addCalendarDays(sentOn, 31));
    const later = await handle.query(stateQuery);
    expect(later.withdrawal).toBeUndefined();
    expect(later.stage).toBe('handling');
    expect(later.openTasks.map((t) => t.type)).toContain('handling');
    // A later wish: a new letter; and a signed notification still withdraws it under reg 38 meanwhile.
    const second = await indicate(handle, 'psd-investigator', await indication());
    expect(second.withdrawalIndication?.letterSentOn).toBe(await today());
    expect(second.withdrawalIndication?.reply).toBeUndefined();
    await settled(handle);
    const signed = await handle.executeUpdate(withdrawUpdate, { args: [{ actor: actor('psd-investigator'), notification: { kind: 'withdraws', signedBy: 'complainant', receivedOn: await today(), receivedBy: 'post', ...NOT_MISCONDUCT } }] });
    expect(signed.withdrawal?.asIfSigned).toBeUndefined();
    expect(signed.withdrawal?.signedBy).toBe('complainant');
    await w.client.workflow.getHandle(handle.workflowId).result();
  });
});
