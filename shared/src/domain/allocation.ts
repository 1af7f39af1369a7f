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

export type Exclusion = 'inactive' | 'wrong-role' | 'at-capacity' | 'same-team' | 'same-division';

const EXCLUSION_TEXT: Record<Exclusion, string> = {
  inactive: 'inactive',
  'wrong-role': 'not in an eligible role',
  'at-capacity': 'at capacity',
  'same-team': "in a subject officer's team (conflict of interest)",
  'same-division': "in a subject officer's division (conflict of interest, §3.2.4)",
};

/** Why a candidate may not take the case, or null if they may. First reason wins. */
export function exclusionOf(candidate: AllocationCandidate, request: AllocationRequest): Exclusion | null {
  if (!candidate.active) return 'inactive';
  if (request.roles && !request.roles.includes(candidate.role)) return 'wrong-role';
  if (candidate.capacity !== undefined && candidate.openCaseCount >= candidate.capacity) return 'at-capacity';
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
