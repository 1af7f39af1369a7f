// The Police (Conduct) Regulations 2020 (SI 2020/4) as pure rules for a matter's proceedings: who
// may appeal from a meeting and how (regs 43, 45), which sanctions a hearing may give (reg 42),
// what an accelerated hearing decides (reg 62), and the response after referral (regs 30–31).
// Each refusal says the regulation's reason; the workflow's validators and unit tests call them.
import { isIsoDate, isSeniorOfficer, type Duration, type Person, type ProceedingsForm, type Sanction } from '@probity/shared/domain/index';
import { TaskRefusal } from '../casework/task-rules';

/**
 * Conduct reg 43: the person conducting the meeting writes the outcome report; the force gives
 * the chair 5 working days after the meeting (issue 13). The reg 45 window runs from its delivery.
 */
export const OUTCOME_REPORT_PERIOD: Duration = { workingDays: 5 };

/**
 * Conduct reg 30: the appropriate authority gives the officer written notice of the referral and
 * the documents; the force's own target for doing so (the regulation says "as soon as practicable").
 */
export const REFERRAL_NOTICE_PERIOD: Duration = { workingDays: 5 };

export type AppealRoute =
  | { route: 'internal'; basis: 'Conduct reg 45' }
  | { route: 'police-appeals-tribunal'; reason: string }
  | { route: 'none'; reason: string };

/**
 * Conduct reg 45(1): "an officer, other than a senior officer, whose case was decided at a
 * misconduct meeting" may appeal to an appeal meeting. A senior officer (above chief
 * superintendent), and anyone whose case went to a hearing, appeals to the Police Appeals Tribunal.
 */
export function appealRouteFor(form: ProceedingsForm, subject: Person): AppealRoute {
  if (form === 'misconduct-meeting' && subject.kind === 'officer' && isSeniorOfficer(subject.rank)) {
    return {
      route: 'police-appeals-tribunal',
      reason: 'a senior officer has no appeal to an appeal meeting (Conduct reg 45(1) is for officers other than senior officers): the appeal lies to the Police Appeals Tribunal',
    };
  }
  if (form === 'misconduct-meeting') return { route: 'internal', basis: 'Conduct reg 45' };
  return { route: 'none', reason: `there is no appeal meeting from a ${form.replaceAll('-', ' ')} (Conduct reg 45 is for meetings); an appeal lies to the Police Appeals Tribunal` };
}

/** The reg 43 outcome report: given to the officer on a real day, not before the meeting nor in the future. */
export function checkOutcomeReportGiven(givenOn: string, meetingOn: string, today: string): void {
  if (givenOn > today) throw new TaskRefusal(`givenToOfficerOn ${givenOn} is in the future`);
  if (givenOn < meetingOn) throw new TaskRefusal(`givenToOfficerOn ${givenOn} is before the meeting's outcome on ${meetingOn}: the outcome report (Conduct reg 43) follows the meeting`);
}

/** Conduct reg 30: the notice and documents are supplied after the referral, not before it nor in the future. */
export function checkDocumentsSupplied(suppliedOn: string, referredOn: string, today: string): void {
  if (suppliedOn > today) throw new TaskRefusal(`suppliedOn ${suppliedOn} is in the future`);
  if (suppliedOn < referredOn) throw new TaskRefusal(`suppliedOn ${suppliedOn} is before the referral on ${referredOn}: the reg 30 notice and documents follow the referral`);
}

/** What an extension asks: which window, until when, and why. */
export interface WindowExtension {
  window: 'appeal' | 'referral';
  closesOn: string;
  reason: string;
}

/**
 * Conduct reg 45(3)(a) (the appeal window, extended by the appropriate authority) and reg
 * 31(1)(b) (the response after referral, extended by the person conducting or chairing the
 * proceedings): both only "for exceptional circumstances", to a later day, while the window is open.
 */
export function checkWindowExtension(x: WindowExtension, current: { closesOn: string } | undefined, today: string): void {
  const basis = x.window === 'appeal' ? 'Conduct reg 45(3)(a)' : 'Conduct reg 31(1)(b)';
  if (!current) throw new TaskRefusal(`window: there is no open ${x.window === 'appeal' ? 'appeal' : 'response after referral'} window to extend (${basis})`);
  if (typeof x.closesOn !== 'string' || !isIsoDate(x.closesOn)) throw new TaskRefusal('closesOn must be a real date as YYYY-MM-DD');
  if (x.closesOn <= current.closesOn) throw new TaskRefusal(`closesOn ${x.closesOn} must be after the day the window closes now (${current.closesOn})`);
  if (today > current.closesOn) throw new TaskRefusal(`the window closed at the end of ${current.closesOn}; an extension (${basis}) is given while it is open`);
  if (typeof x.reason !== 'string' || x.reason.trim().length === 0) {
    throw new TaskRefusal(`reason: an extension is only for exceptional circumstances (${basis}); say what they are`);
  }
}

/** What a hearing's outcome says, beyond the finding and sanction, for reg 42's conditions. */
export interface HearingOutcomeFacts {
  finding: string;
  sanction?: Sanction;
  /** Reg 42(5): a final written warning was in force on the date of the severity assessment. */
  finalWrittenWarningInForce?: boolean;
  /** Reg 42(6): misconduct arising from more than one incident, not closely factually connected. */
  unconnectedIncidents?: boolean;
  reasons?: string;
}

/**
 * Conduct reg 42 and reg 62 for an outcome, given the form and what the referral recorded:
 * - an accelerated hearing decides whether the conduct is gross misconduct (reg 62; a finding of
 *   misconduct or practice requiring improvement is not open to it);
 * - at a hearing finding misconduct (not gross), reduction in rank and dismissal without notice
 *   are available only "where paragraph (5) or (6) applies" (reg 42(3)(a)(iii)–(iv)): a final
 *   written warning in force on the date of the severity assessment (42(5)), or misconduct from
 *   more than one incident not closely factually connected (42(6));
 * - gross misconduct that does not end in dismissal needs reasons recorded (issue 13: the
 *   decision to keep the officer must be explained; reg 42 itself does not word this).
 */
export function checkHearingOutcome(o: HearingOutcomeFacts, form: ProceedingsForm, referral: { liveFinalWrittenWarning: boolean }): void {
  if (form === 'accelerated-hearing' && o.finding !== 'gross-misconduct' && o.finding !== 'not-proven') {
    throw new TaskRefusal(
      `finding: an accelerated hearing decides only whether the conduct amounts to gross misconduct (Conduct reg 62): 'gross-misconduct' or 'not-proven', not '${o.finding}'`,
    );
  }
  if (form !== 'misconduct-meeting' && o.finding === 'misconduct' && (o.sanction === 'reduction-in-rank' || o.sanction === 'dismissal-without-notice')) {
    const fww = referral.liveFinalWrittenWarning || o.finalWrittenWarningInForce === true;
    if (!fww && o.unconnectedIncidents !== true) {
      throw new TaskRefusal(
        `sanction: ${o.sanction.replaceAll('-', ' ')} for misconduct (not gross) is available only where a final written warning was in force on the date of the severity assessment ` +
          '(Conduct reg 42(5)) or the misconduct arises from more than one incident not closely factually connected (reg 42(6)) — Conduct reg 42(3)(a); ' +
          'say which with finalWrittenWarningInForce or unconnectedIncidents',
      );
    }
  }
  if (o.finding === 'gross-misconduct' && o.sanction !== undefined && o.sanction !== 'dismissal-without-notice' && (o.reasons ?? '').trim().length === 0) {
    throw new TaskRefusal(`reasons: gross misconduct that does not end in dismissal (here ${o.sanction.replaceAll('-', ' ')}) needs the reasons recorded`);
  }
}

/**
 * Conduct reg 31 applies to misconduct proceedings (Part 4): the officer responds within 15
 * working days beginning with the first working day after the reg 30 documents are supplied.
 * An accelerated hearing follows Part 5's own notice and periods instead.
 */
export function responseAfterReferralApplies(form: ProceedingsForm): boolean {
  return form !== 'accelerated-hearing';
}

/** A reg 19 report as recorded: sent or withheld, copied to the officer or not. */
export interface LongRunningReportFacts {
  sentToLocalPolicingBody: boolean;
  localPolicingBodyWithheldBecause?: string;
  copiedToOfficer?: boolean;
  harmTestReason?: string;
}

/**
 * Conduct reg 19: the information goes to the local policing body unless "it appears to the
 * appropriate authority that to do so might prejudice the investigation or any other
 * investigation (including a criminal investigation)" (19(3)); "subject to the harm test, a copy
 * … must be sent to the officer concerned" (19(4)).
 */
export function checkLongRunningReport(r: LongRunningReportFacts): void {
  if (!r.sentToLocalPolicingBody && (r.localPolicingBodyWithheldBecause ?? '').trim().length === 0) {
    throw new TaskRefusal('localPolicingBodyWithheldBecause: the report may be withheld from the local policing body only where it might prejudice this or another investigation (Conduct reg 19(3)); say how');
  }
  if (r.sentToLocalPolicingBody && r.localPolicingBodyWithheldBecause !== undefined) {
    throw new TaskRefusal('localPolicingBodyWithheldBecause: only when the report is withheld from the local policing body (Conduct reg 19(3))');
  }
  if (r.sentToLocalPolicingBody && r.copiedToOfficer === undefined) {
    throw new TaskRefusal('copiedToOfficer: say whether a copy went to the officer concerned (Conduct reg 19(4))');
  }
  if (r.copiedToOfficer === false && (r.harmTestReason ?? '').trim().length === 0) {
    throw new TaskRefusal('harmTestReason: a copy goes to the officer concerned unless the harm test stops it (Conduct reg 19(4)); say why it does');
  }
}
