// A conduct matter's whole life (DOMAIN.md "Conduct matter"; policy §3.3): triage of the
// supervisor's concern (./triage.ts), PSD's severity assessment (./severity-assessment.ts),
// disciplinary proceedings (./proceedings.ts), reflective practice (./reflective-practice.ts),
// closure and retention. The matter's state and every handler are in ./matter.ts.
// The officer's RPRP account never enters this workflow (§3.3.9): it is sealed in Postgres.
import { patched } from '@temporalio/workflow';
import { conductInvestigatorAfterIopc, mustReferConductMatter } from '@probity/shared/domain/index';
import { POLICE_STAFF_PROCEDURE, RECORDABLE_CONDUCT, type ConductInput, type ConductState } from './contract';
import { iopcInvestigation, recordAndRefer } from './iopc-referral';
import { ConductMatter } from './matter';
import { proceedings } from './proceedings';
import { reflectivePractice } from './reflective-practice';
import { assessSeverity } from './severity-assessment';
import { staffProcedure } from './staff-procedure';
import { isPoliceStaff } from './staff-rules';
import { handleLocally, triage } from './triage';

export async function conduct(input: ConductInput): Promise<ConductState> {
  const m = new ConductMatter(input);
  m.register();
  m.cw.syncSearchAttributes();

  // §3.3.4–§3.3.7: local reflective practice, or on to PSD.
  if ((await triage(m)) === 'local') return handleLocally(m);

  // §3.3.1–§3.3.2, §3.3.8: PSD decides how serious it is.
  const assessed = await assessSeverity(m);
  const told = [...m.supervisor, { personId: assessed.assessorId }];
  const staff = isPoliceStaff(input.subject.person);

  // C&M reg 7; Sch 3 paras 11–13: a recordable matter is recorded and, where it must be, referred to
  // the IOPC, whose mode decision drives what follows. (Staff are persons serving with the police too.)
  const referral = mustReferConductMatter(assessed.grounds);
  if (referral.record && patched(RECORDABLE_CONDUCT)) {
    const decision = await recordAndRefer(m, referral);
    if (decision !== undefined) {
      const after = conductInvestigatorAfterIopc(decision);
      await m.cw.audit('system', 'iopc-decision-followed', { decision, investigatedBy: after.investigatedBy, basis: 'PRA 2002 Sch 3 para 15' });
      if (after.investigatedBy === 'iopc') {
        await iopcInvestigation(m);
        return staff ? staffProcedure(m, told) : proceedings(m, { investigatedByIopc: true });
      }
      // Local or directed: the force investigates, whatever the severity assessment said.
      if (after.mustInvestigate) return staff ? staffProcedure(m, told) : proceedings(m);
      // Returned to the force: handled as assessed.
    }
  }

  if (assessed.next === 'close') return m.close('no-further-action', told);
  // Police staff are not subject to the Conduct Regulations: the staff procedure, never Part 3 or 6.
  if (staff && patched(POLICE_STAFF_PROCEDURE)) return staffProcedure(m, told);
  if (assessed.next === 'reflective-practice-review') {
    await reflectivePractice(m, 'psd', assessed.instructions);
    return m.close('practice-requiring-improvement', told);
  }

  // Misconduct or gross misconduct: investigation and proceedings.
  return proceedings(m);
}
