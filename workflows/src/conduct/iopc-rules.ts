// Who may record the IOPC's decision on a referred conduct matter, and when (Sch 3 paras 13–15;
// C&M reg 7). Pure; the recordIopcDecision update's validator calls it.
import { isPsd, type Actor } from '@probity/shared/auth';
import { CONDUCT_IOPC_DECISIONS } from '@probity/shared/domain/index';
import type { RecordableConduct } from './contract';

/** The refusal's reason, or null when the decision may be recorded. */
export function iopcDecisionRefusal(
  recordable: RecordableConduct | undefined,
  stage: string,
  r: { actor: Pick<Actor, 'id' | 'role'>; decision: unknown; iopcReference: unknown },
): string | null {
  if (!isPsd(r.actor)) return `only PSD, acting for the appropriate authority, records the IOPC's decision; ${r.actor.id} is ${r.actor.role}`;
  if (!recordable) return 'the matter has not been recorded as a recordable conduct matter (C&M reg 7): there is no IOPC referral, so no IOPC decision to record';
  if (!recordable.mustRefer) return 'the matter was recorded (C&M reg 7(1)(f)) but not referred to the IOPC (Sch 3 para 13(2) left it to the appropriate authority): there is no IOPC decision to record';
  if (recordable.iopcDecision) return `the IOPC's decision (${recordable.iopcDecision.decision}) was already recorded on ${recordable.iopcDecision.recordedOn} by ${recordable.iopcDecision.byId}`;
  if (!recordable.referredOn || stage !== 'iopc-decision') return 'the matter has not been referred to the IOPC yet (Sch 3 para 13): complete the IOPC referral task first';
  if (typeof r.decision !== 'string' || !(CONDUCT_IOPC_DECISIONS as readonly string[]).includes(r.decision)) {
    return `decision: the IOPC's decision, one of: ${CONDUCT_IOPC_DECISIONS.join(', ')} (Sch 3 paras 14–15)`;
  }
  if (typeof r.iopcReference !== 'string' || r.iopcReference.trim() !== recordable.iopcReference) {
    return `iopcReference: give the IOPC reference of this matter's referral (${recordable.iopcReference})`;
  }
  return null;
}
