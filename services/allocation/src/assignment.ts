import { allocate, type AllocationCandidate, type AllocationRequest } from '@probity/shared/domain/index';
import type { Db } from '@probity/shared/db/client';

// Who takes a case: the candidates of one role with their open workload, loaded from Postgres,
// then the pure allocation rule (shared/src/domain/allocation.ts) chooses among them.

export interface PersonRow {
  id: string;
  role: string;
  team: string;
  division: string;
  active: boolean;
}

export interface Choice {
  assignee: AllocationCandidate;
  reason: string;
}

/** No one may take the case. Not permanent: people can be added or freed, so it is retried. */
export class NoCandidateError extends Error {}

/** Candidates with their open workload: open tasks assigned to them plus open cases assigned to them. */
export function toCandidates(
  people: readonly PersonRow[],
  openTasks: ReadonlyMap<string, number>,
  openCases: ReadonlyMap<string, number>,
): AllocationCandidate[] {
  return people.map((p) => ({
    id: p.id,
    role: p.role,
    team: p.team,
    division: p.division,
    active: p.active,
    openCaseCount: (openTasks.get(p.id) ?? 0) + (openCases.get(p.id) ?? 0),
  }));
}

/** allocate(), or a NoCandidateError that says who was asked for and why nobody qualified. */
export function pickAssignee(candidates: readonly AllocationCandidate[], role: string, request: AllocationRequest): Choice {
  const result = allocate(candidates, { ...request, roles: [role] });
  if (!result.ok) throw new NoCandidateError(`no active ${role} can take the case: ${result.reason}`);
  return { assignee: result.assignee, reason: result.reason };
}

const countsByAssignee = (rows: { assigneeId: string | null; _count: { _all: number } }[]) =>
  new Map(rows.flatMap((r) => (r.assigneeId ? [[r.assigneeId, r._count._all] as const] : [])));

/** Every active person of the role, with their open workload. */
export async function loadCandidates(db: Db, role: string): Promise<AllocationCandidate[]> {
  const people = await db.person.findMany({
    where: { role, active: true },
    select: { id: true, role: true, team: true, division: true, active: true },
  });
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  const [tasks, cases] = await Promise.all([
    db.task.groupBy({ by: ['assigneeId'], where: { assigneeId: { in: ids }, completedAt: null }, _count: { _all: true } }),
    db.case.groupBy({ by: ['assigneeId'], where: { assigneeId: { in: ids }, closedAt: null }, _count: { _all: true } }),
  ]);
  return toCandidates(people, countsByAssignee(tasks), countsByAssignee(cases));
}

/** The person of `role` who should take the case; throws NoCandidateError if nobody may. */
export async function chooseAssignee(db: Db, role: string, request: AllocationRequest): Promise<Choice> {
  return pickAssignee(await loadCandidates(db, role), role, request);
}

/** The complaints team's contact (§3.2.2): the first active PSD manager by id. */
export async function findComplaintsTeamId(db: Db): Promise<string> {
  const managers = await db.person.findMany({ where: { role: 'psd-manager', active: true }, select: { id: true } });
  const first = managers.map((m) => m.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0];
  if (!first) throw new NoCandidateError('no active psd-manager in the Person table to act as the complaints team');
  return first;
}

/** Where choices come from: the workloads as they stand, and the complaints team's contact. */
export interface Workload {
  choose(role: string, request: AllocationRequest): Promise<Choice>;
  complaintsTeamId(): Promise<string>;
}

/** Loads the workloads afresh for every choice. */
export const liveWorkload = (db: Db): Workload => ({
  choose: (role, request) => chooseAssignee(db, role, request),
  complaintsTeamId: () => findComplaintsTeamId(db),
});

/**
 * Workloads loaded once for a batch of events, each choice counted against the person chosen, so
 * the batch's cases spread as they would had each been decided after the one before (each of
 * which, decided, adds an open case to its assignee). Events handled side by side share it.
 */
export function batchWorkload(db: Db): Workload {
  const byRole = new Map<string, Promise<AllocationCandidate[]>>();
  let teamId: Promise<string> | undefined;
  const once = <T>(p: Promise<T>, forget: () => void) => {
    p.catch(forget); // a failed load is not kept: the retry loads again
    return p;
  };
  return {
    async choose(role, request) {
      let loading = byRole.get(role);
      if (!loading) {
        loading = once(loadCandidates(db, role), () => byRole.delete(role));
        byRole.set(role, loading);
      }
      const candidates = await loading;
      const choice = pickAssignee(candidates, role, request);
      const i = candidates.findIndex((c) => c.id === choice.assignee.id);
      if (i >= 0) candidates[i] = { ...candidates[i]!, openCaseCount: candidates[i]!.openCaseCount + 1 };
      return choice;
    },
    complaintsTeamId() {
      teamId ??= once(findComplaintsTeamId(db), () => (teamId = undefined));
      return teamId;
    },
  };
}
