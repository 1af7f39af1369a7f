/**
 * Suspension (C&M reg 40): the appropriate authority may suspend an investigation or other
 * procedure which would, if it continued, prejudice a criminal investigation or proceedings (sub
 * judice); after criminal proceedings, reg 41 asks the complainant whether to resume (28 days to
 * reply). A suspension is a period with a start, an end and a reason, opened and closed on the
 * case by a validated Update.
 *
 * Which clocks pause, and why:
 * - PAUSED: the handling deadline and the assessment deadline (the force's own targets, with their
 *   escalations). Reg 40 stops the procedure itself, so time while it may not go on is not time
 *   PSD failed to use: on resumption the due date moves on by the working days suspended.
 * - NOT PAUSED: complainant updates (C&M reg 34 — the duty to keep the complainant informed runs
 *   throughout, and they must be told of the suspension), the 12-/6-monthly long-running reports
 *   (C&M reg 13 counts from recording whatever happened since; the report says why it is not
 *   done), the IOPC referral (C&M reg 4 — referral is not a procedure that prejudices a trial) and
 *   the review window (C&M reg 29 — a complainant's right, not a procedure).
 * The statistics count days both including and excluding suspension (workingDaysExcludingSuspension).
 */
import { z } from 'zod';
import type { HolidayCalendar } from './calendar';
import { compareIsoDates, type IsoDate } from './civil-date';

export const SUSPENSION_REASONS = ['sub-judice', 'prejudice-to-criminal-investigation'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];
export const suspensionReasonSchema = z.enum(SUSPENSION_REASONS, {
  error: "reason must be 'sub-judice' (criminal proceedings would be prejudiced) or 'prejudice-to-criminal-investigation' (C&M reg 40)",
});

/** The task types whose deadlines pause while a case is suspended. */
export const PAUSED_WHILE_SUSPENDED = ['assessment', 'handling'] as const;
export const pausesWhileSuspended = (taskType: string) => (PAUSED_WHILE_SUSPENDED as readonly string[]).includes(taskType);

/** Stages in which there is a procedure to suspend: between assessment and the outcome. */
export const SUSPENDABLE_STAGES = ['assessment', 'iopc-referral', 'allocation', 'handling'] as const;
export const isSuspendableStage = (stage: string) => (SUSPENDABLE_STAGES as readonly string[]).includes(stage);

export interface SuspensionPeriod {
  /** London dates; `to` absent while still suspended. */
  from: IsoDate;
  to?: IsoDate;
}

/** Working days in (from, to] that fall inside a suspension period (each day counted once). */
export function workingDaysSuspended(from: IsoDate, to: IsoDate, periods: readonly SuspensionPeriod[], cal: HolidayCalendar): number {
  const days = new Set<IsoDate>();
  for (const p of periods) {
    const start = compareIsoDates(p.from, from) > 0 ? p.from : from;
    const end = p.to === undefined || compareIsoDates(p.to, to) > 0 ? to : p.to;
    // Suspended from the start date (inclusive) to the end date (exclusive: the day it resumed is worked).
    let d = start;
    while (compareIsoDates(d, end) < 0) {
      if (cal.isWorkingDay(d) && compareIsoDates(d, from) > 0) days.add(d);
      d = cal.nextWorkingDay(d);
    }
  }
  return days.size;
}

/** IOPC bulletin measure "excluding suspension": working days (from, to] less those suspended. */
export function workingDaysExcludingSuspension(from: IsoDate, to: IsoDate, periods: readonly SuspensionPeriod[], cal: HolidayCalendar): number {
  return cal.workingDaysBetween(from, to) - workingDaysSuspended(from, to, periods, cal);
}

/** A paused deadline after resumption: moved on by the working days it was suspended. */
export function resumedDueOn(dueOn: IsoDate, suspendedWorkingDays: number, cal: HolidayCalendar): IsoDate {
  return suspendedWorkingDays <= 0 ? dueOn : cal.addWorkingDays(dueOn, suspendedWorkingDays);
}

export interface SuspensionFacts {
  stage: string;
  /** The open suspension, if any. */
  suspendedSince?: string;
  actor: { role: string };
}

const APPROPRIATE_AUTHORITY_ROLES = ['psd-manager', 'head-of-psd'];

/** Whether the person's role may suspend and resume a complaint for the appropriate authority (C&M regs 40–41). */
export const maySuspendComplaint = (actor: { role: string }) => APPROPRIATE_AUTHORITY_ROLES.includes(actor.role);

/** Why a suspension may not be opened now, or null (C&M reg 40: the appropriate authority decides). */
export function suspendRefusal(f: SuspensionFacts): string | null {
  if (!APPROPRIATE_AUTHORITY_ROLES.includes(f.actor.role)) return `only a PSD manager or the head of PSD, for the appropriate authority, may suspend a complaint (C&M reg 40); ${f.actor.role} may not`;
  if (f.suspendedSince) return `the complaint is already suspended (since ${f.suspendedSince})`;
  if (!isSuspendableStage(f.stage)) return `a complaint at stage ${f.stage} has no investigation or other procedure to suspend (C&M reg 40): only ${SUSPENDABLE_STAGES.join(', ')}`;
  return null;
}

/** Why the procedure may not be resumed now, or null. */
export function resumeRefusal(f: SuspensionFacts): string | null {
  if (!APPROPRIATE_AUTHORITY_ROLES.includes(f.actor.role)) return `only a PSD manager or the head of PSD, for the appropriate authority, may resume a suspended complaint (C&M regs 40–41); ${f.actor.role} may not`;
  if (!f.suspendedSince) return 'the complaint is not suspended';
  return null;
}
