// "May this person read this case?" against the record: the facts the pure rule needs
// (shared/src/domain/case-access.ts mayReadCase), loaded from Postgres, the decision, and the
// audit entry every read of a restricted case leaves (allowed or not). Every API and page that
// shows a case asks here; a 404 for a restricted case says nothing of whether it exists.
import { randomUUID } from 'node:crypto';
import type { Db } from '@probity/shared/db/client';
import { mayReadCase, type CaseAccessFacts, type CaseReadDecision, type CaseViewer, type ReviewBody } from '@probity/shared/domain/index';

/** The facts of a case that decide who may read it, or null when there is no such case. */
export async function caseAccessFacts(db: Db, ref: string): Promise<{ caseId: string; facts: CaseAccessFacts } | null> {
  const row = await db.case.findUnique({
    where: { ref },
    select: {
      id: true, kind: true, restricted: true, division: true, assigneeId: true, recordedById: true, reviewBody: true, subjects: true,
      caseSubjects: { select: { personId: true, team: true, division: true } },
    },
  });
  if (!row) return null;
  const [tasks, matter] = await Promise.all([
    db.task.findMany({ where: { caseId: row.id }, select: { assigneeId: true }, distinct: ['assigneeId'] }),
    row.kind === 'conduct' ? db.conductMatter.findUnique({ where: { caseId: row.id }, select: { raisedById: true, subjectPersonId: true } }) : null,
  ]);
  // Cases stored before the CaseSubject table keep their subjects in Case.subjects only.
  const legacy = Array.isArray(row.subjects) ? (row.subjects as { personId?: string; team?: string; division?: string }[]) : [];
  const subjects = [...row.caseSubjects, ...legacy, ...(matter ? [{ personId: matter.subjectPersonId }] : [])].map((s) => ({
    ...(s.personId ? { personId: s.personId } : {}),
    ...(s.team ? { team: s.team } : {}),
    ...(s.division ? { division: s.division } : {}),
  }));
  return {
    caseId: row.id,
    facts: {
      kind: row.kind === 'conduct' ? 'conduct' : 'complaint',
      restricted: row.restricted,
      subjects,
      allocatedDivision: row.division,
      assigneeId: row.assigneeId,
      recordedById: row.recordedById,
      raisedById: matter?.raisedById ?? null,
      taskAssigneeIds: tasks.map((t) => t.assigneeId),
      reviewBody: (row.reviewBody as ReviewBody | null) ?? null,
    },
  };
}

export type CaseReadAnswer = (CaseReadDecision & { caseId: string }) | { allowed: false; status: 404; reason: string; audit: false; caseId?: undefined };

/** The decision for `viewer` reading case `ref`, audited when the case is restricted. */
export async function authoriseCaseRead(db: Db, ref: string, viewer: CaseViewer, what = 'case-record'): Promise<CaseReadAnswer> {
  const found = await caseAccessFacts(db, ref);
  if (!found) return { allowed: false, status: 404, reason: 'no such case', audit: false };
  const decision = mayReadCase(viewer, found.facts);
  if (decision.audit) {
    await db.auditEntry.create({
      data: {
        id: randomUUID(), caseId: found.caseId, at: new Date(), actorId: viewer.id,
        action: decision.allowed ? 'restricted-case-read' : 'restricted-case-read-refused',
        detail: { what, ...(decision.allowed ? { basis: decision.basis } : { status: decision.status }) },
      },
    });
  }
  return { ...decision, caseId: found.caseId };
}
