// What a PSD manager oversees (their team: the people who report to them; the head of PSD: all):
// open SLA breaches and escalations (case, task, who, how late), workload per handler, and
// timeliness per stage (median working days, % within the SLA) over the last year.
import type { Actor } from '@probity/shared/auth';
import type { Db } from '@probity/shared/db/client';
import { ENGLAND_AND_WALES, londonDateOf } from '@probity/shared/domain/index';
import { withoutHiddenCases } from '../inbox/open-tasks';

/** Working days from one instant's London date to another's (never negative). */
export const workingDaysBetween = (from: Date, to: Date) => Math.max(0, ENGLAND_AND_WALES.workingDaysBetween(londonDateOf(from.getTime()), londonDateOf(to.getTime())));

export function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1]! + s[mid]!) / 2;
}

/** The people whose work the actor oversees: everyone for the head of PSD, else their reports and themselves. */
export async function teamOf(db: Db, actor: Actor): Promise<{ id: string; name: string; role: string }[] | 'everyone'> {
  if (actor.role === 'head-of-psd') return 'everyone';
  const rows = await db.person.findMany({ where: { OR: [{ managerId: actor.id }, { id: actor.id }], active: true }, select: { id: true, name: true, role: true }, orderBy: { name: 'asc' } });
  return rows;
}

export async function oversight(db: Db, actor: Actor, now = new Date()) {
  const team = await teamOf(db, actor);
  const inTeam = team === 'everyone' ? {} : { assigneeId: { in: team.map((p) => p.id) } };
  const open = await db.task.findMany({ where: { completedAt: null, ...inTeam }, orderBy: { dueAt: 'asc' } });
  const people = await db.person.findMany({
    where: team === 'everyone' ? { id: { in: [...new Set(open.map((t) => t.assigneeId))] } } : { id: { in: team.map((p) => p.id) } },
    select: { id: true, name: true, role: true },
    orderBy: { name: 'asc' },
  });
  const nameOf = new Map(people.map((p) => [p.id, p.name]));

  // Breaches name the case: none of a case barred from the manager (restricted, or their own team's). Counts stay whole.
  const breaches = (await withoutHiddenCases(db, actor, open))
    .filter((t) => t.escalations > 0 || t.dueAt.getTime() < now.getTime())
    .map((t) => ({ ...t, assignee: nameOf.get(t.assigneeId) ?? t.assigneeId, workingDaysLate: workingDaysBetween(t.dueAt, now), escalated: t.escalations > 0 }));

  const workload = people.map((p) => {
    const mine = open.filter((t) => t.assigneeId === p.id);
    return { ...p, open: mine.length, overdue: mine.filter((t) => t.dueAt.getTime() < now.getTime()).length, breached: mine.filter((t) => t.escalations > 0).length };
  });

  // Timeliness: stages left in the last year, of the team's cases (any task assigned to the team).
  const since = new Date(now.getTime() - 365 * 24 * 3600 * 1000);
  const caseIds =
    team === 'everyone' ? undefined : [...new Set((await db.task.findMany({ where: inTeam, select: { caseId: true } })).map((t) => t.caseId))];
  const timings = await db.stageTiming.findMany({ where: { leftAt: { gte: since }, ...(caseIds ? { caseId: { in: caseIds } } : {}) } });
  const byStage = new Map<string, typeof timings>();
  for (const t of timings) byStage.set(t.stage, [...(byStage.get(t.stage) ?? []), t]);
  const timeliness = [...byStage].sort(([a], [b]) => a.localeCompare(b)).map(([stage, rows]) => {
    const withDue = rows.filter((r) => r.dueAt);
    const within = withDue.filter((r) => r.leftAt!.getTime() <= r.dueAt!.getTime() && !r.breachedAt).length;
    return {
      stage,
      count: rows.length,
      medianWorkingDays: median(rows.map((r) => workingDaysBetween(r.enteredAt, r.leftAt!))),
      withinSla: withDue.length ? Math.round((100 * within) / withDue.length) : undefined,
    };
  });
  return { everyone: team === 'everyone', breaches, workload, timeliness };
}
