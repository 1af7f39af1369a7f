// Rules for completing conduct matter tasks: who may, and what a valid completion says. Pure
// functions, used by the workflow's update validators and by intake, and unit-tested on their own.
import { z } from 'zod';
import { isPsd, type Actor } from '@probity/shared/auth';
import {
  MANAGEMENT_ADVICE_REMOVED,
  SANCTIONS,
  addCalendarDays,
  conductMatterGroundsSchema,
  canRequestFormalAssessment,
  isIsoDate,
  policeRankSchema,
  proceedingsFormFor,
  proceedingsFormSchema,
  sanctionsAvailable,
  severityOutcomeSchema,
  type Person,
  type ProceedingsForm,
  type Sanction,
} from '@probity/shared/domain/index';
import { TaskRefusal, checkTaskActor, parseTaskPayload } from '../casework/task-rules';
import { checkHearingOutcome } from './regulation-rules';
import { STAFF_APPEAL_RESULTS, STAFF_OUTCOMES } from './staff-rules';
import type { CaseTask } from '../casework/types';
import { ASSESSMENT_SOURCES, type ConductState, type ConductTaskType } from './contract';

export { TaskRefusal };

const isoDate = (what: string) =>
  z.string({ error: `${what} is required as YYYY-MM-DD` }).refine(isIsoDate, `${what} must be a real date as YYYY-MM-DD`);
const text = (what: string, max: number) =>
  z.string({ error: `${what} is required` }).trim().min(1, `${what} must not be empty`).max(max, `${what} must be at most ${max} characters`);

export const SANCTION_MANAGEMENT_ADVICE =
  "'management-advice' is no longer a sanction: it was removed from those available to a misconduct meeting or hearing (§3.3.2). " +
  'Disciplinary proceedings start at a written warning.';

export const sanctionSchema = z.enum(SANCTIONS, {
  error: (iss) => (iss.input === 'management-advice' ? SANCTION_MANAGEMENT_ADVICE : `sanction must be one of: ${SANCTIONS.join(', ')}`),
});

export const FINDINGS = ['misconduct', 'gross-misconduct', 'practice-requiring-improvement', 'not-proven'] as const;
export const APPEAL_RESULTS = ['dismissed', 'sanction-varied', 'finding-overturned'] as const;

/** The sealed RPRP fields (§3.3.9): they go to the RPRP record, never to the workflow. */
export const SEALED_FIELDS = ['account', 'description', 'descriptions', 'note', 'reviewNote'] as const;

export const taskPayloadSchemas = {
  'chief-inspector-discussion': z.object({
    outcome: z.enum(['not-misconduct', 'request-formal-assessment', 'still-uncertain'], {
      error: "outcome must be 'not-misconduct', 'request-formal-assessment' or 'still-uncertain'",
    }),
    rationale: text('rationale', 4000),
  }),
  'psd-advice': z.object({
    advice: z.enum(['local-handling', 'formal-assessment'], { error: "advice must be 'local-handling' or 'formal-assessment'" }),
    rationale: text('rationale', 4000),
  }),
  'severity-assessment': z
    .object({
      outcome: severityOutcomeSchema,
      rationale: text('rationale', 4000),
      /** §3.3.8: practice requiring improvement comes from PSD with instructions. */
      instructions: text('instructions', 4000).optional(),
      /** C&M reg 7; Sch 3 para 13(1)(a): what the matter appears to involve, making it recordable and referable. */
      ...conductMatterGroundsSchema.shape,
    })
    .superRefine((a, ctx) => {
      if (a.outcome === 'practice-requiring-improvement' && a.instructions === undefined) {
        ctx.addIssue({ code: 'custom', path: ['instructions'], message: 'practice requiring improvement must come from PSD with instructions (§3.3.8)' });
      }
    }),
  'investigation-notice': z.object({
    /** Conduct reg 17: when the written notice was served; the reg 18 window counts from here. */
    servedOn: isoDate('servedOn'),
    method: z.enum(['in-person', 'email', 'post'], { error: "method must be 'in-person', 'email' or 'post'" }),
  }),
  'investigation-report': z.object({
    recommendation: z.enum(['case-to-answer', 'no-case-to-answer'], { error: "recommendation must be 'case-to-answer' or 'no-case-to-answer'" }),
    summary: text('summary', 10000),
  }),
  'referral-decision': z
    .object({
      decision: z.enum(['refer-to-proceedings', 'refer-to-rprp', 'no-case-to-answer'], {
        error: "decision must be 'refer-to-proceedings', 'refer-to-rprp' or 'no-case-to-answer'",
      }),
      severity: z.enum(['misconduct', 'gross-misconduct']).optional(),
      liveFinalWrittenWarning: z.boolean().optional(),
      specialConditionsMet: z.boolean().optional(),
      /** Optional cross-check: must be the form proceedingsFormFor gives. */
      form: proceedingsFormSchema.optional(),
      instructions: text('instructions', 4000).optional(),
      rationale: text('rationale', 4000),
    })
    .superRefine((d, ctx) => {
      if (d.decision === 'refer-to-proceedings' && d.severity === undefined) {
        ctx.addIssue({ code: 'custom', path: ['severity'], message: "severity ('misconduct' or 'gross-misconduct') is required to refer to proceedings" });
      }
      if (d.decision === 'refer-to-rprp' && d.instructions === undefined) {
        ctx.addIssue({ code: 'custom', path: ['instructions'], message: 'reflective practice directed by the appropriate authority needs instructions (§3.3.8)' });
      }
      if (d.specialConditionsMet === true && d.severity !== 'gross-misconduct') {
        ctx.addIssue({ code: 'custom', path: ['specialConditionsMet'], message: 'an accelerated hearing (special conditions) is for gross misconduct only' });
      }
    }),
  /** Conduct reg 30: the notice of referral and the documents, supplied to the officer. */
  'referral-notice': z.object({ suppliedOn: isoDate('suppliedOn') }),
  'proceedings-outcome': z
    .object({
      finding: z.enum(FINDINGS, { error: `finding must be one of: ${FINDINGS.join(', ')}` }),
      sanction: sanctionSchema.optional(),
      /** Conduct reg 42(5): a final written warning was in force on the date of the severity assessment. */
      finalWrittenWarningInForce: z.boolean({ error: 'finalWrittenWarningInForce must be true or false' }).optional(),
      /** Conduct reg 42(6): misconduct from more than one incident, not closely factually connected. */
      unconnectedIncidents: z.boolean({ error: 'unconnectedIncidents must be true or false' }).optional(),
      /** Why gross misconduct does not end in dismissal. */
      reasons: text('reasons', 4000).optional(),
      /** PEEL: misconduct outcomes are published; the appropriate authority confirms. */
      publish: z.boolean().optional(),
      publishFrom: isoDate('publishFrom').optional(),
      /** The exception to naming the officer in the publication, with its reason (DOMAIN.md "Publication"). */
      nameWithheldBecause: z.string().trim().min(10, "give the reason the officer's name is not to be published, in at least 10 characters").max(1000).optional(),
    })
    .superRefine((o, ctx) => {
      if (o.nameWithheldBecause !== undefined && o.publish !== true) {
        ctx.addIssue({ code: 'custom', path: ['nameWithheldBecause'], message: 'a name is withheld only from an outcome that is published (publish: true)' });
      }
      const misconduct = o.finding === 'misconduct' || o.finding === 'gross-misconduct';
      if (misconduct && o.sanction === undefined) {
        ctx.addIssue({ code: 'custom', path: ['sanction'], message: `a ${o.finding} finding needs a sanction` });
      }
      if (!misconduct && o.sanction !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['sanction'], message: `no sanction may follow a finding of ${o.finding}` });
      }
      if (misconduct && o.publish === undefined) {
        ctx.addIssue({ code: 'custom', path: ['publish'], message: 'say whether the outcome is to be published (true or false)' });
      }
    }),
  /** Conduct reg 43: the day the outcome report was given to the officer. */
  'outcome-report': z.object({ givenToOfficerOn: isoDate('givenToOfficerOn') }),
  appeal: z
    .object({
      result: z.enum(APPEAL_RESULTS, { error: `result must be one of: ${APPEAL_RESULTS.join(', ')}` }),
      sanction: sanctionSchema.optional(),
    })
    .superRefine((a, ctx) => {
      if (a.result === 'sanction-varied' && a.sanction === undefined) ctx.addIssue({ code: 'custom', path: ['sanction'], message: 'give the varied sanction' });
      if (a.result !== 'sanction-varied' && a.sanction !== undefined) ctx.addIssue({ code: 'custom', path: ['sanction'], message: `no sanction goes with ${a.result}` });
    }),
  /**
   * Conduct reg 19: sent to the local policing body, or withheld where it might prejudice an
   * investigation (reg 19(3), with the reason); copied to the officer subject to the harm test (19(4)).
   * The rules between the fields are checkLongRunningReport (validator only: older reports said only true).
   */
  'long-running-report': z.object({
    sentToLocalPolicingBody: z.boolean({ error: 'sentToLocalPolicingBody must be true or false (Conduct reg 19)' }),
    localPolicingBodyWithheldBecause: text('localPolicingBodyWithheldBecause', 4000).optional(),
    copiedToOfficer: z.boolean({ error: 'copiedToOfficer must be true or false (Conduct reg 19(4))' }).optional(),
    harmTestReason: text('harmTestReason', 4000).optional(),
  }),
  'reflective-discussion': z.strictObject({
    heldOn: isoDate('heldOn'),
    /** The account itself is sealed in the RPRP record (§3.3.9); the workflow only learns it exists. */
    accountRecorded: z.literal(true, { error: 'accountRecorded must be true: record the officer’s account in the RPRP record first' }),
  }),
  'development-report': z.strictObject({
    actions: z
      .array(
        z.strictObject({
          id: z.string().regex(/^A\d{1,2}$/, 'id must be A1, A2, …'),
          dueOn: isoDate('dueOn'),
          owner: z.enum(['participant', 'reviewer'], { error: "owner must be 'participant' or 'reviewer'" }),
        }),
        { error: 'actions must be a list' },
      )
      .min(1, 'a development report needs at least one action')
      .max(20, 'at most 20 actions'),
  }),
  'development-action': z.strictObject({ completedOn: isoDate('completedOn').optional() }),
  'rprp-review': z.strictObject({ heldOn: isoDate('heldOn') }),
  'rprp-report-copy': z.strictObject({ sentOn: isoDate('sentOn') }),
  'rprp-lessons': z
    .object({
      outcome: z.enum(['addressed', 'no-lessons-for-the-force'], { error: "outcome must be 'addressed' or 'no-lessons-for-the-force'" }),
      actionTaken: text('actionTaken', 4000).optional(),
    })
    .superRefine((l, ctx) => {
      if (l.outcome === 'addressed' && l.actionTaken === undefined) {
        ctx.addIssue({ code: 'custom', path: ['actionTaken'], message: 'say what was done so the lessons for line management or the force are addressed (Conduct reg 70(4))' });
      }
    }),
  /** Acknowledged by the PSD manager; it closes by itself when the assignment arrives. */
  'allocation-stalled': z.object({ note: text('note', 2000).optional() }),
  /** Police staff: the outcome under the police-staff misconduct procedure (./staff-rules.ts). */
  'staff-misconduct-outcome': z.object({
    outcome: z.enum(STAFF_OUTCOMES, { error: `outcome must be one of the police-staff procedure's outcomes: ${STAFF_OUTCOMES.join(', ')}` }),
    rationale: text('rationale', 4000),
  }),
  'staff-appeal': z
    .object({
      result: z.enum(STAFF_APPEAL_RESULTS, { error: `result must be one of: ${STAFF_APPEAL_RESULTS.join(', ')}` }),
      outcome: z.enum(STAFF_OUTCOMES, { error: `outcome must be one of: ${STAFF_OUTCOMES.join(', ')}` }).optional(),
      rationale: text('rationale', 4000),
    })
    .superRefine((a, ctx) => {
      if (a.result !== 'outcome-varied' && a.outcome !== undefined) ctx.addIssue({ code: 'custom', path: ['outcome'], message: `no outcome goes with ${a.result}` });
    }),
  /** Sch 3 para 13: the referral to the IOPC, made on this day under its reference. */
  'iopc-referral': z.object({ referredOn: isoDate('referredOn'), iopcReference: text('iopcReference', 100) }),
  /** Sch 3 para 19: the IOPC's independent investigation reported; the force records when and what. */
  'iopc-investigation-outcome': z.object({ reportReceivedOn: isoDate('reportReceivedOn'), summary: text('summary', 10000) }),
} satisfies Record<ConductTaskType, z.ZodType>;

export type ConductTaskPayload<T extends ConductTaskType> = z.infer<(typeof taskPayloadSchemas)[T]>;

const RPRP_TASKS: readonly ConductTaskType[] = ['reflective-discussion', 'development-report', 'development-action', 'rprp-review'];

/** Parses a payload for the task type; throws TaskRefusal naming each bad field. */
export function parsePayload<T extends ConductTaskType>(type: T, payload: unknown): ConductTaskPayload<T> {
  if (RPRP_TASKS.includes(type) && payload !== null && typeof payload === 'object') {
    const sealed = Object.keys(payload).filter((k) => (SEALED_FIELDS as readonly string[]).includes(k));
    const actions = (payload as { actions?: unknown }).actions;
    if (Array.isArray(actions) && actions.some((a) => a !== null && typeof a === 'object' && 'description' in a)) sealed.push('actions[].description');
    if (sealed.length > 0) {
      throw new TaskRefusal(
        `${sealed.join(', ')} must not be sent to the case workflow: reflective practice records are sealed (§3.3.9) and are kept only in the RPRP record`,
      );
    }
  }
  return parseTaskPayload(taskPayloadSchemas, type, payload) as ConductTaskPayload<T>;
}

/** Tasks only PSD may complete (PSD advice and assessment, the investigation and proceedings). */
const PSD_ONLY: readonly ConductTaskType[] = [
  'psd-advice',
  'severity-assessment',
  'investigation-notice',
  'investigation-report',
  'referral-decision',
  'referral-notice',
  'proceedings-outcome',
  'outcome-report',
  'appeal',
  'long-running-report',
  'rprp-lessons',
  'allocation-stalled',
  'staff-misconduct-outcome',
  'staff-appeal',
  'iopc-referral',
  'iopc-investigation-outcome',
];

/** Throws TaskRefusal unless the actor may complete the task: its assignee or their manager. */
export function checkActor(task: CaseTask<ConductTaskType>, actor: Actor): void {
  checkTaskActor(task, actor, PSD_ONLY);
}

/** The person behind a bearer token: an officer if the token carries a police rank, else staff. */
export function personOfActor(actor: Pick<Actor, 'rank' | 'role'>, grade?: string | null): Person {
  const rank = policeRankSchema.safeParse(actor.rank);
  if (rank.success) return { kind: 'officer', rank: rank.data };
  return { kind: 'staff', grade: grade ?? actor.role };
}

/** §3.3.5 for an actor: the refusal reason, or null when they may request a formal PSD assessment. */
export function formalRequestRefusal(actor: Pick<Actor, 'rank' | 'role'>, grade?: string | null): string | null {
  const permission = canRequestFormalAssessment(personOfActor(actor, grade));
  return permission.allowed ? null : permission.reason;
}

/**
 * Issue 13: §3.3.5 ("requests … should come via an officer of at least the rank of chief
 * inspector") is force policy for supervisors, not law. PSD, acting for the appropriate authority,
 * may open a severity assessment on any allegation that reaches it, saying where it came from.
 * Returns the refusal's reason, or null when PSD may open it.
 */
export function psdOpensAssessmentRefusal(actor: Pick<Actor, 'id' | 'role'>, source: unknown, sourceDetail: unknown): string | null {
  if (!isPsd(actor)) {
    return `only PSD, acting for the appropriate authority, may open a severity assessment with a source; ${actor.id} is ${actor.role} — supervisors request one via a chief inspector or above (§3.3.5)`;
  }
  if (typeof source !== 'string' || !(ASSESSMENT_SOURCES as readonly string[]).includes(source)) {
    return `source: where the allegation came from, one of: ${ASSESSMENT_SOURCES.join(', ')}`;
  }
  if (source === 'other' && (typeof sourceDetail !== 'string' || sourceDetail.trim().length === 0)) {
    return "sourceDetail: say what the source was when source is 'other'";
  }
  return null;
}

/** Referral (Conduct reg 23): the form follows from the finding; a form given must agree with it. */
export function referralForm(d: ConductTaskPayload<'referral-decision'>): ProceedingsForm {
  const form = proceedingsFormFor({
    severity: d.severity ?? 'misconduct',
    liveFinalWrittenWarning: d.liveFinalWrittenWarning,
    specialConditionsMet: d.specialConditionsMet,
  });
  if (d.form !== undefined && d.form !== form) {
    throw new TaskRefusal(
      `a ${d.severity} finding${d.liveFinalWrittenWarning ? ' with a live final written warning' : ''}` +
        `${d.specialConditionsMet ? ' meeting the special conditions' : ''} goes to a ${form.replaceAll('-', ' ')}, not a ${d.form.replaceAll('-', ' ')}`,
    );
  }
  return form;
}

/**
 * Outcome of proceedings: only a sanction the form may give, no gross misconduct finding at a
 * meeting, and the conditions of Conduct regs 42 and 62 (checkHearingOutcome) for hearings.
 */
export function checkOutcome(
  o: ConductTaskPayload<'proceedings-outcome'>,
  form: ProceedingsForm,
  subject: Person,
  referral: { liveFinalWrittenWarning: boolean } = { liveFinalWrittenWarning: false },
): void {
  if (o.finding === 'gross-misconduct' && form === 'misconduct-meeting') {
    throw new TaskRefusal('a misconduct meeting cannot find gross misconduct; only a hearing can');
  }
  if (o.sanction !== undefined) checkSanction(o.sanction, form, subject, o.finding === 'gross-misconduct' ? 'gross-misconduct' : 'misconduct');
  checkHearingOutcome(o, form, referral);
}

export function checkSanction(sanction: Sanction, form: ProceedingsForm, subject: Person, finding: 'misconduct' | 'gross-misconduct'): void {
  const available = sanctionsAvailable(form, { subject, finding });
  if (!available.includes(sanction)) {
    throw new TaskRefusal(
      `a ${form.replaceAll('-', ' ')} cannot give ${sanction.replaceAll('-', ' ')} for ${finding.replaceAll('-', ' ')}` +
        `${subject.kind === 'officer' ? ` by a ${subject.rank.replaceAll('-', ' ')}` : ' by police staff'}: ` +
        `it may give ${available.map((s) => s.replaceAll('-', ' ')).join(', ')}`,
    );
  }
}

/** A development report's actions: distinct ids, each due after today and no later than the reg 70 review. */
export function checkDevelopmentReport(r: ConductTaskPayload<'development-report'>, today: string, reviewDueOn: string): void {
  const ids = r.actions.map((a) => a.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new TaskRefusal(`action ${dup} appears twice`);
  for (const a of r.actions) {
    if (a.dueOn <= today) throw new TaskRefusal(`action ${a.id} is due ${a.dueOn}: an action's deadline must be after today (${today})`);
    if (a.dueOn > reviewDueOn) {
      throw new TaskRefusal(`action ${a.id} is due ${a.dueOn}, after the RPRP review due by ${reviewDueOn} (Conduct reg 70: reviewed within 12 months)`);
    }
  }
}

/** A date given for something that has happened may not be in the future nor before the matter was raised. */
export function checkPastDate(field: string, date: string, today: string, raisedOn: string): void {
  if (date > today) throw new TaskRefusal(`${field} ${date} is in the future`);
  if (date < raisedOn) throw new TaskRefusal(`${field} ${date} is before the matter was raised on ${raisedOn}`);
}

/**
 * When a misconduct outcome may be published: a meeting's outcome once its appeal window (Conduct
 * reg 45) has closed, a hearing's at once — unless the appropriate authority set a date.
 */
export function defaultPublishFrom(form: ProceedingsForm, outcomeOn: string, appealWindowClosesOn: string | undefined): string {
  return form === 'misconduct-meeting' && appealWindowClosesOn ? addCalendarDays(appealWindowClosesOn, 1) : outcomeOn;
}

export { MANAGEMENT_ADVICE_REMOVED };

/** Conduct reg 45: the refusal of an appeal given after the 7-working-day window. */
export function lateAppealRefusal(closesOn: string): string {
  return `appeal refused as out of time: written notice of appeal must be given within 7 working days of the outcome report (Conduct reg 45); the window closed at the end of ${closesOn}`;
}

/**
 * What a request to a closed matter is told (its workflow completed when the matter closed): the
 * appeal window's refusal when one closed unused, else that the matter is closed. From the final state.
 */
export function closedMatterRefusal(state: ConductState): string {
  if (state.appealRoute === 'police-appeals-tribunal') return `matter ${state.ref} is closed: a senior officer's appeal lies to the Police Appeals Tribunal, not to an appeal meeting (Conduct reg 45(1))`;
  if (state.appealWindowClosesOn && !state.appeal) return lateAppealRefusal(state.appealWindowClosesOn);
  return `matter ${state.ref} is closed (${state.outcome ?? state.stage}): nothing more can be recorded on it`;
}
