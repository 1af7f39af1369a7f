/**
 * Case clocks (DOMAIN.md tables). Every duration comes from an SlaPolicy that a workflow
 * receives at start and keeps, so changing DEFAULT_SLA_POLICY never changes the deadlines of
 * a running workflow (determinism). Every deadline is a due day, ending at the end of that
 * day in London. Anchors that are instants are first turned into their London date.
 */
import { z } from 'zod';
import type { HolidayCalendar } from './calendar';
import type { IsoDate } from './civil-date';
import { addDuration, durationSchema, nthOccurrence, type Duration } from './durations';
import { deadlineAtEndOf, toEpochMs, toLondonDate, type Anchor, type Deadline, type Instant } from './london-time';

export type { Deadline } from './london-time';

export const ESCALATION_RECIPIENTS = ['manager', 'head-of-psd'] as const;
export const escalationRecipientSchema = z.enum(ESCALATION_RECIPIENTS);
export type EscalationRecipient = z.infer<typeof escalationRecipientSchema>;

export const slaPolicySchema = z.object({
  /** Stored with each case so its clocks can always be recomputed, e.g. '2026-11'. */
  version: z.string().min(1),
  complaint: z.object({
    /** §3.2.2: contact the complainant (default 2 working days from receipt). */
    firstContact: durationSchema,
    /** §3.2.3: PSD records/assesses (default 10 working days from receipt). */
    psdAssessment: durationSchema,
    /** C&M reg 4: refer to the IOPC (default end of the next working day). */
    iopcReferral: durationSchema,
    /** C&M reg 34: first update within 4 weeks of handling starting … */
    firstUpdate: durationSchema,
    /** … then every 4 weeks. */
    updateInterval: durationSchema,
    /** C&M reg 34: outcome to the complainant within 5 working days. */
    outcomeNotification: durationSchema,
    /** C&M reg 29: 28 days to apply for a review, from the day after being told. */
    reviewWindow: durationSchema,
    /** The target for the review body's decision, from the application (optional: older policies lack it). */
    reviewDecision: durationSchema.optional(),
  }),
  /** C&M reg 13 / Conduct reg 19: report at 12 months open, then every 6 months. */
  longRunning: z.object({ firstReport: durationSchema, interval: durationSchema }),
  conduct: z.object({
    /** Conduct reg 18: officer's response to the investigation notice (10 working days). */
    responseToNotice: durationSchema,
    /** Conduct reg 31: officer's response after referral to proceedings (15 working days). */
    responseAfterReferral: durationSchema,
    /** Conduct reg 45: written notice of appeal from a meeting (7 working days). */
    appealNotice: durationSchema,
    /** Conduct reg 70: RPRP reviewed at the performance review within 12 months. */
    rprpReview: durationSchema,
  }),
  /** §10.1: how long a closed case is kept before disposal (default 6 years). */
  retention: durationSchema,
  /** §7.1: policies reviewed every two years; owner reminded ahead of the date. */
  policyReview: z.object({ interval: durationSchema, remindBefore: z.array(durationSchema) }),
  /** Who is told when a deadline is breached, in order, and how often it is re-escalated. */
  escalation: z.object({
    chain: z.array(escalationRecipientSchema).min(1),
    repeatEvery: durationSchema,
  }),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const DEFAULT_SLA_POLICY: SlaPolicy = deepFreeze({
  version: '2026-11',
  complaint: {
    firstContact: { workingDays: 2 },
    psdAssessment: { workingDays: 10 },
    iopcReferral: { workingDays: 1 },
    firstUpdate: { weeks: 4 },
    updateInterval: { weeks: 4 },
    outcomeNotification: { workingDays: 5 },
    reviewWindow: { calendarDays: 28 },
  },
  longRunning: { firstReport: { months: 12 }, interval: { months: 6 } },
  conduct: {
    responseToNotice: { workingDays: 10 },
    responseAfterReferral: { workingDays: 15 },
    appealNotice: { workingDays: 7 },
    rprpReview: { months: 12 },
  },
  retention: { years: 6 },
  policyReview: { interval: { years: 2 }, remindBefore: [{ calendarDays: 28 }, { calendarDays: 7 }] },
  escalation: { chain: ['manager', 'head-of-psd'], repeatEvery: { workingDays: 5 } },
});

/** Validates a policy from config or workflow input (throws a ZodError with paths). */
export function parseSlaPolicy(input: unknown): SlaPolicy {
  return slaPolicySchema.parse(input);
}

function dueAfter(anchor: Anchor, d: Duration, cal: HolidayCalendar): Deadline {
  return deadlineAtEndOf(addDuration(toLondonDate(anchor), d, cal));
}

/** A deadline is breached once its due day has ended in London. */
export function isBreached(deadline: Deadline, now: Instant): boolean {
  return toEpochMs(now) > deadline.dueAtMs;
}

// ── Complaints ────────────────────────────────────────────────────────────────────────────

/** §3.2.2: contact the complainant within 2 working days (default) of receipt. */
export function firstContactDue(receivedAt: Anchor, cal: HolidayCalendar, policy: SlaPolicy): Deadline {
  return dueAfter(receivedAt, policy.complaint.firstContact, cal);
}

/** §3.2.3: PSD records/assesses within 10 working days (default) of receipt. */
export function psdAssessmentDue(receivedAt: Anchor, cal: HolidayCalendar, policy: SlaPolicy): Deadline {
  return dueAfter(receivedAt, policy.complaint.psdAssessment, cal);
}

/**
 * C&M reg 4: refer by the end of the next working day (default) after the day it became
 * clear that the complaint falls in a mandatory referral category.
 */
export function iopcReferralDue(becameReferableAt: Anchor, cal: HolidayCalendar, policy: SlaPolicy): Deadline {
  return dueAfter(becameReferableAt, policy.complaint.iopcReferral, cal);
}

/** C&M reg 34: the n-th (1-based) complainant update — 4 weeks after handling starts, then every 4 weeks. */
export function nextUpdateDue(
  handlingStartedOn: Anchor,
  n: number,
  cal: HolidayCalendar,
  policy: SlaPolicy,
): Deadline {
  const { firstUpdate, updateInterval } = policy.complaint;
  return deadlineAtEndOf(nthOccurrence(toLondonDate(handlingStartedOn), firstUpdate, updateInterval, n, cal));
}

/** All complainant update deadlines, in order, without end — take as many as needed. */
export function* updateDueDates(
  handlingStartedOn: Anchor,
  cal: HolidayCalendar,
  policy: SlaPolicy,
): Generator<Deadline, never, undefined> {
  for (let n = 1; ; n++) yield nextUpdateDue(handlingStartedOn, n, cal, policy);
}

/** C&M reg 34: tell the complainant the outcome within 5 working days (default) of the decision. */
export function outcomeNotificationDue(outcomeDecidedOn: Anchor, cal: HolidayCalendar, policy: SlaPolicy): Deadline {
  return dueAfter(outcomeDecidedOn, policy.complaint.outcomeNotification, cal);
}

/**
 * C&M reg 29: the review window is 28 days starting the day after the complainant is told
 * (told on day 0 → days 1…28). Returns the last day on which an application is in time.
 */
export function reviewWindowCloses(toldOn: Anchor, cal: HolidayCalendar, policy: SlaPolicy): Deadline {
  return dueAfter(toldOn, policy.complaint.reviewWindow, cal);
}

/** No statutory limit binds the review body; the force asks for its decision within this by default. */
export const DEFAULT_REVIEW_DECISION = { workingDays: 20 } as const;

/** When the review body's decision is wanted: the policy's target (default 20 working days) from the application. */
export function reviewDecisionDue(appliedOn: Anchor, cal: HolidayCalendar, policy: SlaPolicy): Deadline {
  return dueAfter(appliedOn, policy.complaint.reviewDecision ?? DEFAULT_REVIEW_DECISION, cal);
}

/** In time if made (London date) on or before the day the window closes: day 28 yes, day 29 no. */
export function isReviewApplicationInTime(
  toldOn: Anchor,
  appliedOn: Anchor,
  cal: HolidayCalendar,
  policy: SlaPolicy,
): boolean {
  return toLondonDate(appliedOn) <= reviewWindowCloses(toldOn, cal, policy).dueOn;
}

// ── Both kinds of case ────────────────────────────────────────────────────────────────────

/**
 * C&M reg 13 / Conduct reg 19: the n-th (1-based) long-running report to the local policing
 * body (and the IOPC for complaints): 12 months after opening, then every 6 months.
 */
export function longRunningReportDue(
  openedOn: Anchor,
  n: number,
  cal: HolidayCalendar,
  policy: SlaPolicy,
): Deadline {
  const { firstReport, interval } = policy.longRunning;
  return deadlineAtEndOf(nthOccurrence(toLondonDate(openedOn), firstReport, interval, n, cal));
}

/** §10.1: the last day a closed case must be kept; it may be disposed of from the next day. */
export function retentionEndsOn(closedOn: Anchor, cal: HolidayCalendar, policy: SlaPolicy): IsoDate {
  return addDuration(toLondonDate(closedOn), policy.retention, cal);
}

export function isDueForDisposal(closedOn: Anchor, today: Anchor, cal: HolidayCalendar, policy: SlaPolicy): boolean {
  return toLondonDate(today) > retentionEndsOn(closedOn, cal, policy);
}

// ── Conduct matters ───────────────────────────────────────────────────────────────────────

/** Conduct reg 18: the officer's response to the investigation notice (10 working days default). */
export function officerResponseDue(noticeGivenOn: Anchor, cal: HolidayCalendar, policy: SlaPolicy): Deadline {
  return dueAfter(noticeGivenOn, policy.conduct.responseToNotice, cal);
}

/** Conduct reg 31: the officer's response after referral to proceedings (15 working days). */
export function responseAfterReferralDue(referredOn: Anchor, cal: HolidayCalendar, policy: SlaPolicy): Deadline {
  return dueAfter(referredOn, policy.conduct.responseAfterReferral, cal);
}

/** Conduct reg 45: written notice of appeal from a misconduct meeting, 7 working days after the outcome report. */
export function appealNoticeDue(outcomeReportOn: Anchor, cal: HolidayCalendar, policy: SlaPolicy): Deadline {
  return dueAfter(outcomeReportOn, policy.conduct.appealNotice, cal);
}

/** Conduct reg 70: the RPRP is reviewed at the officer's performance review within 12 months. */
export function rprpReviewDue(rprpStartedOn: Anchor, cal: HolidayCalendar, policy: SlaPolicy): Deadline {
  return dueAfter(rprpStartedOn, policy.conduct.rprpReview, cal);
}

// ── Policy reviews ────────────────────────────────────────────────────────────────────────

/** §7.1: the next review of a policy, two years after the last one. */
export function policyReviewDue(lastReviewedOn: Anchor, cal: HolidayCalendar, policy: SlaPolicy): Deadline {
  return dueAfter(lastReviewedOn, policy.policyReview.interval, cal);
}

/** Days on which to remind the policy owner ahead of a review due day, earliest first. */
export function policyReviewReminderDates(reviewDueOn: IsoDate, cal: HolidayCalendar, policy: SlaPolicy): IsoDate[] {
  const dates = policy.policyReview.remindBefore.map((d) => addDuration(reviewDueOn, d, cal, -1));
  return [...new Set(dates)].filter((d) => d < reviewDueOn).sort();
}

// ── Escalation ────────────────────────────────────────────────────────────────────────────

export interface EscalationStep {
  /** 0 for the breach itself, 1 for the first re-escalation, … */
  step: number;
  recipient: EscalationRecipient;
  /** When to escalate: the end of the due day for step 0, then every repeatEvery after it. */
  at: Deadline;
}

/**
 * The k-th escalation of a missed deadline. Step 0 goes to the first in the chain as soon as
 * the due day ends; each repeat goes one further up, staying at the top once reached.
 */
export function escalationStep(dueOn: IsoDate, k: number, cal: HolidayCalendar, policy: SlaPolicy): EscalationStep {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`Escalation step must be 0 or more, got ${k}`);
  const { chain, repeatEvery } = policy.escalation;
  const recipient = chain[Math.min(k, chain.length - 1)];
  if (recipient === undefined) throw new RangeError('Escalation chain is empty');
  const on = k === 0 ? dueOn : addDuration(dueOn, repeatEvery, cal, k);
  return { step: k, recipient, at: deadlineAtEndOf(on) };
}

/** All escalation steps of a missed deadline, without end. */
export function* escalationSchedule(
  dueOn: IsoDate,
  cal: HolidayCalendar,
  policy: SlaPolicy,
): Generator<EscalationStep, never, undefined> {
  for (let k = 0; ; k++) yield escalationStep(dueOn, k, cal, policy);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
