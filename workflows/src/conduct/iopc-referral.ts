// A recordable conduct matter (PRA 2002 Sch 3 paras 10–13; C&M reg 7; the rule is
// mustReferConductMatter in shared/src/domain/recordable-conduct.ts): recorded under Schedule 3,
// referred to the IOPC within the referral period, and handled as the IOPC's mode decision says
// (Sch 3 paras 14–15) — recorded by PSD through the recordIopcDecision update (./matter.ts).
import { condition } from '@temporalio/workflow';
import { iopcReferralDue, type ConductReferral, type IopcModeDecision } from '@probity/shared/domain/index';
import { nowIso, today } from '../casework/clock';
import { acts, type ConductMatter } from './matter';

/** Records the matter; when it must be referred, refers it and waits for the IOPC's decision (undefined when not referred). */
export async function recordAndRefer(m: ConductMatter, referral: ConductReferral): Promise<IopcModeDecision | undefined> {
  const { cw } = m;
  m.recordable = { recordedOn: today(), reasons: referral.reasons, mustRefer: referral.refer };
  await cw.audit('system', 'conduct-matter-recorded', { basis: 'PRA 2002 Sch 3 para 11; C&M reg 7', reasons: referral.reasons.map((r) => r.code), mustRefer: referral.refer });
  if (!referral.refer) return undefined;

  // Sch 3 para 13(4): "within such period as may be provided for by regulations" — from the day it became clear (the assessment).
  const authority = m.allocated(m.input.appropriateAuthorityId, 'an appropriate authority to refer the matter to the IOPC');
  const due = iopcReferralDue(Date.now(), m.cal, m.sla);
  cw.state.lead = authority;
  await cw.moveTo('iopc-referral', { due });
  const referred = await m.taskDone(await m.open('iopc-referral', authority, due));
  m.recordable.referredOn = referred.referredOn;
  m.recordable.iopcReference = referred.iopcReference;
  await cw.audit(authority, 'referred-to-iopc', { basis: 'PRA 2002 Sch 3 para 13(1); C&M reg 7', referredOn: referred.referredOn });

  // The IOPC decides; it keeps no clock of ours. PSD records the decision when it arrives.
  await cw.moveTo('iopc-decision');
  await condition(() => m.recordable?.iopcDecision !== undefined);
  const { decision, iopcReference } = m.recordable.iopcDecision!;
  // The case record the IOPC's figures read, as for a referred complaint.
  await acts.recordIopcDecision({ caseId: m.input.caseId, at: nowIso(), iopcReference, decision });
  return decision;
}

/** Sch 3 para 19: the IOPC investigates independently; the appropriate authority records its report. */
export async function iopcInvestigation(m: ConductMatter): Promise<void> {
  const { cw } = m;
  const authority = m.allocated(m.input.appropriateAuthorityId, 'an appropriate authority');
  // *default*: the force's own investigation period, as a reminder to chase the IOPC's report.
  const due = m.due(Date.now(), m.timetable.investigationReport);
  await cw.moveTo('iopc-investigation', { due });
  const outcome = await m.taskDone(await m.open('iopc-investigation-outcome', authority, due));
  m.recordable!.iopcOutcome = outcome.summary;
  await cw.audit(authority, 'iopc-investigation-reported', { basis: 'PRA 2002 Sch 3 para 19', reportReceivedOn: outcome.reportReceivedOn });
}
