/**
 * Withdrawn complaints (C&M reg 38, SI 2020/2). The stored text of regulation 38 (legislation.gov.uk
 * uksi/2020/2/regulation/38/made) says, in short:
 * - (1) it applies where the appropriate authority receives a notification *signed* by the
 *   complainant (or their solicitor or other authorised agent) that the complainant (a) withdraws
 *   the complaint or (b) does not wish any further steps to be taken;
 * - (2) the appropriate authority must record that, and Part 2 of the 2002 Act then ceases to
 *   apply to the complaint (subject to the rest of the regulation);
 * - (3) a complaint referred to the IOPC under Sch 3 para 4(1) (or treated as referred, para 4A)
 *   and not referred back under para 5(2): the appropriate authority must notify the IOPC;
 * - (4) a complaint the appropriate authority knows is under review (Sch 3 para 6A or 25): it
 *   must notify the relevant review body;
 * - (5) in a case within (3), the IOPC must determine whether it is in the public interest for the
 *   complaint to be treated as a recordable conduct matter.
 * The stored copy ends at (5)(a). For the other cases Probity asks the appropriate authority the
 * same public-interest question, for a complaint recorded under Schedule 3 (one handled outside
 * it cannot involve conduct that would justify proceedings) — as reg 41(4) does after a
 * suspension ends: unconfirmed against the text past (5)(a), so it is recorded, never assumed.
 * Without a signed notification, reg 39 applies instead: see the unsigned indication below.
 */
import { z } from 'zod';
import { addCalendarDays, compareIsoDates, type IsoDate } from './civil-date';
import { isoDateSchema } from './calendar';
import type { ReviewBody } from './review-body';

/** Reg 38(1)(a) withdraws the complaint; (1)(b) does not wish any further steps to be taken. */
export const WITHDRAWAL_KINDS = ['withdraws', 'no-further-steps'] as const;
/** Reg 38(1): who signed the notification. */
export const WITHDRAWAL_SIGNERS = ['complainant', 'solicitor', 'authorised-agent'] as const;
/** How the signed notification reached the force. */
export const WITHDRAWAL_RECEIVED_BY = ['post', 'email', 'by-hand', 'online-form'] as const;

export const withdrawalNotificationSchema = z.object({
  kind: z.enum(WITHDRAWAL_KINDS, { error: "kind must be 'withdraws' (C&M reg 38(1)(a)) or 'no-further-steps' (reg 38(1)(b))" }),
  signedBy: z.enum(WITHDRAWAL_SIGNERS, { error: "signedBy must be 'complainant', 'solicitor' or 'authorised-agent': reg 38 needs a signed notification (without one, reg 39 applies)" }),
  receivedOn: isoDateSchema.describe('The London date the signed notification was received'),
  receivedBy: z.enum(WITHDRAWAL_RECEIVED_BY, { error: `receivedBy must be one of ${WITHDRAWAL_RECEIVED_BY.join(', ')}` }),
  /** The appropriate authority's decision, where it is the force's to make (see withdrawalDuties). */
  publicInterest: z
    .object({
      treatAsConductMatter: z.boolean(),
      reason: z.string().trim().min(1, { error: 'publicInterest.reason: say why' }).max(4000),
    })
    .optional(),
});
export type WithdrawalNotification = z.infer<typeof withdrawalNotificationSchema>;

export interface WithdrawalFacts {
  handling: 'schedule-3' | 'outside-schedule-3';
  /** The IOPC's mode decision on a referral, if the complaint was referred and it has decided. */
  iopcDecision?: string;
  /** The review under way, if any (the stage is 'review'). */
  underReviewBy?: ReviewBody;
}

export interface WithdrawalDuties {
  /** Reg 38(3): referred to the IOPC and not returned — tell the IOPC. */
  tellIopc: boolean;
  /** Reg 38(4): under review — tell the review body. */
  tellReviewBody?: ReviewBody;
  /** Who decides whether to treat it as a recordable conduct matter in the public interest; null: nobody has to. */
  publicInterestDecidedBy: 'iopc' | 'appropriate-authority' | null;
}

export function withdrawalDuties(f: WithdrawalFacts): WithdrawalDuties {
  const keptByIopc = f.iopcDecision !== undefined && f.iopcDecision !== 'return-to-force';
  return {
    tellIopc: keptByIopc,
    ...(f.underReviewBy && { tellReviewBody: f.underReviewBy }),
    publicInterestDecidedBy: keptByIopc ? 'iopc' : f.handling === 'schedule-3' ? 'appropriate-authority' : null,
  };
}

/** Stages at which there is no complaint left to withdraw. */
export const NOT_WITHDRAWABLE_STAGES = ['resolved-at-first-contact', 'closed', 'withdrawn', 'retained', 'disposed'] as const;

/** Why this withdrawal may not be recorded now, or null. */
export function withdrawalRefusal(
  n: WithdrawalNotification,
  c: { stage: string; today: IsoDate; receivedOn: IsoDate; duties: WithdrawalDuties },
): string | null {
  if ((NOT_WITHDRAWABLE_STAGES as readonly string[]).includes(c.stage)) return `the complaint is ${c.stage}: there is nothing left to withdraw`;
  if (compareIsoDates(n.receivedOn, c.today) > 0) return `receivedOn: ${n.receivedOn} is in the future`;
  if (compareIsoDates(n.receivedOn, c.receivedOn) < 0) return `receivedOn: ${n.receivedOn} is before the complaint was received (${c.receivedOn})`;
  return publicInterestRefusal(n.publicInterest, c.duties);
}

/** The public-interest decision is the force's to give exactly where the duties say so (reg 38(5) leaves it to the IOPC where it kept the referral). */
function publicInterestRefusal(publicInterest: WithdrawalNotification['publicInterest'], duties: WithdrawalDuties): string | null {
  if (duties.publicInterestDecidedBy === 'iopc' && publicInterest) {
    return 'publicInterest: the complaint was referred to the IOPC and not returned, so the IOPC decides whether to treat it as a recordable conduct matter (C&M reg 38(5)); the force only tells it';
  }
  if (duties.publicInterestDecidedBy === 'appropriate-authority' && !publicInterest) {
    return 'publicInterest: decide whether it is in the public interest to treat the complaint as a recordable conduct matter, with the reason (C&M reg 38)';
  }
  return null;
}

/** Who may record a withdrawal: whoever handles the case now, or the appropriate authority's PSD manager or head of PSD. */
export const mayRecordWithdrawal = (actor: { id: string; role: string }, c: { handlerId?: string }) =>
  actor.id === c.handlerId || ['psd-manager', 'head-of-psd'].includes(actor.role);

/** Whom the portal offers the withdrawal page: PSD and the case's handler (the workflow then applies mayRecordWithdrawal to the assessor or handler). */
export const mayOfferWithdrawal = (actor: { id: string; role: string }, c: { handlerId?: string }) =>
  actor.id === c.handlerId || ['psd-handler', 'psd-investigator', 'psd-manager', 'head-of-psd'].includes(actor.role);

// ── Without a signed notification (C&M reg 39) ───────────────────────────────────────────────
// The stored text of regulation 39 (legislation.gov.uk uksi/2020/2/regulation/39), "Withdrawn
// complaints: no written signed notification":
// - (1) it applies where the complainant "indicates a wish (a) to withdraw the complaint, or (b) that
//   no further steps be taken, but does not provide a notification to that effect signed by" them
//   (or their solicitor or other authorised agent);
// - (2) "The appropriate authority must write to the complainant to determine how the complainant
//   wishes to proceed";
// - (3) the letter "must, unless otherwise determined in guidance issued by the Director General, be
//   sent by recorded delivery";
// - (4) where the complainant "(a) replies confirming the complainant's wish to withdraw … or (b)
//   does not reply within a period of 28 days starting with the day after the day the letter was
//   sent …, the appropriate authority must proceed as if it had received a notification signed by
//   the complainant that the complainant withdraws the complaint".
// A reply saying they wish to go on leaves the complaint running (the regulation makes withdrawal
// follow only from (4)(a) or (b)).

/** Reg 39(4)(b): 28 days starting with the day after the day the letter was sent. */
export const UNSIGNED_WITHDRAWAL_REPLY_DAYS = 28;

/** The last day a reply can come (the 28th day after the letter was sent); withdrawn as if signed from the day after. */
export const unsignedWithdrawalReplyBy = (letterSentOn: IsoDate): IsoDate => addCalendarDays(letterSentOn, UNSIGNED_WITHDRAWAL_REPLY_DAYS);

/** Reg 39(1): how the wish was indicated — anything but a signed notification. */
export const WITHDRAWAL_INDICATED_BY = ['phone', 'in-person', 'email', 'letter', 'online-form', 'other'] as const;

const publicInterestSchema = withdrawalNotificationSchema.shape.publicInterest;

export const withdrawalIndicationSchema = z.object({
  kind: z.enum(WITHDRAWAL_KINDS, { error: "kind must be 'withdraws' (C&M reg 39(1)(a)) or 'no-further-steps' (reg 39(1)(b))" }),
  indicatedOn: isoDateSchema.describe('The London date the complainant indicated the wish'),
  indicatedBy: z.enum(WITHDRAWAL_INDICATED_BY, { error: `indicatedBy must be one of ${WITHDRAWAL_INDICATED_BY.join(', ')}` }),
  /** The force's public-interest decision, given now for when the complaint is withdrawn (reg 39(4) leads to reg 38), where it is the force's. */
  publicInterest: publicInterestSchema,
});
export type WithdrawalIndication = z.infer<typeof withdrawalIndicationSchema>;

/** Reg 39(4)(a): the complainant confirms; or they say they wish the complaint to go on. */
export const WITHDRAWAL_REPLY_ANSWERS = ['confirms-withdrawal', 'wishes-to-continue'] as const;

export const withdrawalReplySchema = z.object({
  answer: z.enum(WITHDRAWAL_REPLY_ANSWERS, { error: "answer must be 'confirms-withdrawal' (C&M reg 39(4)(a)) or 'wishes-to-continue'" }),
  receivedOn: isoDateSchema.describe('The London date the reply was received'),
  receivedBy: z.enum(WITHDRAWAL_RECEIVED_BY, { error: `receivedBy must be one of ${WITHDRAWAL_RECEIVED_BY.join(', ')}` }),
});
export type WithdrawalReply = z.infer<typeof withdrawalReplySchema>;

/** The letter under way: what was indicated, when the letter went, the last day for a reply, and the reply once recorded. */
export interface UnsignedWithdrawal extends WithdrawalIndication {
  letterSentOn: IsoDate;
  replyBy: IsoDate;
  recordedById: string;
  reply?: WithdrawalReply & { recordedById: string };
}

/** Why this indication may not be recorded now, or null. */
export function withdrawalIndicationRefusal(
  i: WithdrawalIndication,
  c: { stage: string; today: IsoDate; receivedOn: IsoDate; duties: WithdrawalDuties; pending?: UnsignedWithdrawal },
): string | null {
  if ((NOT_WITHDRAWABLE_STAGES as readonly string[]).includes(c.stage)) return `the complaint is ${c.stage}: there is nothing left to withdraw`;
  if (c.pending && !c.pending.reply) {
    return `a letter asking the complainant how they wish to proceed was sent on ${c.pending.letterSentOn}; record their reply (or wait: with none by ${c.pending.replyBy} the complaint is withdrawn, C&M reg 39(4)(b))`;
  }
  if (compareIsoDates(i.indicatedOn, c.today) > 0) return `indicatedOn: ${i.indicatedOn} is in the future`;
  if (compareIsoDates(i.indicatedOn, c.receivedOn) < 0) return `indicatedOn: ${i.indicatedOn} is before the complaint was received (${c.receivedOn})`;
  return publicInterestRefusal(i.publicInterest, c.duties);
}

/** Why this reply may not be recorded now, or null. */
export function withdrawalReplyRefusal(r: WithdrawalReply, c: { today: IsoDate; pending?: UnsignedWithdrawal }): string | null {
  if (!c.pending || c.pending.reply) return 'no letter under C&M reg 39(2) is awaiting a reply: record the complainant\'s indication first';
  if (compareIsoDates(r.receivedOn, c.today) > 0) return `receivedOn: ${r.receivedOn} is in the future`;
  if (compareIsoDates(r.receivedOn, c.pending.letterSentOn) < 0) return `receivedOn: ${r.receivedOn} is before the letter was sent (${c.pending.letterSentOn})`;
  return null;
}
