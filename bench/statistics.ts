// Item 5 — statistics at scale: N complaint cases (BENCH_STATISTICS_CASES, 100,000) spread over two
// years in the record the IOPC's figures are counted from (allegations, Schedule 3 reasons,
// suspensions, reviews, stage timings and tasks), then a manager's GET /api/statistics for last
// quarter and for a whole year (each period beside the same period last year, and the trend of
// four quarters). Raw: the same SQL run straight on Postgres from the bench (no HTTP, no sign-in).
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { tokenFromLocalProvider } from '../shared/src/auth/local-provider-sign-in';
import { addCalendarDays, addYears, londonDateOf } from '../shared/src/domain/index';
import { statisticsReport } from '../services/casework/src/statistics/report';
import { lastQuarter, type Period } from '../services/casework/src/statistics/period';
import { quantile, record, timed } from './report';
import type { BenchStack } from './stack';

export async function statisticsAtScale(stack: BenchStack, n: number) {
  console.log(`\n5. Statistics: ${n.toLocaleString('en-GB')} complaint cases over two years`);
  const sql = new pg.Client({ connectionString: stack.config.DATABASE_URL });
  await sql.connect();
  try {
    const t0 = performance.now();
    const have = Number((await sql.query(`SELECT count(*) FROM "Case" WHERE id LIKE 'bench-stat-%'`)).rows[0].count);
    const from = have + 1;
    if (from <= n) {
      const series = `generate_series(${from}, ${n}) i`;
      // Received across 730 days back from today at spread hours; a third under Schedule 3, one in nine investigated.
      await sql.query(`
        INSERT INTO "Case" (id, ref, kind, channel, stage, "receivedAt", "loggedAt", "firstContactAt", handling, "schedule3At", "handlingMode",
                            "finalisedAt", "closedAt", division, "publicTokenHash", complainant, incident, subjects, "updatedAt")
        SELECT 'bench-stat-' || i, 'CO-BSTAT-' || lpad(i::text, 7, '0'), 'complaint', 'web', 'handling', r, r + (i % 3) * interval '1 day', r + (1 + i % 5) * interval '1 day',
               CASE WHEN i % 3 = 0 THEN 'schedule-3' ELSE 'outside-schedule-3' END,
               CASE WHEN i % 3 = 0 THEN r + interval '7 days' END,
               CASE WHEN i % 9 = 0 THEN 'local-investigation' ELSE 'otherwise-than-by-investigation' END,
               CASE WHEN r + (10 + i % 120) * interval '1 day' < now() THEN r + (10 + i % 120) * interval '1 day' END, NULL,
               CASE WHEN i % 2 = 0 THEN 'north' ELSE 'south' END, 'bench', '{}', '{}', '[]', now()
        FROM (SELECT i, now() - (i % 730) * interval '1 day' - (i % 9) * interval '1 hour' AS r FROM ${series}) s`);
      await sql.query(`
        INSERT INTO "Allegation" (id, "caseId", seq, category, "subCategory", description)
        SELECT 'bench-stat-' || i || ':' || k, 'bench-stat-' || i, k,
               (ARRAY['delivery-of-duties-and-service','police-powers-policies-and-procedures','individual-behaviours','discriminatory-behaviour','other'])[1 + (i + k) % 5], NULL, 'bench'
        FROM ${series}, generate_series(1, 2) k WHERE k = 1 OR i % 2 = 0`);
      await sql.query(`
        INSERT INTO "Schedule3Reason" ("caseId", ground, reason, "allegationIds", "recordedAt")
        SELECT 'bench-stat-' || i, 'psd-decision', (ARRAY['complainant-wishes','appropriate-authority-decides','mandatory-referral'])[1 + i % 3], '{}', now()
        FROM ${series} WHERE i % 3 = 0`);
      await sql.query(`
        INSERT INTO "SuspensionPeriod" (id, "caseId", reason, "startedAt", "startedById", "endedAt")
        SELECT 'bench-stat-' || c.i, c.id, 'sub-judice', c."schedule3At" + interval '3 days', 'bench', c."schedule3At" + interval '20 days'
        FROM (SELECT substr(id, 12)::int AS i, id, "schedule3At" FROM "Case" WHERE id LIKE 'bench-stat-%' AND "handlingMode" = 'local-investigation') c
        WHERE c.i >= ${from} AND c.i % 2 = 0`);
      await sql.query(`
        INSERT INTO "ComplaintReview" (id, "caseId", n, body, "bodyReason", "appliedOn", outcome, "decidedAt")
        SELECT c.id || ':1', c.id, 1, CASE WHEN c.i % 4 = 0 THEN 'iopc' ELSE 'local-policing-body' END, 'bench', (c."finalisedAt" + interval '5 days')::date,
               CASE WHEN c.i % 5 = 0 THEN 'upheld' ELSE 'not-upheld' END, c."finalisedAt" + interval '30 days'
        FROM (SELECT substr(id, 12)::int AS i, id, "finalisedAt" FROM "Case" WHERE id LIKE 'bench-stat-%' AND handling = 'schedule-3' AND "finalisedAt" IS NOT NULL) c
        WHERE c.i >= ${from} AND c.i % 10 = 0`);
      await sql.query(`
        INSERT INTO "StageTiming" (id, "caseId", stage, "enteredAt", "leftAt", "dueAt", "breachedAt")
        SELECT c.id || ':' || s.stage, c.id, s.stage, s.entered, s.left_at, s.entered + interval '3 days', CASE WHEN s.left_at > s.entered + interval '3 days' THEN s.entered + interval '3 days' END
        FROM (SELECT substr(id, 12)::int AS i, id, "receivedAt", "firstContactAt" FROM "Case" WHERE id LIKE 'bench-stat-%') c,
             LATERAL (VALUES ('first-contact', c."receivedAt", c."firstContactAt"), ('assessment', c."firstContactAt", c."firstContactAt" + (c.i % 12) * interval '1 day')) AS s(stage, entered, left_at)
        WHERE c.i >= ${from}`);
      await sql.query(`
        INSERT INTO "Task" (id, "caseId", "caseRef", "workflowId", type, "assigneeId", "dueAt", "createdAt", "completedAt", escalations)
        SELECT 'bench-stat-task-' || c.i, c.id, c.ref, 'complaint-' || c.ref, 'first-contact', 'bench-handler-' || (1 + c.i % 100), c."receivedAt" + interval '3 days', c."receivedAt", c."firstContactAt",
               CASE WHEN c."firstContactAt" > c."receivedAt" + interval '3 days' THEN 1 ELSE 0 END
        FROM (SELECT substr(id, 12)::int AS i, id, ref, "receivedAt", "firstContactAt" FROM "Case" WHERE id LIKE 'bench-stat-%') c WHERE c.i >= ${from}`);
      await sql.query('ANALYZE');
    }
    const cases = Number((await sql.query(`SELECT count(*) FROM "Case" WHERE kind = 'complaint'`)).rows[0].count);
    console.log(`  ${cases.toLocaleString('en-GB')} complaint cases in Postgres (${Math.max(0, n - have).toLocaleString('en-GB')} added in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);

    const token = (await tokenFromLocalProvider({ issuer: stack.issuer, personId: 'psd-manager' })).accessToken;
    const today = londonDateOf(Date.now());
    const periods: [string, Period][] = [
      ['last quarter', lastQuarter(today)],
      ['the 12 months to it', { from: addCalendarDays(addYears(lastQuarter(today).to, -1), 1), to: lastQuarter(today).to }],
    ];
    for (const [name, p] of periods) {
      const get = async () => {
        const res = await fetch(stack.url('casework', `/api/statistics?from=${p.from}&to=${p.to}`), { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) throw new Error(`GET /api/statistics: ${res.status}`);
        return res.json();
      };
      await get(); // warm
      const api = await timed(5, get);
      const raw = await timed(5, () => statisticsReport(stack.db, p));
      const logged = ((await get()) as { figures: { casesLogged: number } }).figures.casesLogged;
      record({
        item: '5',
        what: `GET /api/statistics, ${name} (${logged.toLocaleString('en-GB')} cases logged), p95`,
        probity: quantile(api, 0.95),
        raw: quantile(raw, 0.95),
        unit: 'ms',
        limit: '< 2 s',
        better: 'lower',
        note: 'with the same period last year and four quarters\' trend; raw: the same SQL from the bench',
      });
    }
  } finally {
    await sql.end();
  }
}
