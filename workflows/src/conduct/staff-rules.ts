// Police staff are not subject to the Police (Conduct) Regulations 2020: they apply to "police
// officers" (members of a police force and special constables), not to staff employed by the
// chief officer or the local policing body. A matter about a member of staff follows the force's
// police-staff misconduct procedure instead — modelled simply here: one outcome decision by the
// appropriate authority (PSD manager), and an internal appeal against a warning or dismissal. Pure
// rules; the workflow (./staff-procedure.ts) and its validators call them.
import type { Duration, Person } from '@probity/shared/domain/index';
import { TaskRefusal } from '../casework/task-rules';

/** The procedure a matter follows: the Conduct Regulations for officers, the staff procedure for staff. */
export type Procedure = 'conduct-regulations' | 'police-staff';

/** The police-staff procedure's outcomes, least to most serious. */
export const STAFF_OUTCOMES = ['no-case-to-answer', 'management-action', 'first-written-warning', 'final-written-warning', 'dismissal'] as const;
export type StaffOutcome = (typeof STAFF_OUTCOMES)[number];

/** Only the formal sanctions carry an appeal; management action and no case to answer do not. */
export const APPEALABLE_STAFF_OUTCOMES: readonly StaffOutcome[] = ['first-written-warning', 'final-written-warning', 'dismissal'];

export const STAFF_APPEAL_RESULTS = ['dismissed', 'outcome-varied', 'outcome-overturned'] as const;

/** *default*, force practice: the outcome decision after the severity assessment. */
export const STAFF_OUTCOME_PERIOD: Duration = { workingDays: 20 };
/** *default*, force practice: written notice of appeal within 10 working days of the outcome. */
export const STAFF_APPEAL_PERIOD: Duration = { workingDays: 10 };

export const isPoliceStaff = (person: Person): boolean => person.kind === 'staff';

export const procedureFor = (person: Person): Procedure => (isPoliceStaff(person) ? 'police-staff' : 'conduct-regulations');

/** The reason a Conduct Regulations step is refused for a member of police staff. */
export function notForPoliceStaff(step: string, person: Person): string {
  const grade = person.kind === 'staff' ? ` (grade ${person.grade})` : '';
  return (
    `the subject is a member of police staff${grade}, who is not subject to the Police (Conduct) Regulations 2020 (they apply to police officers): ` +
    `there is no ${step}; the matter follows the police-staff misconduct procedure (its own outcome and appeal)`
  );
}

/** An appeal may vary an outcome only to a lesser formal one, and only an appealable outcome is appealed. */
export function checkStaffAppeal(decided: StaffOutcome, result: (typeof STAFF_APPEAL_RESULTS)[number], varied: StaffOutcome | undefined): void {
  if (result !== 'outcome-varied') return;
  if (varied === undefined) throw new TaskRefusal('outcome: give the varied outcome');
  if (STAFF_OUTCOMES.indexOf(varied) >= STAFF_OUTCOMES.indexOf(decided)) {
    throw new TaskRefusal(`outcome: an appeal may vary ${decided} only to a lesser outcome, not ${varied}`);
  }
}
