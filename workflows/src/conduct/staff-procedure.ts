// A matter about a member of police staff after PSD's severity assessment (./staff-rules.ts):
// the appropriate authority's outcome under the police-staff misconduct procedure, then — for a
// warning or dismissal — the staff appeal window and appeal. Never the Conduct Regulations'
// investigation notice, meeting, hearing, outcome report or Police Appeals Tribunal.
import { patched } from '@temporalio/workflow';
import { addDuration, deadlineAtEndOf } from '@probity/shared/domain/index';
import type { Recipient } from '@probity/shared/events/schemas';
import { conditionUntil, nowIso, today } from '../casework/clock';
import { STAFF_OUTCOME_RECORDED, type ConductState } from './contract';
import { acts, type ConductMatter } from './matter';
import { APPEALABLE_STAFF_OUTCOMES, STAFF_APPEAL_PERIOD, STAFF_OUTCOME_PERIOD } from './staff-rules';

export async function staffProcedure(m: ConductMatter, told: Recipient[]): Promise<ConductState> {
  const { cw, input } = m;
  const authority = m.allocated(input.appropriateAuthorityId, 'a PSD manager for the police-staff misconduct procedure');
  m.procedure = 'police-staff';
  await cw.audit('system', 'police-staff-procedure', { basis: 'police staff are not subject to the Police (Conduct) Regulations 2020' });
  const due = m.due(Date.now(), STAFF_OUTCOME_PERIOD);
  cw.state.lead = authority;
  await cw.moveTo('staff-misconduct-procedure', { due });
  const decided = await m.taskDone(await m.open('staff-misconduct-outcome', authority, due));
  m.staffOutcome = decided.outcome;
  const outcomeOn = today();
  await cw.audit(authority, 'staff-outcome-decided', { outcome: decided.outcome });

  if (APPEALABLE_STAFF_OUTCOMES.includes(decided.outcome)) {
    const closes = deadlineAtEndOf(addDuration(today(), STAFF_APPEAL_PERIOD, m.cal));
    m.appealWindowClosesOn = closes.dueOn;
    m.appealRoute = 'police-staff-appeal';
    await cw.moveTo('staff-appeal-window', { due: closes });
    await conditionUntil(() => m.appeal !== undefined, closes.dueAtMs);
    if (m.appeal !== undefined) {
      const chair = await cw.headOfPsd();
      await acts.recordProceedingsRole({ caseId: input.caseId, personId: chair, role: 'appeal-chair', at: nowIso() });
      const appealDue = m.due(Date.now(), m.timetable.appealDecision);
      cw.state.lead = chair;
      await cw.moveTo('staff-appeal', { due: appealDue });
      const result = await m.taskDone(await m.open('staff-appeal', chair, appealDue));
      m.appeal.result = result.result;
      if (result.result === 'outcome-varied') m.staffOutcome = result.outcome!;
      if (result.result === 'outcome-overturned') m.staffOutcome = 'no-case-to-answer';
      await cw.audit(chair, 'staff-appeal-decided', { result: result.result });
    }
  }
  // The record the statistics and lessons read (not the officers' publication): the outcome after any appeal, the matter finalised.
  if (patched(STAFF_OUTCOME_RECORDED)) {
    await acts.recordStaffOutcome({
      caseId: input.caseId, ref: input.ref, outcomeOn, outcome: m.staffOutcome!, decidedOutcome: decided.outcome,
      appealResult: m.appeal?.result ?? null, standards: input.standards.map((s) => s.standard), at: nowIso(),
    });
  }
  return m.close(`police-staff:${m.staffOutcome}`, [...told, { personId: authority }]);
}
