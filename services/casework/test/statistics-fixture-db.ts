// Loads the statistics fixture (src/statistics/fixture.ts) into a real Postgres, every id and
// reference prefixed so that runs and other tests' rows never meet. Only the columns the figures
// are counted from carry meaning; the rest are the least a Case needs.
import type { Db } from '@probity/shared/db/client';
import type { StatisticsRecord } from '../src/statistics/record';

export async function loadStatisticsFixture(db: Db, fixture: StatisticsRecord, prefix: string): Promise<void> {
  const id = (caseId: string) => `${prefix}-${caseId}`;
  await db.case.createMany({
    data: fixture.cases.map((c) => ({
      ...c,
      id: id(c.id),
      ref: `${c.ref}-${prefix}`,
      channel: 'web',
      stage: c.finalisedAt ? 'closed' : 'handling',
      publicTokenHash: 'fixture',
      complainant: {},
      incident: {},
      subjects: [],
    })),
  });
  await db.allegation.createMany({
    data: fixture.allegations.map((a, i) => ({ ...a, id: `${prefix}-a${i}`, caseId: id(a.caseId), seq: i + 1, description: 'fixture' })),
  });
  await db.schedule3Reason.createMany({
    data: fixture.schedule3Reasons.map((r) => ({ caseId: id(r.caseId), ground: r.reason, reason: r.reason, allegationIds: [], recordedAt: new Date() })),
  });
  await db.suspensionPeriod.createMany({
    data: fixture.suspensions.map((s, i) => ({ ...s, id: `${prefix}-s${i}`, caseId: id(s.caseId), reason: 'sub-judice', startedById: 'fixture' })),
  });
  const reviewN = new Map<string, number>();
  await db.complaintReview.createMany({
    data: fixture.reviews.map((v) => {
      const nth = (reviewN.get(v.caseId) ?? 0) + 1;
      reviewN.set(v.caseId, nth);
      return { ...v, id: `${id(v.caseId)}:${nth}`, caseId: id(v.caseId), n: nth, bodyReason: 'fixture', appliedOn: new Date(`${v.appliedOn}T00:00:00.000Z`) };
    }),
  });
  await db.stageTiming.createMany({
    data: fixture.stageTimings.map((t, i) => ({ ...t, id: `${prefix}-st${i}`, caseId: id(t.caseId) })),
  });
  await db.task.createMany({
    data: fixture.tasks.map((t, i) => ({
      ...t,
      id: `${prefix}-t${i}`,
      caseId: id(t.caseId),
      caseRef: `${fixture.cases.find((c) => c.id === t.caseId)!.ref}-${prefix}`,
      workflowId: `fixture-${prefix}`,
      assigneeId: 'fixture',
    })),
  });
}

/** Removes what loadStatisticsFixture wrote under this prefix. */
export async function removeStatisticsFixture(db: Db, prefix: string): Promise<void> {
  const caseId = { startsWith: `${prefix}-` };
  await db.task.deleteMany({ where: { caseId } });
  await db.stageTiming.deleteMany({ where: { caseId } });
  await db.complaintReview.deleteMany({ where: { caseId } });
  await db.suspensionPeriod.deleteMany({ where: { caseId } });
  await db.schedule3Reason.deleteMany({ where: { caseId } });
  await db.allegation.deleteMany({ where: { caseId } });
  await db.case.deleteMany({ where: { id: caseId } });
}
