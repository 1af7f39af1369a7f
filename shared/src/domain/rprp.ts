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
