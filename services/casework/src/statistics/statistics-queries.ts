// The IOPC's figures counted in Postgres: SQL aggregates over indexed columns (Case kind+loggedAt,
// kind+handling+finalisedAt, kind+handlingMode+schedule3At; StageTiming.leftAt; Task.completedAt;
// ComplaintReview appliedOn / decidedAt), so a period at 100,000 cases answers without loading
// rows. Each figure counts exactly what its pure rule states (logging.ts, categories.ts,
// finalisation.ts, long-running.ts, reviews.ts, timeliness.ts); statistics-queries.int.test.ts
// proves the two equal on the hand-worked fixture. Every case population is one fragment, shared
// by its aggregate and by the drill-down to the cases behind the number.
import { Prisma, type Db } from '@probity/shared/db/client';
import { IOPC_SCHEDULE_3_REASONS, REVIEW_BODIES, addCalendarDays, addMonths, startOfLondonDayMs, type HolidayCalendar } from '@probity/shared/domain/index';
import { sortCategories } from './categories';
import type { Figures } from './figures';
import { INVESTIGATION_MODES } from './long-running';
import { percent, percentileOfCounts } from '@probity/shared/domain/measures';
import { periodInstants, type Period } from './period';
import type { SlaTimeliness, StageTimeliness } from './timeliness';
import { londonDate, ts, utcTimestamp, WorkingDaySql, type Sql } from './working-days-sql';

const { sql, join } = Prisma;

/**
 * A case's allegations, counted on the (caseId, seq) index for each case in the period: cheaper
 * than hashing every allegation in the table to join the period's cases (BENCHMARKS.md).
 */
const allegationsOfCase = sql`(SELECT count(*) FROM "Allegation" a WHERE a."caseId" = c."id")`;

/** Complaint cases logged in the period (by London date). */
function loggedWhere(p: Period): Sql {
  const { startMs, endMs } = periodInstants(p);
  return sql`c."kind" = 'complaint' AND c."loggedAt" >= ${ts(startMs)} AND c."loggedAt" < ${ts(endMs)}`;
}

/** Complaint cases finalised in the period under one scheme. */
function finalisedWhere(p: Period, handling: 'outside-schedule-3' | 'schedule-3'): Sql {
  const { startMs, endMs } = periodInstants(p);
  return sql`c."kind" = 'complaint' AND c."handling" = ${handling} AND c."finalisedAt" >= ${ts(startMs)} AND c."finalisedAt" < ${ts(endMs)}`;
}

/** Investigations recorded 12 months or more before the period's last day, not finalised by it. */
function openBeyond12MonthsWhere(p: Period): Sql {
  const recordedBefore = startOfLondonDayMs(addCalendarDays(addMonths(p.to, -12), 1));
  const { endMs } = periodInstants(p);
  return sql`c."kind" = 'complaint' AND c."handlingMode" IN (${join([...INVESTIGATION_MODES])}) AND c."schedule3At" < ${ts(recordedBefore)}
    AND (c."finalisedAt" IS NULL OR c."finalisedAt" >= ${ts(endMs)})`;
}

const reviewsReceivedWhere = (p: Period): Sql => sql`v."appliedOn" >= ${p.from}::date AND v."appliedOn" <= ${p.to}::date`;
function reviewsDecidedWhere(p: Period): Sql {
  const { startMs, endMs } = periodInstants(p);
  return sql`v."outcome" IS NOT NULL AND v."decidedAt" >= ${ts(startMs)} AND v."decidedAt" < ${ts(endMs)}`;
}
function stagesLeftWhere(p: Period): Sql {
  const { startMs, endMs } = periodInstants(p);
  return sql`st."leftAt" >= ${ts(startMs)} AND st."leftAt" < ${ts(endMs)}`;
}
function tasksCompletedWhere(p: Period): Sql {
  const { startMs, endMs } = periodInstants(p);
  return sql`t."completedAt" >= ${ts(startMs)} AND t."completedAt" < ${ts(endMs)}`;
}

/**
 * Per-row day counts, shared by aggregates and drill-downs. They read the London dates stored
 * beside each instant (`…On`, set by a trigger: migration 20261208000000) rather than converting
 * every row's timestamp; the working days between them are still counted here from the calendar,
 * so a bank holiday added to it counts at once, with nothing stored to recompute.
 */
class Days {
  constructor(private readonly wd: WorkingDaySql) {}
  toLog = () => this.wd.between(sql`c."receivedOn"`, sql`c."loggedOn"`);
  toFirstContact = () => this.wd.between(sql`c."receivedOn"`, sql`c."firstContactOn"`);
  outsideSchedule3 = () => this.wd.between(sql`c."loggedOn"`, sql`c."finalisedOn"`);
  private sch3Start = () => sql`COALESCE(c."schedule3On", c."loggedOn")`;
  underSchedule3 = () => this.wd.between(this.sch3Start(), sql`c."finalisedOn"`);
  /** Working days suspended in (start, finalised], as workingDaysSuspended (suspension.ts): from the start date to the day before it resumed. */
  suspended = () => {
    const fin = sql`c."finalisedOn"`;
    const end = sql`LEAST(COALESCE(${londonDate('s."endedAt"')}, ${fin}), ${fin}) - 1`;
    const after = sql`GREATEST(${londonDate('s."startedAt"')} - 1, ${this.sch3Start()})`;
    return sql`COALESCE((SELECT sum(GREATEST(0, ${this.wd.number(end)} - ${this.wd.number(after)})) FROM "SuspensionPeriod" s WHERE s."caseId" = c."id"), 0)`;
  };
  stage = () => this.wd.between(sql`st."enteredOn"`, sql`st."leftOn"`);
  task = () => this.wd.between(sql`t."createdOn"`, sql`t."completedOn"`);
}

/**
 * Rows of (group, working days, how many) folded into each group's median and 90th percentile:
 * working days are whole numbers, so grouping by them first leaves Postgres a few hundred groups to
 * hash instead of a year's rows to sort (which spilled to disk at the default work_mem).
 */
function percentilesByGroup(rows: readonly { key: string; days: unknown; count: unknown }[]): Map<string, { median: number | null; p90: number | null }> {
  const counts = new Map<string, { value: number; count: number }[]>();
  for (const r of rows) counts.set(r.key, [...(counts.get(r.key) ?? []), { value: n(r.days), count: n(r.count) }]);
  return new Map([...counts].map(([key, c]) => [key, { median: percentileOfCounts(c, 0.5), p90: percentileOfCounts(c, 0.9) }]));
}

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const avg = (sum: unknown, count: unknown): number | null => (n(count) ? n(sum) / n(count) : null);
const orNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The per-(group, days) rows' counts summed per group. */
function sumByGroup(rows: readonly Record<string, unknown>[], keyOf: (r: Record<string, unknown>) => string, fields: readonly string[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const t = out.get(keyOf(r)) ?? Object.fromEntries(fields.map((f) => [f, 0]));
    for (const f of fields) t[f]! += n(r[f]);
    out.set(keyOf(r), t);
  }
  return out;
}

export async function countFigures(db: Db, period: Period, cal?: HolidayCalendar): Promise<Figures> {
  const days = new Days(WorkingDaySql.of(cal));
  // One scan of the cases finalised in the period for both schemes, each figure by its FILTER.
  const outside = sql`c."handling" = 'outside-schedule-3'`;
  const under = sql`c."handling" = 'schedule-3'`;
  // The timeliness subqueries end in OFFSET 0 so Postgres counts each row's working days once, not
  // once for every aggregate that reads them (it would otherwise fold the subquery into them).
  const [logged, reasons, categories, finalised, open, received, decided, stages, slas] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT count(*) AS cases, sum(${days.toLog()}) AS "daysToLog",
             count(c."firstContactAt") AS contacted, sum(CASE WHEN c."firstContactAt" IS NOT NULL THEN ${days.toFirstContact()} END) AS "daysToContact",
             count(*) FILTER (WHERE c."handling" = 'schedule-3') AS "schedule3",
             sum(${allegationsOfCase}) AS allegations
      FROM "Case" c WHERE ${loggedWhere(period)}`,
    db.$queryRaw<{ reason: string; cases: unknown }[]>`
      SELECT r."reason", count(DISTINCT r."caseId") AS cases FROM "Schedule3Reason" r JOIN "Case" c ON c."id" = r."caseId"
      WHERE ${loggedWhere(period)} AND c."handling" = 'schedule-3' GROUP BY r."reason"`,
    db.$queryRaw<{ codeListVersion: string; category: string; allegations: unknown }[]>`
      SELECT a."codeListVersion", a."category", count(*) AS allegations FROM "Allegation" a JOIN "Case" c ON c."id" = a."caseId"
      WHERE ${loggedWhere(period)} GROUP BY a."codeListVersion", a."category"`,
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT count(*) FILTER (WHERE ${outside}) AS "outsideCases", sum(${days.outsideSchedule3()}) FILTER (WHERE ${outside}) AS "outsideDays",
             count(*) FILTER (WHERE ${under}) AS "underCases", sum(${days.underSchedule3()}) FILTER (WHERE ${under}) AS "underDays",
             sum(${days.suspended()}) FILTER (WHERE ${under}) AS "suspendedDays"
      FROM "Case" c WHERE ${finalisedWhere(period, 'outside-schedule-3')} OR ${finalisedWhere(period, 'schedule-3')}`,
    db.$queryRaw<{ count: unknown }[]>`SELECT count(*) FROM "Case" c WHERE ${openBeyond12MonthsWhere(period)}`,
    db.$queryRaw<{ body: string; count: unknown }[]>`SELECT v."body", count(*) FROM "ComplaintReview" v WHERE ${reviewsReceivedWhere(period)} GROUP BY v."body"`,
    db.$queryRaw<{ body: string; decided: unknown; upheld: unknown }[]>`
      SELECT v."body", count(*) AS decided, count(*) FILTER (WHERE v."outcome" = 'upheld') AS upheld
      FROM "ComplaintReview" v WHERE ${reviewsDecidedWhere(period)} GROUP BY v."body"`,
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT c."kind", st."stage", st.days, count(*) AS completed,
             count(st."dueAt") AS "withDue",
             count(*) FILTER (WHERE st."dueAt" IS NOT NULL AND st."leftAt" <= st."dueAt" AND st."breachedAt" IS NULL) AS within,
             count(st."breachedAt") AS breaches
      FROM (SELECT st.*, ${days.stage()} AS days FROM "StageTiming" st WHERE ${stagesLeftWhere(period)} OFFSET 0) st
      JOIN "Case" c ON c."id" = st."caseId" GROUP BY c."kind", st."stage", st.days`,
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT t."type", t.days, count(*) AS completed,
             count(*) FILTER (WHERE t."completedAt" > t."dueAt") AS late, sum(t."escalations") AS escalations
      FROM (SELECT t.*, ${days.task()} AS days FROM "Task" t WHERE ${tasksCompletedWhere(period)} OFFSET 0) t GROUP BY t."type", t.days`,
  ]);

  const l = logged[0]!;
  const f = finalised[0]!;
  const sch3 = n(l.schedule3);
  const totalAllegations = categories.reduce((s, c) => s + n(c.allegations), 0);
  const stageKey = (r: Record<string, unknown>) => `${String(r.kind)}\u0000${String(r.stage)}`;
  const stagePercentiles = percentilesByGroup(stages.map((r) => ({ key: stageKey(r), days: r.days, count: r.completed })));
  const stageRows: StageTimeliness[] = [...sumByGroup(stages, stageKey, ['completed', 'withDue', 'within', 'breaches'])]
    .map(([key, t]) => {
      const [kind, stage] = key.split('\u0000') as [string, string];
      const p = stagePercentiles.get(key)!;
      return { kind, stage, completed: t.completed!, medianWorkingDays: p.median, p90WorkingDays: p.p90, withinSlaPercent: percent(t.within!, t.withDue!), breaches: t.breaches! };
    })
    .sort((a, b) => `${a.kind}\u0000${a.stage}`.localeCompare(`${b.kind}\u0000${b.stage}`));
  const slaKey = (r: Record<string, unknown>) => String(r.type);
  const slaPercentiles = percentilesByGroup(slas.map((r) => ({ key: slaKey(r), days: r.days, count: r.completed })));
  const slaRows: SlaTimeliness[] = [...sumByGroup(slas, slaKey, ['completed', 'late', 'escalations'])]
    .map(([task, t]) => {
      const p = slaPercentiles.get(task)!;
      return {
        task,
        completed: t.completed!,
        medianWorkingDays: p.median,
        p90WorkingDays: p.p90,
        withinSlaPercent: percent(t.completed! - t.late!, t.completed!),
        breaches: t.late!,
        escalations: t.escalations!,
      };
    })
    .sort((a, b) => a.task.localeCompare(b.task));
  return {
    period,
    casesLogged: n(l.cases),
    allegationsLogged: n(l.allegations),
    averageWorkingDaysToLog: avg(l.daysToLog, l.cases),
    averageWorkingDaysToFirstContact: avg(l.daysToContact, l.contacted),
    schedule3: {
      cases: sch3,
      percent: percent(sch3, n(l.cases)),
      byReason: IOPC_SCHEDULE_3_REASONS.map((reason) => {
        const cases = n(reasons.find((r) => r.reason === reason)?.cases);
        return { reason, cases, percent: percent(cases, sch3) };
      }),
    },
    allegationsByCategory: sortCategories(
      categories.map((c) => ({ codeListVersion: c.codeListVersion, category: c.category, allegations: n(c.allegations), percent: percent(n(c.allegations), totalAllegations) })),
    ),
    finalisedOutsideSchedule3: { cases: n(f.outsideCases), averageWorkingDays: avg(f.outsideDays, f.outsideCases) },
    finalisedUnderSchedule3: {
      cases: n(f.underCases),
      averageWorkingDaysIncludingSuspension: avg(f.underDays, f.underCases),
      averageWorkingDaysExcludingSuspension: avg(n(f.underDays) - n(f.suspendedDays), f.underCases),
    },
    investigationsOpenBeyond12Months: n(open[0]?.count),
    reviews: REVIEW_BODIES.map((body) => {
      const d = decided.find((r) => r.body === body);
      return { body, received: n(received.find((r) => r.body === body)?.count), decided: n(d?.decided), upheld: n(d?.upheld), percentUpheld: percent(n(d?.upheld), n(d?.decided)) };
    }),
    timeliness: { stages: stageRows, slas: slaRows },
  };
}

// ── Drill-down: the cases behind a number ─────────────────────────────────────────────────────

export const DRILL_DOWNS = [
  'logged',
  'contacted',
  'schedule-3',
  'category',
  'finalised-outside-schedule-3',
  'finalised-under-schedule-3',
  'open-beyond-12-months',
  'reviews-received',
  'reviews-decided',
  'stage',
  'sla',
] as const;
export type DrillDown = (typeof DRILL_DOWNS)[number];

export interface DrillDownFilter {
  /** schedule-3: one IOPC reason */
  reason?: string;
  /** category: the category (and code list) */
  category?: string;
  codeListVersion?: string;
  /** reviews-*: the review body; reviews-decided: upheld only */
  body?: string;
  upheld?: boolean;
  /** stage: the kind and stage; sla: the task type; both: only those outside the SLA */
  kind?: string;
  stage?: string;
  task?: string;
  breached?: boolean;
}

export interface CaseBehind {
  ref: string;
  kind: string;
  restricted: boolean;
  /** The working days this case adds to the figure (null where the figure is a count only) */
  workingDays: number | null;
  /** Under Schedule 3: the working days less those suspended */
  workingDaysExcludingSuspension: number | null;
}

/** The cases behind one figure, at most `limit` (most days first where there are days), with the total. */
export async function casesBehind(db: Db, figure: DrillDown, period: Period, f: DrillDownFilter = {}, limit = 500, cal?: HolidayCalendar): Promise<{ total: number; cases: CaseBehind[] }> {
  const days = new Days(WorkingDaySql.of(cal));
  const none = sql`NULL::int`;
  const q = ((): { from: Sql; where: Sql; days: Sql; excluding?: Sql } => {
    switch (figure) {
      case 'logged':
        return { from: sql`"Case" c`, where: loggedWhere(period), days: days.toLog() };
      case 'contacted':
        return { from: sql`"Case" c`, where: sql`${loggedWhere(period)} AND c."firstContactAt" IS NOT NULL`, days: days.toFirstContact() };
      case 'schedule-3':
        return {
          from: sql`"Case" c`,
          where: sql`${loggedWhere(period)} AND c."handling" = 'schedule-3'${f.reason ? sql` AND EXISTS (SELECT 1 FROM "Schedule3Reason" r WHERE r."caseId" = c."id" AND r."reason" = ${f.reason})` : sql``}`,
          days: none,
        };
      case 'category':
        return {
          from: sql`"Case" c`,
          where: sql`${loggedWhere(period)} AND EXISTS (SELECT 1 FROM "Allegation" a WHERE a."caseId" = c."id" AND a."category" = ${f.category ?? ''}${f.codeListVersion ? sql` AND a."codeListVersion" = ${f.codeListVersion}` : sql``})`,
          days: none,
        };
      case 'finalised-outside-schedule-3':
        return { from: sql`"Case" c`, where: finalisedWhere(period, 'outside-schedule-3'), days: days.outsideSchedule3() };
      case 'finalised-under-schedule-3':
        return { from: sql`"Case" c`, where: finalisedWhere(period, 'schedule-3'), days: days.underSchedule3(), excluding: sql`${days.underSchedule3()} - ${days.suspended()}` };
      case 'open-beyond-12-months':
        return { from: sql`"Case" c`, where: openBeyond12MonthsWhere(period), days: none };
      case 'reviews-received':
        return { from: sql`"ComplaintReview" v JOIN "Case" c ON c."id" = v."caseId"`, where: sql`${reviewsReceivedWhere(period)}${f.body ? sql` AND v."body" = ${f.body}` : sql``}`, days: none };
      case 'reviews-decided':
        return {
          from: sql`"ComplaintReview" v JOIN "Case" c ON c."id" = v."caseId"`,
          where: sql`${reviewsDecidedWhere(period)}${f.body ? sql` AND v."body" = ${f.body}` : sql``}${f.upheld ? sql` AND v."outcome" = 'upheld'` : sql``}`,
          days: none,
        };
      case 'stage':
        return {
          from: sql`"StageTiming" st JOIN "Case" c ON c."id" = st."caseId"`,
          where: sql`${stagesLeftWhere(period)} AND st."stage" = ${f.stage ?? ''}${f.kind ? sql` AND c."kind" = ${f.kind}` : sql``}${
            f.breached ? sql` AND NOT (st."dueAt" IS NOT NULL AND st."leftAt" <= st."dueAt" AND st."breachedAt" IS NULL)` : sql``
          }`,
          days: days.stage(),
        };
      case 'sla':
        return {
          from: sql`"Task" t JOIN "Case" c ON c."id" = t."caseId"`,
          where: sql`${tasksCompletedWhere(period)} AND t."type" = ${f.task ?? ''}${f.breached ? sql` AND t."completedAt" > t."dueAt"` : sql``}`,
          days: days.task(),
        };
    }
  })();
  const rows = await db.$queryRaw<{ ref: string; kind: string; restricted: boolean; days: unknown; excluding: unknown; total: unknown }[]>`
    SELECT c."ref", c."kind", c."restricted", ${q.days} AS days, ${q.excluding ?? none} AS excluding, count(*) OVER () AS total
    FROM ${q.from} WHERE ${q.where}
    ORDER BY days DESC NULLS LAST, c."ref" LIMIT ${limit}`;
  return {
    total: n(rows[0]?.total),
    cases: rows.map((r) => ({ ref: r.ref, kind: r.kind, restricted: r.restricted, workingDays: orNull(r.days), workingDaysExcludingSuspension: orNull(r.excluding) })),
  };
}


/** Cases and allegations logged per period, in one query (the trend per quarter). */
export async function loggedPerPeriod(db: Db, periods: readonly Period[]): Promise<{ period: Period; cases: number; allegations: number }[]> {
  if (!periods.length) return [];
  const rows = await db.$queryRaw<{ i: number; cases: unknown; allegations: unknown }[]>`
    SELECT p.i, count(*) AS cases, COALESCE(sum(${allegationsOfCase}), 0) AS allegations
    FROM unnest(${periods.map((_, i) => i)}::int[], ${periods.map((p) => utcTimestamp(periodInstants(p).startMs))}::timestamp[], ${periods.map((p) => utcTimestamp(periodInstants(p).endMs))}::timestamp[]) AS p(i, s, e)
    JOIN "Case" c ON c."kind" = 'complaint' AND c."loggedAt" >= p.s AND c."loggedAt" < p.e
    GROUP BY p.i`;
  return periods.map((period, i) => {
    const r = rows.find((x) => Number(x.i) === i);
    return { period, cases: n(r?.cases), allegations: n(r?.allegations) };
  });
}
