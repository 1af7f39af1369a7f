/**
 * Who handles a case (DOMAIN.md "allocation", §3.2.4): the eligible candidate with the least
 * open work, ties broken by id so every replay picks the same person. Conflicts of interest
 * exclude a candidate outright; they are never traded off against workload.
 */
import { z } from 'zod';

export const allocationCandidateSchema = z.object({
  id: z.string().min(1),
  team: z.string().min(1),
  division: z.string().min(1),
  /** e.g. 'psd-investigator', 'divisional-lead'. */
  role: z.string().min(1),
  openCaseCount: z.number().int().nonnegative(),
  /** Most open cases this person may hold; absent means no cap. */
  capacity: z.number().int().nonnegative().optional(),
  active: z.boolean(),
});
export type AllocationCandidate = z.infer<typeof allocationCandidateSchema>;

export const subjectOfficerSchema = z.object({
  personId: z.string().min(1).optional(),
  team: z.string().min(1).optional(),
  division: z.string().min(1).optional(),
});
export type SubjectOfficer = z.infer<typeof subjectOfficerSchema>;

export const allocationRequestSchema = z.object({
  /** The officers or staff complained about; a service complaint may have none. */
  subjects: z.array(subjectOfficerSchema),
  /** Only these roles are eligible (e.g. ['divisional-lead'] for §3.2.4); absent: any role. */
  roles: z.array(z.string().min(1)).optional(),
  /** §3.2.4 conflict flag: never allocate within a subject officer's own division. */
  excludeSubjectDivisions: z.boolean().optional(),
});
export type AllocationRequest = z.infer<typeof allocationRequestSchema>;

export type AllocationResult =
  | { ok: true; assignee: AllocationCandidate; reason: string }
  | { ok: false; reason: string };

export type Exclusion = 'inactive' | 'wrong-role' | 'at-capacity' | 'is-subject' | 'same-team' | 'same-division';

const EXCLUSION_TEXT: Record<Exclusion, string> = {
  inactive: 'inactive',
  'wrong-role': 'not in an eligible role',
  'at-capacity': 'at capacity',
  'is-subject': 'a subject of the case (conflict of interest)',
  'same-team': "in a subject officer's team (conflict of interest)",
  'same-division': "in a subject officer's division (conflict of interest, §3.2.4)",
};

/** Why a candidate may not take the case, or null if they may. First reason wins. */
export function exclusionOf(candidate: AllocationCandidate, request: AllocationRequest): Exclusion | null {
  if (!candidate.active) return 'inactive';
  if (request.roles && !request.roles.includes(candidate.role)) return 'wrong-role';
  if (candidate.capacity !== undefined && candidate.openCaseCount >= candidate.capacity) return 'at-capacity';
  if (request.subjects.some((s) => s.personId !== undefined && s.personId === candidate.id)) return 'is-subject';
  if (request.subjects.some((s) => s.team !== undefined && s.team === candidate.team)) return 'same-team';
  if (
    request.excludeSubjectDivisions === true &&
    request.subjects.some((s) => s.division !== undefined && s.division === candidate.division)
  ) {
    return 'same-division';
  }
  return null;
}

/** Least open workload first, then id by code unit (not locale) so the order is stable everywhere. */
export function compareForAllocation(a: AllocationCandidate, b: AllocationCandidate): number {
  if (a.openCaseCount !== b.openCaseCount) return a.openCaseCount - b.openCaseCount;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function allocate(candidates: readonly AllocationCandidate[], request: AllocationRequest): AllocationResult {
  const excluded = new Map<Exclusion, number>();
  const eligible: AllocationCandidate[] = [];
  for (const c of candidates) {
    const why = exclusionOf(c, request);
    if (why) excluded.set(why, (excluded.get(why) ?? 0) + 1);
    else eligible.push(c);
  }
  const summary = [...excluded.entries()].map(([why, n]) => `${n} ${EXCLUSION_TEXT[why]}`).join(', ');

  const [assignee, runnerUp] = [...eligible].sort(compareForAllocation);
  if (!assignee) {
    return {
      ok: false,
      reason:
        candidates.length === 0
          ? 'No eligible candidate: no candidates were offered'
          : `No eligible candidate among ${candidates.length}: ${summary}`,
    };
  }
  const tie = runnerUp !== undefined && runnerUp.openCaseCount === assignee.openCaseCount;
  return {
    ok: true,
    assignee,
    reason:
      `Least open workload (${assignee.openCaseCount} open cases) among ${eligible.length} eligible` +
      (tie ? '; tie broken by id' : '') +
      (summary ? `; excluded: ${summary}` : ''),
  };
}

/** One pool of candidates tried in turn (e.g. the PSD handlers, then the rest of PSD). */
export interface AllocationTier {
  label: string;
  candidates: readonly AllocationCandidate[];
  /** §3.2.4 for this pool: never within a subject's division. */
  excludeSubjectDivisions?: boolean;
}

export type TieredAllocation =
  | { ok: true; assignee: AllocationCandidate; reason: string; escalated: boolean }
  | { ok: false; reason: string };

/**
 * Who takes a case when nobody may be left out for a conflict of interest (DOMAIN.md "Conflicts
 * of interest"): the first tier with an eligible candidate (least work, then id); when no tier has
 * one, the case is escalated up `escalation` (the head of PSD, then their line management) to the
 * first active person free of the conflict — never left unallocated while someone is free of it.
 */
export function allocateInTiers(tiers: readonly AllocationTier[], request: AllocationRequest, escalation: readonly AllocationCandidate[]): TieredAllocation {
  const why: string[] = [];
  for (const tier of tiers) {
    const result = allocate(tier.candidates, tier.excludeSubjectDivisions === undefined ? request : { ...request, excludeSubjectDivisions: tier.excludeSubjectDivisions });
    if (result.ok) return { ok: true, assignee: result.assignee, reason: `${tier.label}: ${result.reason}`, escalated: false };
    why.push(`${tier.label}: ${result.reason}`);
  }
  const nobody = why.join('; ') || 'no pool of candidates';
  for (const person of escalation) {
    const bar = exclusionOf(person, { subjects: request.subjects, excludeSubjectDivisions: false });
    if (bar === null) {
      return { ok: true, assignee: person, escalated: true, reason: `Escalated to ${person.id} (${person.role}): nobody else may take it (${nobody})` };
    }
  }
  return { ok: false, reason: `Nobody may take the case, not even by escalation: ${nobody}` };
}
