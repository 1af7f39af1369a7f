// The complaint record's writes (real Postgres), as the workflow makes them: each one repeatable,
// and together the columns the IOPC's figures are counted from.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { uniqueId } from '@probity/shared/testing/temporal';
import { complaintRecordActivities, recordedHandlingMode } from './complaint-record';

const db = createDb(loadConfig().DATABASE_URL);
const acts = complaintRecordActivities(db);
const ids: string[] = [];

async function storeCase(allegations: number) {
  const id = randomUUID();
  ids.push(id);
  await db.case.create({
    data: {
      id, ref: uniqueId('CO-TEST-REC'), kind: 'complaint', channel: 'web', stage: 'assessment', receivedAt: new Date('2026-03-02T09:00:00Z'),
      publicTokenHash: 'x', complainant: {}, incident: {}, subjects: [],
      allegations: { create: Array.from({ length: allegations }, (_, i) => ({ id: `${id}:a${i + 1}`, seq: i + 1, category: 'other', subCategory: 'other', description: 'x' })) },
    },
  });
  return id;
}

afterAll(async () => {
  await db.allegationOutcome.deleteMany({ where: { caseId: { in: ids } } });
  await db.allegation.deleteMany({ where: { caseId: { in: ids } } });
  await db.schedule3Reason.deleteMany({ where: { caseId: { in: ids } } });
  await db.suspensionPeriod.deleteMany({ where: { caseId: { in: ids } } });
  await db.complaintReview.deleteMany({ where: { caseId: { in: ids } } });
  await db.case.deleteMany({ where: { id: { in: ids } } });
  await db.$disconnect();
});

describe('the complaint record (real Postgres)', () => {
  it('names the handling mode as the IOPC does', () => {
    expect(recordedHandlingMode('reasonable-and-proportionate')).toBe('otherwise-than-by-investigation');
    expect(recordedHandlingMode('investigation')).toBe('local-investigation');
    expect(recordedHandlingMode('investigation', 'directed')).toBe('directed-investigation');
    expect(recordedHandlingMode('investigation', 'independent')).toBe('independent-investigation');
  });

  it('records the assessment: Schedule 3, when, why (with the IOPC reason), the mode, and the allegations recoded', async () => {
    const caseId = await storeCase(1);
    const a = {
      caseId, at: '2026-03-05T10:00:00.000Z', handling: 'schedule-3' as const, handlingMode: 'investigation' as const, referToIopc: true,
      schedule3Reasons: [{ code: 'possible-disciplinary-proceedings' as const, allegationIds: [`${caseId}:a1`] }, { code: 'mandatory-referral' as const, allegationIds: [`${caseId}:a1`] }],
      allegations: [{ id: `${caseId}:a1`, category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose', factors: ['vulnerable-person'] }],
      restricted: true,
    };
    await acts.recordAssessment(a);
    await acts.recordAssessment(a); // an activity retry
    const row = await db.case.findUniqueOrThrow({ where: { id: caseId }, include: { schedule3Reasons: { orderBy: { ground: 'asc' } }, allegations: true } });
    expect(row).toMatchObject({ handling: 'schedule-3', handlingMode: 'local-investigation', referToIopc: true, restricted: true, schedule3At: new Date(a.at) });
    expect(row.schedule3Reasons.map((r) => [r.ground, r.reason])).toEqual([
      ['mandatory-referral', 'mandatory-referral'],
      ['possible-disciplinary-proceedings', 'appropriate-authority-decides'],
    ]);
    expect(row.allegations[0]).toMatchObject({ category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose', factors: ['vulnerable-person'] });

    await acts.recordIopcDecision({ caseId, at: '2026-03-06T10:00:00.000Z', iopcReference: 'IOPC-1', decision: 'directed' });
    expect(await db.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ iopcModeDecision: 'directed', iopcReference: 'IOPC-1', handlingMode: 'directed-investigation' });
  });

  it('finalises a case when every allegation has its outcome; a move under Schedule 3 opens it again', async () => {
    const caseId = await storeCase(2);
    await acts.recordAssessment({ caseId, at: '2026-03-05T10:00:00.000Z', handling: 'outside-schedule-3', handlingMode: 'reasonable-and-proportionate', referToIopc: false, schedule3Reasons: [] });
    const round1 = (outcomes: { allegationId: string; outcome: 'service-acceptable' | 'service-not-acceptable'; actions: ('apology' | 'explanation')[] }[]) =>
      acts.recordAllegationOutcomes({ caseId, at: '2026-03-20T10:00:00.000Z', round: 1, handling: 'outside-schedule-3', handlingMode: 'reasonable-and-proportionate', decidedById: 'south-lead', outcomes });
    await round1([{ allegationId: `${caseId}:a1`, outcome: 'service-acceptable', actions: ['explanation'] }]);
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).finalisedAt).toBeNull();
    await round1([{ allegationId: `${caseId}:a2`, outcome: 'service-not-acceptable', actions: ['apology'] }]);
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).finalisedAt).toEqual(new Date('2026-03-20T10:00:00.000Z'));
    const outcomes = await db.allegationOutcome.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
    expect(outcomes.map((o) => [o.round, o.handling, o.handlingMode, o.outcome, o.actions])).toEqual([
      [1, 'outside-schedule-3', 'otherwise-than-by-investigation', 'service-acceptable', ['explanation']],
      [1, 'outside-schedule-3', 'otherwise-than-by-investigation', 'service-not-acceptable', ['apology']],
    ]);

    await acts.recordMovedUnderSchedule3({ caseId, at: '2026-04-01T10:00:00.000Z' });
    const moved = await db.case.findUniqueOrThrow({ where: { id: caseId }, include: { schedule3Reasons: true } });
    expect(moved).toMatchObject({ handling: 'schedule-3', finalisedAt: null, schedule3At: new Date('2026-04-01T10:00:00.000Z') });
    expect(moved.schedule3Reasons.map((r) => [r.ground, r.reason])).toEqual([['dissatisfied-after-initial-handling', 'dissatisfied-after-initial-handling']]);
  });

  it('opens and closes a suspension, and records a review with its body and decision', async () => {
    const caseId = await storeCase(1);
    await acts.openSuspension({ id: `${caseId}:s1`, caseId, reason: 'sub-judice', at: '2026-05-01T10:00:00.000Z', byId: 'psd-manager' });
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).suspended).toBe(true);
    await acts.closeSuspension({ id: `${caseId}:s1`, caseId, at: '2026-06-01T10:00:00.000Z', byId: 'psd-manager' });
    await acts.closeSuspension({ id: `${caseId}:s1`, caseId, at: '2026-06-02T10:00:00.000Z', byId: 'psd-manager' }); // a retry keeps the first end
    expect(await db.suspensionPeriod.findUniqueOrThrow({ where: { id: `${caseId}:s1` } })).toMatchObject({ reason: 'sub-judice', endedAt: new Date('2026-06-01T10:00:00.000Z'), endedById: 'psd-manager' });
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).suspended).toBe(false);

    await acts.openReview({ caseId, n: 1, body: 'local-policing-body', bodyReason: 'none of the IOPC grounds apply', appliedOn: '2026-07-01' });
    await acts.recordReviewDecision({
      caseId, n: 1, reviewerId: 'pcc-review-officer', at: '2026-07-20T10:00:00.000Z',
      decision: { outcome: 'upheld', reasonableAndProportionate: false, recommendations: [{ kind: 'reinvestigate', detail: 're-interview the witness' }, { kind: 'refer-to-iopc', detail: 'refer the use of force' }], rationale: 'the witness was not spoken to' },
    });
    expect(await db.complaintReview.findUniqueOrThrow({ where: { caseId_n: { caseId, n: 1 } } })).toMatchObject({
      body: 'local-policing-body', outcome: 'upheld', reasonableAndProportionate: false, recommendations: [{ kind: 'reinvestigate', detail: 're-interview the witness' }, { kind: 'refer-to-iopc', detail: 'refer the use of force' }], reviewerId: 'pcc-review-officer',
    });
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).reviewBody).toBe('local-policing-body');
  });
});
