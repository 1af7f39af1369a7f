// The read rule against the record (real Postgres): the facts come from the case, its subjects and
// its tasks; every read of a restricted case is audited, allowed or not.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createDb } from '../db/client';
import { uniqueId } from '../testing/temporal';
import { authoriseCaseRead } from './case-access';

const db = createDb(loadConfig().DATABASE_URL);
const ids: string[] = [];
const viewer = (id: string, role: string, team: string, division: string) => ({ id, role, team, division });

async function storeCase(over: { restricted?: boolean; division?: string; subjectTeam: string; subjectId?: string; taskFor?: string }) {
  const id = randomUUID();
  const ref = uniqueId('CO-TEST-ACCESS');
  ids.push(id);
  await db.case.create({
    data: {
      id, ref, kind: 'complaint', channel: 'web', stage: 'handling', receivedAt: new Date(), publicTokenHash: 'x', complainant: {}, incident: {}, subjects: [],
      restricted: over.restricted ?? false, division: over.division ?? null,
      caseSubjects: { create: [{ id: randomUUID(), seq: 1, kind: 'officer', team: over.subjectTeam, personId: over.subjectId ?? null }] },
    },
  });
  if (over.taskFor) {
    await db.task.create({ data: { id: uniqueId('access-task'), caseId: id, caseRef: ref, workflowId: `complaint-${ref}`, type: 'handling', assigneeId: over.taskFor, dueAt: new Date(), createdAt: new Date() } });
  }
  return { id, ref };
}

beforeAll(async () => {
  await db.$connect();
});

afterAll(async () => {
  await db.task.deleteMany({ where: { caseId: { in: ids } } });
  await db.auditEntry.deleteMany({ where: { caseId: { in: ids } } });
  await db.caseSubject.deleteMany({ where: { caseId: { in: ids } } });
  await db.case.deleteMany({ where: { id: { in: ids } } });
  await db.$disconnect();
});

describe('authoriseCaseRead (real Postgres)', () => {
  it('keeps a restricted case from everyone but the counter-corruption unit and the head of PSD, auditing every read', async () => {
    const { id, ref } = await storeCase({ restricted: true, subjectTeam: 'north-response' });
    expect(await authoriseCaseRead(db, ref, viewer('ccu-handler', 'psd-handler', 'counter-corruption', 'hq'))).toMatchObject({ allowed: true, caseId: id });
    expect(await authoriseCaseRead(db, ref, viewer('psd-manager', 'psd-manager', 'psd', 'hq'))).toMatchObject({ allowed: false, status: 404, reason: 'no such case' });
    const audit = await db.auditEntry.findMany({ where: { caseId: id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => [a.actorId, a.action])).toEqual([
      ['ccu-handler', 'restricted-case-read'],
      ['psd-manager', 'restricted-case-read-refused'],
    ]);
  });

  it('refuses a PSD handler a complaint about themselves; lets a divisional lead read their division’s case, and the assignee of a task', async () => {
    const own = await storeCase({ subjectTeam: 'psd', subjectId: 'psd-handler-1' });
    expect(await authoriseCaseRead(db, own.ref, viewer('psd-handler-1', 'psd-handler', 'psd', 'hq'))).toMatchObject({ allowed: false, status: 403, reason: expect.stringMatching(/conflict of interest/) });
    const north = await storeCase({ subjectTeam: 'south-response', division: 'north', taskFor: 'south-constable' });
    expect(await authoriseCaseRead(db, north.ref, viewer('north-lead', 'divisional-lead', 'north-command', 'north'))).toMatchObject({ allowed: true });
    expect(await authoriseCaseRead(db, north.ref, viewer('south-lead', 'divisional-lead', 'south-command', 'south'))).toMatchObject({ allowed: false, status: 403 });
    expect(await authoriseCaseRead(db, north.ref, viewer('south-constable', 'front-line', 'south-team-x', 'south'))).toMatchObject({ allowed: true, basis: 'works on the case' });
    expect(await db.auditEntry.count({ where: { caseId: { in: [own.id, north.id] } } })).toBe(0);
    expect(await authoriseCaseRead(db, 'CO-1999-000001', viewer('psd-manager', 'psd-manager', 'psd', 'hq'))).toMatchObject({ allowed: false, status: 404 });
  });
});
