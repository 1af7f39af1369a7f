// The working-day calendar of a running complaint, on the real Temporal test server (time
// skipping) with the real activities, Postgres and Kafka: a deadline past the end of the bank
// holiday data alerts instead of silently counting weekends only, and a bank holiday declared
// while the case runs moves its working-day deadlines on, deterministically (it comes in by update).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ENGLAND_AND_WALES, HolidayCalendar, startOfLondonDayMs, toLondonDate } from '@probity/shared/domain/index';
import { declareHolidaysUpdate, stateQuery } from '../src/complaint/contract';
import { settled } from './replay/scenarios';
import { actor, createWorld, openTaskOf, startComplaint, type World } from './world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

const all = ENGLAND_AND_WALES.holidays().map((h) => h.date);

describe('working days: the holiday data and holidays declared later (DOMAIN.md "Working days")', () => {
  it('a deadline past the end of the holiday data alerts ops and the PSD managers once, and is listed on the case', async () => {
    const now = toLondonDate(await w.env.currentTimeMs());
    // Holiday data that ended last year: every deadline of this case is past it.
    const lastYear = String(Number(now.slice(0, 4)) - 1);
    const { handle, input } = await startComplaint(w, { holidays: all.filter((d) => d.startsWith(lastYear)) });
    const task = await openTaskOf(handle, 'assessment');
    await settled(handle);
    const state = await handle.query(stateQuery);
    expect(state.calendarWarnings?.[0]).toMatchObject({ taskId: task.id, dueOn: toLondonDate(task.dueAt) });
    expect(state.calendarWarnings?.[0]?.reason).toMatch(new RegExp(`past the end of the bank holiday data \\(${lastYear}-12-31\\)`));
    const audit = await w.db.auditEntry.findMany({ where: { caseId: input.caseId, action: 'calendar-beyond-coverage' } });
    expect(audit).toHaveLength(1);

    // Data that covers the deadline: no warning.
    const covered = await startComplaint(w);
    await openTaskOf(covered.handle, 'assessment');
    await settled(covered.handle);
    expect((await covered.handle.query(stateQuery)).calendarWarnings).toBeUndefined();
  });

  it('a bank holiday declared while the case runs moves the open working-day deadline on a day, and no breach is raised at the old one', async () => {
    const { handle, input } = await startComplaint(w);
    const task = await openTaskOf(handle, 'assessment');
    const cal = new HolidayCalendar(input.holidays);
    const oldDue = toLondonDate(task.dueAt);
    const declared = cal.addWorkingDays(toLondonDate(input.receivedAt), 3);
    await settled(handle);

    const refused = await handle.executeUpdate(declareHolidaysUpdate, { args: [{ actor: actor('psd-handler-1'), holidays: [{ date: declared, title: 'State occasion' }] }] }).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String((refused as WorkflowUpdateFailedError).cause?.message)).toMatch(/only ops or the head of PSD/);

    const state = await handle.executeUpdate(declareHolidaysUpdate, { args: [{ actor: actor('ops'), holidays: [{ date: declared, title: 'State occasion' }] }] });
    const moved = state.openTasks.find((t) => t.id === task.id)!;
    expect(toLondonDate(moved.dueAt)).toBe(cal.withHolidays([declared]).addWorkingDays(toLondonDate(input.receivedAt), 10));
    expect(toLondonDate(moved.dueAt)).toBe(cal.addWorkingDays(oldDue, 1));
    const row = await w.db.task.findUniqueOrThrow({ where: { id: task.id }, select: { dueAt: true } });
    expect(row.dueAt.toISOString()).toBe(moved.dueAt);

    // The day after the old due day: not breached (the watch restarted from the moved date).
    const target = startOfLondonDayMs(cal.nextWorkingDay(oldDue)) + 12 * 3600 * 1000;
    await w.env.sleep(target - (await w.env.currentTimeMs()));
    await settled(handle);
    expect((await handle.query(stateQuery)).slaBreached).toBe(false);
    // The day after the moved one: breached.
    await w.env.sleep(2 * 24 * 3600 * 1000);
    await settled(handle);
    expect((await handle.query(stateQuery)).slaBreached).toBe(true);
  });
});
