import {
  COUNTER_CORRUPTION_TEAM,
  allocateInTiers,
  type AllocationCandidate,
  type AllocationRequest,
  type AllocationTier,
} from '@probity/shared/domain/index';
import type { Db } from '@probity/shared/db/client';

// Who takes a case: the candidates of one role with their open workload, loaded from Postgres,
// then the pure allocation rules (shared/src/domain/allocation.ts) choose among them. Nobody
// works on their own case: pools are tried in turn, and when nobody in any is free of the
// conflict the case is escalated to the head of PSD (then a chief officer) — never left waiting.

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

/** One pool: the active people of a role, optionally only (or all but) one team. */
export interface PoolSpec {
  label: string;
  role: string;
  onlyTeam?: string;
  notTeam?: string;
  /** §3.2.4: never within a subject's division (allocation to a division). */
  excludeSubjectDivisions?: boolean;
}

/** The people register's role for the local policing body's complaint handlers (the PCC's office). */
export const LPB_COMPLAINT_HANDLER = 'lpb-complaint-handler';

const ccu = { onlyTeam: COUNTER_CORRUPTION_TEAM };
const notCcu = { notTeam: COUNTER_CORRUPTION_TEAM };

/**
 * The pools each purpose allocates from, in order. A restricted case (serious corruption) is the
 * counter-corruption unit's; an ordinary one goes to the rest of PSD, and to the unit only when
 * everyone else is conflicted (e.g. a complaint about someone in team psd).
 */
export const POOLS = {
  assessment: (restricted: boolean): PoolSpec[] =>
    restricted
      ? [{ label: 'Counter-corruption unit (restricted case)', role: 'psd-handler', ...ccu }]
      : [
          { label: 'PSD handlers', role: 'psd-handler', ...notCcu },
          { label: 'Counter-corruption unit (everyone else conflicted)', role: 'psd-handler', ...ccu },
        ],
  investigation: (restricted: boolean): PoolSpec[] =>
    restricted
      ? [{ label: 'Counter-corruption investigators (restricted case)', role: 'psd-investigator', ...ccu }]
      : [
          { label: 'PSD investigators', role: 'psd-investigator', ...notCcu },
          { label: 'Counter-corruption investigators (everyone else conflicted)', role: 'psd-investigator', ...ccu },
        ],
  division: (restricted: boolean): PoolSpec[] =>
    restricted
      ? POOLS.investigation(true)
      : [{ label: 'Divisional leads (§3.2.4)', role: 'divisional-lead', excludeSubjectDivisions: true }],
  appropriateAuthority: (): PoolSpec[] => [{ label: 'PSD managers (for the appropriate authority)', role: 'psd-manager' }],
  /**
   * A complaint about the chief officer: the local policing body is the appropriate authority
   * (PRA 2002 s.29; chief-officers.ts), so its own complaint handlers assess and handle it, never
   * the chief officer's PSD — whatever the mode or restriction asked for.
   */
  localPolicingBody: (): PoolSpec[] => [{ label: "The local policing body's complaint handlers (the appropriate authority for a complaint about the chief officer)", role: LPB_COMPLAINT_HANDLER }],
} as const;

export interface EscalatedChoice extends Choice {
  escalated: boolean;
}

/** The pools' candidates, with each pool's rule about teams applied. */
export function poolTiers(specs: readonly PoolSpec[], byRole: ReadonlyMap<string, AllocationCandidate[]>): AllocationTier[] {
  return specs.map((p) => ({
    label: p.label,
    candidates: (byRole.get(p.role) ?? []).filter((c) => (p.onlyTeam === undefined || c.team === p.onlyTeam) && (p.notTeam === undefined || c.team !== p.notTeam)),
    ...(p.excludeSubjectDivisions !== undefined && { excludeSubjectDivisions: p.excludeSubjectDivisions }),
  }));
}

/** Who a case is escalated to when nobody may take it: the head of PSD, then the chief officers. */
export async function loadEscalationChain(db: Db): Promise<AllocationCandidate[]> {
  const rows = await db.person.findMany({
    where: { role: { in: ['head-of-psd', 'chief-officer'] }, active: true },
    select: { id: true, role: true, team: true, division: true, active: true },
  });
  const order = (r: { role: string; id: string }) => `${r.role === 'head-of-psd' ? 0 : 1}:${r.id}`;
  return toCandidates(rows.sort((a, b) => (order(a) < order(b) ? -1 : 1)), new Map(), new Map());
}

/** Every active person of a role with their workload, and the escalation chain: where choices are made from. */
interface Loaders {
  role(role: string): Promise<AllocationCandidate[]>;
  escalation(): Promise<AllocationCandidate[]>;
}

const liveLoaders = (db: Db): Loaders => ({ role: (r) => loadCandidates(db, r), escalation: () => loadEscalationChain(db) });

/**
 * Chooses from the loaded pools. `chosen` runs in the same synchronous step as the choice (no await
 * between them), so choices made side by side from shared workloads each see the one before.
 */
async function choose(
  load: Loaders,
  specs: readonly PoolSpec[],
  request: Pick<AllocationRequest, 'subjects'>,
  chosen?: (assignee: AllocationCandidate, byRole: ReadonlyMap<string, AllocationCandidate[]>) => void,
): Promise<EscalatedChoice> {
  const roles = [...new Set(specs.map((p) => p.role))];
  const [byRole, escalation] = await Promise.all([
    Promise.all(roles.map(async (r) => [r, await load.role(r)] as const)).then((pairs) => new Map(pairs)),
    load.escalation(),
  ]);
  const result = allocateInTiers(poolTiers(specs, byRole), request, escalation);
  if (!result.ok) throw new NoCandidateError(result.reason);
  chosen?.(result.assignee, byRole);
  return { assignee: result.assignee, reason: result.reason, escalated: result.escalated };
}

/**
 * The complaints team's contact (§3.2.2), who also stands for the appropriate authority on a conduct
 * matter: the first active PSD manager by id who is free of the conflict; escalated (head of PSD,
 * then a chief officer) when every PSD manager is in a subject's team.
 */
async function complaintsTeam(load: Loaders, subjects: AllocationRequest['subjects']): Promise<string> {
  const managers = [...(await load.role('psd-manager'))].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((m) => ({ ...m, openCaseCount: 0 }));
  const result = allocateInTiers([{ label: 'PSD managers', candidates: managers }], { subjects }, await load.escalation());
  if (!result.ok) throw new NoCandidateError(`no active psd-manager in the Person table to act as the complaints team, and nobody to escalate to: ${result.reason}`);
  return result.assignee.id;
}

/**
 * The person who should take the case from these pools; escalated when nobody in them may. Throws
 * NoCandidateError only when nobody at all is free of the conflict (no head of PSD nor chief officer
 * configured): a fault to retry, not a decision.
 */
export function chooseFromPools(db: Db, specs: readonly PoolSpec[], request: Pick<AllocationRequest, 'subjects'>): Promise<EscalatedChoice> {
  return choose(liveLoaders(db), specs, request);
}

export function findComplaintsTeamId(db: Db, subjects: AllocationRequest['subjects'] = []): Promise<string> {
  return complaintsTeam(liveLoaders(db), subjects);
}

/** Where choices come from: the workloads as they stand, and the complaints team's contact. */
export interface Workload {
  choose(pools: readonly PoolSpec[], request: Pick<AllocationRequest, 'subjects'>): Promise<EscalatedChoice>;
  complaintsTeamId(subjects: AllocationRequest['subjects']): Promise<string>;
}

/** Loads the workloads afresh for every choice. */
export const liveWorkload = (db: Db): Workload => ({
  choose: (pools, request) => chooseFromPools(db, pools, request),
  complaintsTeamId: (subjects) => findComplaintsTeamId(db, subjects),
});

/**
 * Workloads loaded once for a batch of events, each choice counted against the person chosen, so
 * the batch's cases spread as they would had each been decided after the one before (each of
 * which, decided, adds an open case to its assignee). Events handled side by side share it.
 */
export function batchWorkload(db: Db): Workload {
  const byRole = new Map<string, Promise<AllocationCandidate[]>>();
  let chain: Promise<AllocationCandidate[]> | undefined;
  const once = <T>(p: Promise<T>, forget: () => void) => {
    p.catch(forget); // a failed load is not kept: the retry loads again
    return p;
  };
  const load: Loaders = {
    role(role) {
      let loading = byRole.get(role);
      if (!loading) {
        loading = once(loadCandidates(db, role), () => byRole.delete(role));
        byRole.set(role, loading);
      }
      return loading;
    },
    escalation() {
      chain ??= once(loadEscalationChain(db), () => (chain = undefined));
      return chain;
    },
  };
  return {
    choose: (pools, request) =>
      choose(load, pools, request, (assignee, loaded) => {
        const candidates = loaded.get(assignee.role);
        const i = candidates?.findIndex((c) => c.id === assignee.id) ?? -1;
        if (candidates && i >= 0) candidates[i] = { ...candidates[i]!, openCaseCount: candidates[i]!.openCaseCount + 1 };
      }),
    complaintsTeamId: (subjects) => complaintsTeam(load, subjects),
  };
}
