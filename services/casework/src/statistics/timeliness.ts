// Timeliness per stage and per SLA (DOMAIN.md "What the inspectorate looks for": timeliness of
// every activity tracked and visible). Per stage: the stage timings left in the period. Per SLA:
// the tasks completed in the period, each against its due date. Median and 90th percentile
// working days, % within the SLA, breaches and escalations.
import type { HolidayCalendar } from '@probity/shared/domain/index';
import { percent, percentile, workingDays } from '@probity/shared/domain/measures';
import { inPeriod, type Period } from './period';
import type { StatisticsRecord } from './record';

export interface StageTimeliness {
  kind: string;
  stage: string;
  /** Stage timings left in the period */
  completed: number;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  /** Of those with a due date: left by it and never breached */
  withinSlaPercent: number | null;
  /** Stage timings marked breached (the workflow escalated) */
  breaches: number;
}

export interface SlaTimeliness {
  task: string;
  /** Tasks completed in the period */
  completed: number;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  /** Completed by the end of the due date */
  withinSlaPercent: number | null;
  /** Completed after their due date */
  breaches: number;
  /** Escalations the workflow sent for them */
  escalations: number;
}

export function stageTimeliness(r: StatisticsRecord, p: Period, cal?: HolidayCalendar): StageTimeliness[] {
  const kindOf = new Map(r.cases.map((c) => [c.id, c.kind]));
  const groups = new Map<string, StatisticsRecord['stageTimings']>();
  for (const t of r.stageTimings) {
    if (!inPeriod(t.leftAt, p)) continue;
    const key = `${kindOf.get(t.caseId) ?? 'unknown'}\u0000${t.stage}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, rows]) => {
      const [kind, stage] = key.split('\u0000') as [string, string];
      const days = rows.map((t) => workingDays(t.enteredAt, t.leftAt!, cal));
      const withDue = rows.filter((t) => t.dueAt);
      const within = withDue.filter((t) => t.leftAt!.getTime() <= t.dueAt!.getTime() && !t.breachedAt).length;
      return {
        kind,
        stage,
        completed: rows.length,
        medianWorkingDays: percentile(days, 0.5),
        p90WorkingDays: percentile(days, 0.9),
        withinSlaPercent: percent(within, withDue.length),
        breaches: rows.filter((t) => t.breachedAt).length,
      };
    });
}

export function slaTimeliness(r: StatisticsRecord, p: Period, cal?: HolidayCalendar): SlaTimeliness[] {
  const groups = new Map<string, StatisticsRecord['tasks']>();
  for (const t of r.tasks) if (inPeriod(t.completedAt, p)) groups.set(t.type, [...(groups.get(t.type) ?? []), t]);
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([task, rows]) => {
      const days = rows.map((t) => workingDays(t.createdAt, t.completedAt!, cal));
      const late = rows.filter((t) => t.completedAt!.getTime() > t.dueAt.getTime()).length;
      return {
        task,
        completed: rows.length,
        medianWorkingDays: percentile(days, 0.5),
        p90WorkingDays: percentile(days, 0.9),
        withinSlaPercent: percent(rows.length - late, rows.length),
        breaches: late,
        escalations: rows.reduce((s, t) => s + t.escalations, 0),
      };
    });
}
