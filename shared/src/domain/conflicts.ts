/**
 * No one works on their own case (DOMAIN.md "Conflicts of interest"): nobody records, is assigned,
 * handles, assesses, decides or reads a case about themselves or their own team — PSD staff
 * included. §3.2.4's "not the subject's division" when allocating to a division is one instance of
 * the general rule, applied by allocation on top of this one.
 *
 * The policy itself gives a conduct matter to the subject's own line management at triage (the
 * supervisor raises it, §3.3.4 their chief inspector discusses it, §3.3.3/§3.3.7 the line manager
 * holds reflective practice): for those duties only the subject themself is excluded — see
 * LINE_MANAGEMENT_DUTIES and conflictOfInterest's `lineManagementDuty`.
 */
import type { Permission } from './ranks';

/** Whom a case is about, as far as it is known: a person, a team, a division. */
export interface CaseSubjectRef {
  personId?: string;
  team?: string;
  division?: string;
}

/** Someone who would work on the case. */
export interface CaseWorker {
  id: string;
  team: string;
}

/** Why, in words for the person reading the refusal (no internal ids): completes "someone who is …". */
export type Conflict = { kind: 'subject' | 'same-team'; reason: string };

/** A team id as people say it: 'north-response' → 'north response', 'psd' → 'PSD'. */
const teamInWords = (team: string) => team.split('-').map((w) => (w === 'psd' ? 'PSD' : w)).join(' ');

/** Each kind of work, as "This case cannot be … someone". */
const WORK_IN_WORDS: Record<CaseWork, string> = {
  record: 'recorded by',
  'be assigned': 'assigned to',
  handle: 'handled by',
  assess: 'assessed by',
  decide: 'decided by',
  read: 'read by',
  review: 'reviewed by',
};

/** What someone would do on the case, for the wording of a refusal. */
export type CaseWork = 'record' | 'be assigned' | 'handle' | 'assess' | 'decide' | 'read' | 'review';

/** Conduct tasks the policy gives to the subject's line management (§3.3.3, §3.3.4, §3.3.7; Conduct reg 70). */
export const LINE_MANAGEMENT_DUTIES = ['chief-inspector-discussion', 'reflective-discussion', 'development-report', 'development-action', 'rprp-review'] as const;

/** The conflict that bars `worker` from a case about `subjects`, or null. */
export function conflictOfInterest(
  worker: CaseWorker,
  subjects: readonly CaseSubjectRef[],
  opts: { lineManagementDuty?: boolean } = {},
): Conflict | null {
  if (subjects.some((s) => s.personId !== undefined && s.personId === worker.id)) {
    return { kind: 'subject', reason: 'one of its subjects' };
  }
  if (opts.lineManagementDuty !== true && subjects.some((s) => s.team !== undefined && s.team === worker.team)) {
    return { kind: 'same-team', reason: `in the ${teamInWords(worker.team)} team, the team of one of its subjects` };
  }
  return null;
}

/** Permission for `worker` to do `work` on a case about `subjects`, with the rule's reason when refused. */
export function mayWorkOnCase(worker: CaseWorker, subjects: readonly CaseSubjectRef[], work: CaseWork, opts: { lineManagementDuty?: boolean } = {}): Permission {
  const conflict = conflictOfInterest(worker, subjects, opts);
  if (!conflict) return { allowed: true };
  return {
    allowed: false,
    reason: `This case cannot be ${WORK_IN_WORDS[work]} someone who is ${conflict.reason}: nobody works on a case about themselves or their own team, PSD included (conflict of interest)`,
  };
}
