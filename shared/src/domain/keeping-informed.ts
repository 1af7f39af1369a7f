/**
 * Keeping the complainant informed and the IOPC and local policing body told, as the Police
 * (Complaints and Misconduct) Regulations 2020 set it (C&M Part 4 and reg 13). Pure functions.
 *
 * C&M reg 34(2)(a): the complainant is told of progress "(i) if there has been no previous
 * notification, within four weeks of the start of the handling of the complaint … and (ii) in any
 * other case, within four weeks of the previous notification". The clock is not a grid from one
 * anchor: each update is due four weeks after the last time the complainant was told anything,
 * and it runs through every stage (assessment, referral, waiting for allocation, suspension).
 * C&M reg 34(3): "must be given in writing, unless, in the case of a complaint, the complaint —
 * (a) was made otherwise than in writing, and (b) is being handled otherwise than in accordance
 * with Schedule 3".
 */
import type { HolidayCalendar } from './calendar';
import type { SlaPolicy } from './deadlines';
import { addDuration } from './durations';
import { deadlineAtEndOf, toLondonDate, type Anchor, type Deadline } from './london-time';

/**
 * C&M reg 34(2)(a): the next progress update — within the policy's first-update period (4 weeks)
 * of the start of handling when the complainant has not been told anything yet, else within the
 * update interval (4 weeks) of the previous notification.
 */
export function complainantUpdateDue(
  from: { handlingStartedOn: Anchor; previousNotificationOn?: Anchor },
  cal: HolidayCalendar,
  policy: SlaPolicy,
): Deadline {
  const { firstUpdate, updateInterval } = policy.complaint;
  if (from.previousNotificationOn === undefined) return deadlineAtEndOf(addDuration(toLondonDate(from.handlingStartedOn), firstUpdate, cal));
  return deadlineAtEndOf(addDuration(toLondonDate(from.previousNotificationOn), updateInterval, cal));
}

export const UPDATE_METHODS = ['email', 'phone', 'letter', 'in-person'] as const;
export type UpdateMethod = (typeof UPDATE_METHODS)[number];
/** Written methods (C&M reg 34(3)); an email is writing. */
const IN_WRITING: readonly UpdateMethod[] = ['email', 'letter'];
/** Channels through which a complaint is made in writing. */
const WRITTEN_CHANNELS = ['web', 'email'];

/** C&M reg 34(3): why an update given this way is not allowed for this complaint, or undefined when it is. */
export function updateMethodRefusal(method: UpdateMethod, c: { channel: string; handling: 'schedule-3' | 'outside-schedule-3' }): string | undefined {
  if (IN_WRITING.includes(method)) return undefined;
  if (!WRITTEN_CHANNELS.includes(c.channel) && c.handling === 'outside-schedule-3') return undefined;
  const why = c.handling === 'schedule-3' ? 'it is handled under Schedule 3' : `it was made in writing (${c.channel})`;
  return `method: a ${method} update is not enough for this complaint — ${why}, so the update must be in writing (email or letter, C&M reg 34(3))`;
}

/**
 * C&M reg 13: a long-running investigation's report goes to the IOPC always; the local policing
 * body may be left out only where telling it might prejudice the investigation (or another,
 * criminal one included), and the reason is recorded. Why a report as given is refused, if it is.
 */
export function longRunningReportRefusal(r: { sentToIopc: boolean; sentToLocalPolicingBody: boolean; localPolicingBodyWithheldBecause?: string }): string | undefined {
  if (!r.sentToIopc) return 'sentToIopc: the report must be sent to the IOPC (C&M reg 13)';
  if (!r.sentToLocalPolicingBody && !r.localPolicingBodyWithheldBecause?.trim()) {
    return 'localPolicingBodyWithheldBecause: say why telling the local policing body might prejudice the investigation, or send it the report (C&M reg 13)';
  }
  return undefined;
}

/** The IOPC's decision on a referred complaint (PRA 2002 Sch 3 paras 5, 15). */
export type IopcModeDecision = 'return-to-force' | 'local' | 'directed' | 'independent';

/**
 * Who owes the long-running reports of an investigation (C&M reg 13): the force for its own
 * investigations (local, or returned and investigated), the IOPC for directed and independent ones.
 */
export const forceOwesLongRunningReports = (iopcDecision: IopcModeDecision | undefined) => iopcDecision !== 'directed' && iopcDecision !== 'independent';
