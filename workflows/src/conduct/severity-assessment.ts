// PSD's severity assessment (policy §3.3.1–§3.3.2, §3.3.8), once a formal assessment has been
// requested (§3.3.5): no further action, practice requiring improvement (reflective practice with
// PSD's instructions), misconduct or gross misconduct (investigation). "Management advice" no
// longer exists (§3.3.2): the task's payload refuses it.
import { severityConsequence, type ConductMatterGrounds } from '@probity/shared/domain/index';
import type { ConductMatter } from './matter';

export interface SeverityAssessed {
  assessorId: string;
  next: ReturnType<typeof severityConsequence>['next'];
  /** §3.3.8: PSD's instructions for reflective practice. */
  instructions: string | undefined;
  /** C&M reg 7; Sch 3 para 13(1)(a): what the assessor found the matter appears to involve. */
  grounds: ConductMatterGrounds;
}

export async function assessSeverity(m: ConductMatter): Promise<SeverityAssessed> {
  const { cw } = m;
  const assessor = m.allocated(m.input.psdAssessorId, 'a PSD assessor');
  await cw.audit(m.formalRequest!.byId, 'formal-assessment-accepted', { basis: '§3.3.5', via: m.formalRequest!.via });
  const assessmentDue = m.due(Date.now(), m.timetable.severityAssessment);
  cw.state.lead = assessor;
  await cw.moveTo('severity-assessment', { due: assessmentDue });
  const assessment = await m.taskDone(await m.open('severity-assessment', assessor, assessmentDue));
  m.severity = assessment.outcome;
  const consequence = severityConsequence(assessment.outcome);
  await cw.audit('system', 'severity-assessed', { outcome: assessment.outcome, next: consequence.next });
  return { assessorId: assessor, next: consequence.next, instructions: assessment.instructions, grounds: { deathOrSeriousInjury: assessment.deathOrSeriousInjury, reg7: assessment.reg7 } };
}
