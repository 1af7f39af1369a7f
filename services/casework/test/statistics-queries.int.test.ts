// The IOPC's figures counted in real Postgres (statistics-queries.ts) are the figures the pure
// counting rules give (figures.ts), which their unit tests prove against arithmetic done by hand
// (src/statistics/*.test.ts). A brand-new database, so no other test's rows are counted.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@probity/shared/config';
import { createDb, type Db } from '@probity/shared/db/client';
import { migrate } from '@probity/shared/db/migrate';
import { figuresOf, published } from '../src/statistics/figures';
import { FIXTURE, Q2_2025, Q2_2026 } from '../src/statistics/fixture';
import { samePeriodLastYear } from '../src/statistics/period';
import { casesBehind, countFigures } from '../src/statistics/statistics-queries';
import { loadStatisticsFixture } from './statistics-fixture-db';

describe('the IOPC figures in SQL (real Postgres)', () => {
  const base = new URL(loadConfig().DATABASE_URL);
  const name = `probity_stats_${randomUUID().slice(0, 8)}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  let db: Db;
  const prefix = 'fx';
  const ref = (id: string) => `CO-FIX-${id}-${prefix}`;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await migrate(url.toString());
    db = createDb(url.toString());
    await loadStatisticsFixture(db, FIXTURE, prefix);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('counts every figure of Q2 2026 and Q2 2025 as the pure rules do', async () => {
    for (const period of [Q2_2026, Q2_2025]) {
      expect(published(await countFigures(db, period))).toEqual(published(figuresOf(FIXTURE, period)));
    }
    expect(samePeriodLastYear(Q2_2026)).toEqual(Q2_2025);
  });

  it('gives the hand-worked headline figures (see the unit tests for the arithmetic)', async () => {
    const f = published(await countFigures(db, Q2_2026));
    expect(f).toMatchObject({
      casesLogged: 3,
      allegationsLogged: 5,
      averageWorkingDaysToLog: 1,
      averageWorkingDaysToFirstContact: 1.5,
      schedule3: { cases: 2, percent: 66.7 },
      finalisedOutsideSchedule3: { cases: 2, averageWorkingDays: 7.5 },
      finalisedUnderSchedule3: { cases: 2, averageWorkingDaysIncludingSuspension: 35.5, averageWorkingDaysExcludingSuspension: 31 },
      investigationsOpenBeyond12Months: 1,
    });
    expect(f.reviews).toEqual([
      { body: 'local-policing-body', received: 2, decided: 1, upheld: 1, percentUpheld: 100 },
      { body: 'iopc', received: 0, decided: 1, upheld: 0, percentUpheld: 0 },
    ]);
    expect(f.timeliness.slas.find((s) => s.task === 'first-contact')).toEqual({ task: 'first-contact', completed: 3, medianWorkingDays: 2, p90WorkingDays: 4.4, withinSlaPercent: 66.7, breaches: 1, escalations: 2 });
  });

  it('drills down to the cases behind each number', async () => {
    const refs = async (...args: Parameters<typeof casesBehind> extends [Db, ...infer R] ? R : never) => (await casesBehind(db, ...args)).cases.map((c) => c.ref);
    expect((await refs('logged', Q2_2026)).sort()).toEqual([ref('c1'), ref('c2'), ref('c3')]);
    expect(await refs('schedule-3', Q2_2026, { reason: 'dissatisfied-after-initial-handling' })).toEqual([ref('c3')]);
    expect(await refs('category', Q2_2026, { category: 'police-powers-policies-and-procedures' })).toEqual([ref('c2')]);
    expect(await refs('open-beyond-12-months', Q2_2026)).toEqual([ref('c6')]);
    expect(await refs('reviews-decided', Q2_2026, { body: 'local-policing-body', upheld: true })).toEqual([ref('c9')]);
    expect(await refs('stage', Q2_2026, { stage: 'first-contact', breached: true })).toEqual([ref('c3')]);
    expect(await refs('sla', Q2_2026, { task: 'first-contact', breached: true })).toEqual([ref('c3')]);
    // Most days first, with the days each case adds: C12 38, C2 33 (24 without its suspension).
    const under = await casesBehind(db, 'finalised-under-schedule-3', Q2_2026);
    expect(under).toEqual({
      total: 2,
      cases: [
        { ref: ref('c12'), kind: 'complaint', restricted: false, workingDays: 38, workingDaysExcludingSuspension: 38 },
        { ref: ref('c2'), kind: 'complaint', restricted: false, workingDays: 33, workingDaysExcludingSuspension: 24 },
      ],
    });
    expect((await casesBehind(db, 'logged', Q2_2026, {}, 1)).total).toBe(3);
  });

  it('keeps the London date beside each instant the figures count from, on insert and on every update', async () => {
    const id = `london-dates-${prefix}`;
    // 23:30Z on 1 July is 00:30 on 2 July in London (BST); 23:30Z on 1 December is still 1 December (GMT).
    await db.case.create({
      data: {
        id, ref: `CO-FIX-LD-${prefix}`, kind: 'complaint', channel: 'web', stage: 'handling', receivedAt: new Date('2026-07-01T23:30:00Z'), loggedAt: new Date('2026-07-02T10:00:00Z'),
        division: 'north', publicTokenHash: 'x', complainant: {}, incident: {}, subjects: [],
      },
    });
    // The columns are the statistics' own (not mapped in Prisma): read as they do, in SQL.
    const dates = async () => (await db.$queryRaw<Record<string, string | null>[]>`
      SELECT "receivedOn"::text AS "receivedOn", "loggedOn"::text AS "loggedOn", "firstContactOn"::text AS "firstContactOn", "finalisedOn"::text AS "finalisedOn" FROM "Case" WHERE "id" = ${id}`)[0]!;
    expect(await dates()).toEqual({ receivedOn: '2026-07-02', loggedOn: '2026-07-02', firstContactOn: null, finalisedOn: null });
    await db.case.update({ where: { id }, data: { firstContactAt: new Date('2026-12-01T23:30:00Z'), finalisedAt: new Date('2026-03-29T00:30:00Z') } });
    // 00:30Z on 29 March 2026 is 00:30 GMT, the clocks go forward at 01:00Z.
    expect(await dates()).toMatchObject({ firstContactOn: '2026-12-01', finalisedOn: '2026-03-29' });
    await db.stageTiming.create({ data: { id, caseId: id, stage: 'first-contact', enteredAt: new Date('2026-10-24T23:30:00Z') } });
    await db.stageTiming.update({ where: { id }, data: { leftAt: new Date('2026-10-25T23:30:00Z') } });
    await db.task.create({ data: { id, caseId: id, caseRef: `CO-FIX-LD-${prefix}`, workflowId: id, type: 'first-contact', assigneeId: 'x', dueAt: new Date(), createdAt: new Date('2026-10-24T23:30:00Z') } });
    // 24 October is BST (00:30 on the 25th), 25 October GMT after the clocks went back.
    expect((await db.$queryRaw<Record<string, string | null>[]>`SELECT "enteredOn"::text AS "enteredOn", "leftOn"::text AS "leftOn" FROM "StageTiming" WHERE "id" = ${id}`)[0]).toEqual({ enteredOn: '2026-10-25', leftOn: '2026-10-25' });
    expect((await db.$queryRaw<Record<string, string | null>[]>`SELECT "createdOn"::text AS "createdOn", "completedOn"::text AS "completedOn" FROM "Task" WHERE "id" = ${id}`)[0]).toEqual({ createdOn: '2026-10-25', completedOn: null });
    await db.task.delete({ where: { id } });
    await db.stageTiming.delete({ where: { id } });
    await db.case.delete({ where: { id } });
  });
});
