/**
 * May this person read this case? (DOMAIN.md "Access, conflicts and the complaint's route".)
 * One pure rule for every API and page that shows a case, in this order:
 * 1. a restricted case (serious corruption) exists only for the counter-corruption unit, the head
 *    of PSD and whoever it was assigned to: for everyone else it is "not found";
 * 2. nobody reads a case about themselves or their own team, PSD included (conflict of interest);
 * 3. PSD read every (unrestricted) case;
 * 4. whoever works on it (assignee, a task on it), recorded it at first contact or raised it;
 * 5. a divisional lead reads the cases allocated to their division, and only those;
 * 6. the review body's reviewers read a case under review by their body;
 * 7. nobody else.
 * The caller audits the read when `audit` is true (every read of a restricted case).
 */
import { conflictOfInterest, type CaseSubjectRef } from './conflicts';
import { mayWorkRestrictedCases } from './restricted';
import { reviewBodyOfReviewer, type ReviewBody } from './review-body';

export interface CaseViewer {
  id: string;
  role: string;
  team: string;
  division: string;
}

export interface CaseAccessFacts {
  kind: 'complaint' | 'conduct';
  restricted: boolean;
  subjects: readonly CaseSubjectRef[];
  /** The division the case is allocated to (handling by a division, §3.2.4). */
  allocatedDivision?: string | null;
  assigneeId?: string | null;
  recordedById?: string | null;
  /** Conduct matters: the supervisor who raised it. */
  raisedById?: string | null;
  /** Everyone who has (or had) a task on the case. */
  taskAssigneeIds?: readonly string[];
  /** The body reviewing it, while a review is open or decided. */
  reviewBody?: ReviewBody | null;
}

/** PSD roles, repeated here so the domain stays free of the auth module (see shared/src/auth.ts PSD_ROLES). */
const PSD_ROLES = ['psd-handler', 'psd-investigator', 'psd-manager', 'head-of-psd'];

export type CaseReadDecision =
  | { allowed: true; basis: string; audit: boolean }
  | { allowed: false; status: 403 | 404; reason: string; audit: boolean; refusal: CaseReadRefusal };

/**
 * Why a read was refused. 'restricted' and 'conflict' bar the person from the case altogether (no
 * list, task or action shows it to them); 'need-to-know' only from its record — the manager of an
 * assignee still sees and works the assignee's task.
 */
export type CaseReadRefusal = 'restricted' | 'conflict' | 'need-to-know';

const NOT_FOUND = 'no such case';

export function mayReadCase(viewer: CaseViewer, c: CaseAccessFacts): CaseReadDecision {
  const audit = c.restricted;
  const works = viewer.id === c.assigneeId || (c.taskAssigneeIds ?? []).includes(viewer.id);

  if (c.restricted && !mayWorkRestrictedCases(viewer) && viewer.id !== c.assigneeId) {
    return { allowed: false, status: 404, reason: NOT_FOUND, audit, refusal: 'restricted' };
  }
  // The policy gives a conduct matter to the subject's line management (§3.3.3–§3.3.7): the raiser
  // and people with a task on it read it; the subject themself never does through this rule.
  const lineManagement = c.kind === 'conduct' && (viewer.id === c.raisedById || works);
  const conflict = conflictOfInterest(viewer, c.subjects, { lineManagementDuty: lineManagement });
  if (conflict) {
    return c.restricted
      ? { allowed: false, status: 404, reason: NOT_FOUND, audit, refusal: 'conflict' }
      : { allowed: false, status: 403, reason: `conflict of interest: you are ${conflict.reason}, and nobody reads a case about themselves or their own team`, audit, refusal: 'conflict' };
  }
  if (c.restricted) return { allowed: true, basis: 'restricted: counter-corruption unit, head of PSD or assignee', audit };
  if (PSD_ROLES.includes(viewer.role)) return { allowed: true, basis: 'PSD', audit };
  if (works) return { allowed: true, basis: 'works on the case', audit };
  if (viewer.id === c.recordedById) return { allowed: true, basis: 'recorded it', audit };
  if (c.kind === 'conduct' && viewer.id === c.raisedById) return { allowed: true, basis: 'raised it', audit };
  if (viewer.role === 'divisional-lead' && c.allocatedDivision != null && c.allocatedDivision === viewer.division) {
    return { allowed: true, basis: `divisional lead of ${viewer.division}, the division it is allocated to`, audit };
  }
  const body = reviewBodyOfReviewer(viewer);
  if (body !== null && c.reviewBody === body) return { allowed: true, basis: `reviewer for the ${body}`, audit };
  return { allowed: false, status: 403, reason: 'only PSD, the people working on a case, and the divisional lead of the division it is allocated to may read it', audit, refusal: 'need-to-know' };
}
