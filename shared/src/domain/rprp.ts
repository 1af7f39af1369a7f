/**
 * Reflective practice review process (RPRP, §3.3.8–§3.3.9, Conduct reg 70). It is not a
 * disciplinary outcome and no bar to promotion, and the officer's account given in it may not
 * be used in disciplinary proceedings about the same matter — so its records are sealed from
 * anyone working on proceedings for that matter. The review date is rprpReviewDue (deadlines).
 */
import type { Permission } from './ranks';

export interface RprpRecordRef {
  /** The conduct matter the RPRP was directed for. */
  matterId: string;
}

/**
 * Everyone with a part in disciplinary proceedings about a matter (DOMAIN.md "§3.3.9 sealing"),
 * assigned or acting: each is recorded (ConductProceedingsRole) and each is refused the sealed read.
 */
export const PROCEEDINGS_ROLES = [
  'appropriate-authority',
  'severity-assessor',
  'investigator',
  'officer-response-recorder',
  'referral-decision-maker',
  'presiding-officer',
  'panel-member',
  'appeal-recorder',
  'appeal-chair',
] as const;
export type ProceedingsRole = (typeof PROCEEDINGS_ROLES)[number];

/** The proceedings role a conduct task gives its assignee and whoever completes it; null for other tasks. */
const ROLE_OF_TASK: Record<string, ProceedingsRole> = {
  'severity-assessment': 'severity-assessor',
  'investigation-notice': 'investigator',
  'investigation-report': 'investigator',
  'referral-decision': 'referral-decision-maker',
  'proceedings-outcome': 'presiding-officer',
  appeal: 'appeal-chair',
  'long-running-report': 'appropriate-authority',
};

export function proceedingsRoleOfTask(conductTaskType: string): ProceedingsRole | null {
  return Object.hasOwn(ROLE_OF_TASK, conductTaskType) ? ROLE_OF_TASK[conductTaskType]! : null;
}

export interface RprpViewer {
  /** Matters on whose disciplinary proceedings this person works (investigator, panel, presenter…). */
  proceedingsMatterIds: readonly string[];
}

/** §3.3.9 seal. Other access rules (role, need to know) are checked elsewhere. */
export function canViewRprpRecord(viewer: RprpViewer, record: RprpRecordRef): Permission {
  if (viewer.proceedingsMatterIds.includes(record.matterId)) {
    return {
      allowed: false,
      reason:
        `Reflective practice records for matter ${record.matterId} are sealed from anyone working on ` +
        'disciplinary proceedings about the same matter: the officer’s account may not be used in them (§3.3.9).',
    };
  }
  return { allowed: true };
}

/** §3.3.9: RPRP is not a disciplinary outcome and cannot bar promotion. */
export const RPRP_IS_DISCIPLINARY_OUTCOME = false;
export const RPRP_BARS_PROMOTION = false;
