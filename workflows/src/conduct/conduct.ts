// A conduct matter's whole life (DOMAIN.md "Conduct matter"; policy §3.3): triage of the
// supervisor's concern (./triage.ts), PSD's severity assessment (./severity-assessment.ts),
// disciplinary proceedings (./proceedings.ts), reflective practice (./reflective-practice.ts),
// closure and retention. The matter's state and every handler are in ./matter.ts.
// The officer's RPRP account never enters this workflow (§3.3.9): it is sealed in Postgres.
import { patched } from '@temporalio/workflow';
import { POLICE_STAFF_PROCEDURE, type ConductInput, type ConductState } from './contract';
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
  if (assessed.next === 'close') return m.close('no-further-action', told);
  // Police staff are not subject to the Conduct Regulations: the staff procedure, never Part 3 or 6.
  if (isPoliceStaff(input.subject.person) && patched(POLICE_STAFF_PROCEDURE)) return staffProcedure(m, told);
  if (assessed.next === 'reflective-practice-review') {
    await reflectivePractice(m, 'psd', assessed.instructions);
    return m.close('practice-requiring-improvement', told);
  }

  // Misconduct or gross misconduct: investigation and proceedings.
  return proceedings(m);
}
