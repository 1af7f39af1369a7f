// The complaint's clocks and routes as the 2020 regulations set them (issue 13), as the complaint
// workflow applies them: the patch names that keep running cases on their old path, and the
// validators' rules. Pure functions (no workflow APIs), unit-tested on their own.
import { z } from 'zod';
import {
  chiefOfficerReferralRefusal,
  declaredHolidaySchema,
  longRunningReportRefusal,
  mayRecordWithdrawal,
  updateMethodRefusal,
  withdrawalNotificationSchema,
  withdrawalRefusal,
  withdrawalIndicationRefusal,
  withdrawalIndicationSchema,
  withdrawalReplyRefusal,
  withdrawalReplySchema,
  type UnsignedWithdrawal,
  type WithdrawalIndication,
  type WithdrawalReply,
  type ComplaintRoute,
  type HolidayEvent,
  type IopcModeDecision,
  type PoliceRank,
  type UpdateMethod,
  type WithdrawalDuties,
  type WithdrawalNotification,
} from '@probity/shared/domain/index';
import { TaskRefusal, parseTaskPayload } from '../casework/task-rules';

/**
 * Patch: the IOPC referral is due from when the complaint became referable — receipt, when the
 * grounds are on its face (C&M reg 4). The stored text of reg 4 (legislation.gov.uk uksi/2020/2
 * regulation/4) gives the descriptions: "(a) … (i) a serious assault … (iii) serious corruption,
 * including abuse of position for a sexual purpose … (b) any complaint arising from the same
 * incident … (c) … the conduct of a chief officer"; its timing paragraph was not in the stored copy,
 * so the period stays the SLA policy's (default: the end of the next working day), only its anchor moves.
 */
export const REGULATIONS_REFERRAL_ANCHOR = 'regulations-referral-anchor';
/** Patch: complainant updates run from recording, each within four weeks of the previous notification, through every stage (C&M reg 34). */
export const REGULATIONS_UPDATES = 'regulations-updates';
/** Patch: the IOPC's mode decision drives the handling mode and who owes the long-running reports (Sch 3 para 5; C&M reg 13). */
export const REGULATIONS_IOPC_MODE = 'regulations-iopc-mode';

/**
 * Patch: a complainant's signed withdrawal (C&M reg 38) is recorded by an update; the IOPC and the
 * review body are told where the regulation says, and the complaint's handling ends there (no
 * more tasks, updates or deadlines) while the case is kept for retention like any closed one.
 */
export const REGULATIONS_WITHDRAWAL = 'regulations-withdrawal';

/**
 * Patch: a wish to withdraw without a signed notification (C&M reg 39) is recorded by an update,
 * the letter asking how the complainant wishes to proceed goes out, and a durable timer runs the
 * reply period; a confirming reply, or none in time, withdraws it as if signed (reg 39(4)).
 */
export const REGULATIONS_UNSIGNED_WITHDRAWAL = 'regulations-unsigned-withdrawal';

/**
 * Referable on its face: the complaint as received already falls in a mandatory referral category
 * (C&M reg 4(1); Sch 3 para 4(1)(a)), so it became referable when it was received.
 */
export const referableOnItsFace = (route: ComplaintRoute) => route.referralReasons.length > 0;

/** C&M reg 34(3): an update in writing unless the complaint was made otherwise than in writing and is handled outside Schedule 3. */
export function checkUpdateMethod(method: UpdateMethod, c: { channel: string; handling: 'schedule-3' | 'outside-schedule-3' }): void {
  const refusal = updateMethodRefusal(method, c);
  if (refusal) throw new TaskRefusal(refusal);
}

/** C&M reg 13: the IOPC always; the local policing body unless that might prejudice the investigation, with the reason. */
export function checkLongRunningReport(r: { sentToIopc: boolean; sentToLocalPolicingBody: boolean; localPolicingBodyWithheldBecause?: string }): void {
  const refusal = longRunningReportRefusal(r);
  if (refusal) throw new TaskRefusal(refusal);
}

/**
 * Sch 3 para 5: on a referred complaint the IOPC decides whether it must be investigated and in
 * what form. Local, directed or independent: it is investigated; returned to the force: handled as
 * the force assessed it.
 */
export function handlingModeAfterIopc<M extends string | undefined>(decision: IopcModeDecision, assessed: M): M | 'investigation' {
  return decision === 'return-to-force' ? assessed : 'investigation';
}

/**
 * Patch: an investigation the IOPC carries out itself (independent) or directs is not the force's
 * to finish. PRA 2002 s.20(1), as stored (legislation.gov.uk ukpga/2002/30/section/20): "In any case
 * in which there is an investigation of a complaint … (a) by the Director General, or (b) under the
 * Director General's direction, it shall be the duty of the Director General to provide the
 * complainant with all such information as will keep him properly informed" — so the force's
 * reg 34 updates and outcome letter stop; (2) keeps that duty with the appropriate authority only
 * for its own investigations. The reports of C&M reg 13 are likewise the IOPC's
 * (forceOwesLongRunningReports). The review of Sch 3 para 25 is of an investigation "by the
 * appropriate authority on its own behalf" (its text was not in the stored pages: from the Act as
 * amended in 2017, unconfirmed here), so neither the force nor the local policing body reviews it.
 * Independent: the force's handler does no investigation (the IOPC's investigator does); the force
 * cooperates and keeps the record. Directed: the force's investigator investigates under the
 * IOPC's direction (the handling task), and the IOPC determines what follows from the report.
 * Either way PSD records the IOPC's outcome per allegation ('iopc-outcome') and the case closes.
 */
export const REGULATIONS_IOPC_INVESTIGATES = 'regulations-iopc-investigates';

/** The IOPC's mode decisions under which the IOPC, not the force, finishes the investigation. */
export const investigatedForTheIopc = (decision: IopcModeDecision | undefined): decision is 'independent' | 'directed' =>
  decision === 'independent' || decision === 'directed';

/** Fields the assessment payload gains here (optional, so every earlier payload still parses). */
export const assessmentRegulationFields = {
  /** A complaint made over 12 months after the incident: how the delay was weighed in the handling decision. */
  delayWeighed: z.string().trim().min(1).max(4000).optional(),
};

/** Made more than 12 months after the incident: the assessment must say how the delay was weighed. */
export function checkDelayWeighed(a: { delayWeighed?: string }, late: { incidentOn: string; monthsAfter: number } | undefined): void {
  if (late && !a.delayWeighed) {
    throw new TaskRefusal(`delayWeighed: the complaint was made ${late.monthsAfter} months after the incident (${late.incidentOn}), more than 12; say how the delay was weighed in the handling decision`);
  }
}

/** C&M reg 4(1)(c): a complaint about the chief officer is referred unless the assessment rules proceedings out for every allegation. */
export function checkChiefOfficerReferral(subjects: readonly { rank?: PoliceRank | null }[], a: Parameters<typeof chiefOfficerReferralRefusal>[1]): void {
  const refusal = chiefOfficerReferralRefusal(subjects.map((s) => s.rank), a);
  if (refusal) throw new TaskRefusal(refusal);
}

/** The withdraw update's notification, parsed (a TaskRefusal naming each bad field). */
export function parseWithdrawal(notification: unknown): WithdrawalNotification {
  return parseTaskPayload({ withdrawal: withdrawalNotificationSchema }, 'withdrawal', notification);
}

/** C&M reg 38: who may record the withdrawal, when, and whether the public-interest decision is the force's. */
export function checkWithdrawal(
  actor: { id: string; role: string },
  n: WithdrawalNotification,
  c: { handlerId?: string; stage: string; today: string; receivedOn: string; duties: WithdrawalDuties },
): void {
  checkMayRecordWithdrawal(actor, c.handlerId);
  const refusal = withdrawalRefusal(n, c);
  if (refusal) throw new TaskRefusal(refusal);
}

/** The indicateWithdrawal update's indication, parsed (a TaskRefusal naming each bad field). */
export function parseWithdrawalIndication(indication: unknown): WithdrawalIndication {
  return parseTaskPayload({ indication: withdrawalIndicationSchema }, 'indication', indication);
}

/** The recordWithdrawalReply update's reply, parsed (a TaskRefusal naming each bad field). */
export function parseWithdrawalReply(reply: unknown): WithdrawalReply {
  return parseTaskPayload({ reply: withdrawalReplySchema }, 'reply', reply);
}

/** C&M reg 39(1)–(2): who may record the indication (as for reg 38), when, and the public-interest decision where it is the force's. */
export function checkWithdrawalIndication(
  actor: { id: string; role: string },
  i: WithdrawalIndication,
  c: { handlerId?: string; stage: string; today: string; receivedOn: string; duties: WithdrawalDuties; pending?: UnsignedWithdrawal },
): void {
  checkMayRecordWithdrawal(actor, c.handlerId);
  const refusal = withdrawalIndicationRefusal(i, c);
  if (refusal) throw new TaskRefusal(refusal);
}

/** C&M reg 39(4): the reply to a letter awaiting one, recorded by the handler or the appropriate authority. */
export function checkWithdrawalReply(actor: { id: string; role: string }, r: WithdrawalReply, c: { handlerId?: string; today: string; pending?: UnsignedWithdrawal }): void {
  checkMayRecordWithdrawal(actor, c.handlerId);
  const refusal = withdrawalReplyRefusal(r, c);
  if (refusal) throw new TaskRefusal(refusal);
}

function checkMayRecordWithdrawal(actor: { id: string; role: string }, handlerId: string | undefined): void {
  if (!mayRecordWithdrawal(actor, { handlerId })) {
    throw new TaskRefusal(`only the complaint's handler (${handlerId ?? 'none yet'}), a PSD manager or the head of PSD may record its withdrawal; ${actor.id} (${actor.role}) may not`);
  }
}

/** The complaint's tasks whose deadlines are counted in working days (a declared holiday moves them on). */
const WORKING_DAY_TASKS = ['first-contact', 'assessment', 'iopc-referral', 'outcome-notification', 'review', 'long-running-report', 'allocation-stalled'];
export const countsWorkingDays = (type: string) => WORKING_DAY_TASKS.includes(type);

/** Declared bank holidays, parsed (a TaskRefusal naming each bad field). */
export function parseDeclaredHolidays(holidays: unknown): HolidayEvent[] {
  return parseTaskPayload({ holidays: z.array(declaredHolidaySchema).min(1, { error: 'holidays: give at least one' }) }, 'holidays', holidays);
}

/** Ops (who keep the holiday data) or the head of PSD declare a holiday to running cases. */
export function checkDeclaredHolidays(actor: { id: string; role: string }, holidays: unknown): void {
  if (!['ops', 'head-of-psd'].includes(actor.role)) throw new TaskRefusal(`only ops or the head of PSD may declare a bank holiday to a running case; ${actor.id} (${actor.role}) may not`);
  parseDeclaredHolidays(holidays);
}
