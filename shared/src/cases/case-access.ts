// "May this person read this case?" against the record: the facts the pure rule needs
// (shared/src/domain/case-access.ts mayReadCase), loaded from Postgres, the decision, and the
// audit entry every read of a restricted case leaves (allowed or not). Every API and page that
// shows a case asks here; a 404 for a restricted case says nothing of whether it exists.
import { randomUUID } from 'node:crypto';
import type { Db } from '@probity/shared/db/client';
import { mayReadCase, type CaseAccessFacts, type CaseReadDecision, type CaseViewer, type ReviewBody } from '@probity/shared/domain/index';

export interface CaseFacts {
  caseId: string;
  ref: string;
  facts: CaseAccessFacts;
}

/** The facts that decide who may read each of these cases, by reference; a missing case has no entry. */
export async function caseAccessFactsOf(db: Db, refs: readonly string[]): Promise<Map<string, CaseFacts>> {
  const rows = refs.length
    ? await db.case.findMany({
        where: { ref: { in: [...new Set(refs)] } },
        select: {
          id: true, ref: true, kind: true, restricted: true, division: true, assigneeId: true, recordedById: true, reviewBody: true, subjects: true,
          caseSubjects: { select: { personId: true, team: true, division: true } },
        },
      })
    : [];
  const ids = rows.map((r) => r.id);
  const conductIds = rows.filter((r) => r.kind === 'conduct').map((r) => r.id);
  const [tasks, matters] = await Promise.all([
    ids.length ? db.task.findMany({ where: { caseId: { in: ids } }, select: { caseId: true, assigneeId: true }, distinct: ['caseId', 'assigneeId'] }) : [],
    conductIds.length ? db.conductMatter.findMany({ where: { caseId: { in: conductIds } }, select: { caseId: true, raisedById: true, subjectPersonId: true } }) : [],
  ]);
  const found = new Map<string, CaseFacts>();
  for (const row of rows) {
    const matter = matters.find((m) => m.caseId === row.id);
    // Cases stored before the CaseSubject table keep their subjects in Case.subjects only.
    const legacy = Array.isArray(row.subjects) ? (row.subjects as { personId?: string; team?: string; division?: string }[]) : [];
    const subjects = [...row.caseSubjects, ...legacy, ...(matter ? [{ personId: matter.subjectPersonId }] : [])].map((s) => ({
      ...(s.personId ? { personId: s.personId } : {}),
      ...(s.team ? { team: s.team } : {}),
      ...(s.division ? { division: s.division } : {}),
    }));
    found.set(row.ref, {
      caseId: row.id,
      ref: row.ref,
      facts: {
        kind: row.kind === 'conduct' ? 'conduct' : 'complaint',
        restricted: row.restricted,
        subjects,
        allocatedDivision: row.division,
        assigneeId: row.assigneeId,
        recordedById: row.recordedById,
        raisedById: matter?.raisedById ?? null,
        taskAssigneeIds: tasks.filter((t) => t.caseId === row.id).map((t) => t.assigneeId),
        reviewBody: (row.reviewBody as ReviewBody | null) ?? null,
      },
    });
  }
  return found;
}

/** The facts of a case that decide who may read it, or null when there is no such case. */
export async function caseAccessFacts(db: Db, ref: string): Promise<CaseFacts | null> {
  return (await caseAccessFactsOf(db, [ref])).get(ref) ?? null;
}

export type CaseReadAnswer = (CaseReadDecision & { caseId: string }) | { allowed: false; status: 404; reason: string; audit: false; refusal: 'missing'; caseId?: undefined };

/** The decision for `viewer` reading case `ref`, audited when the case is restricted. */
export async function authoriseCaseRead(db: Db, ref: string, viewer: CaseViewer, what = 'case-record'): Promise<CaseReadAnswer> {
  const found = await caseAccessFacts(db, ref);
  if (!found) return { allowed: false, status: 404, reason: 'no such case', audit: false, refusal: 'missing' };
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

/** Whether a refusal bars the person from the case altogether: restricted from them, or about themselves or their team. */
export const barredFromCase = (d: { allowed: boolean; refusal?: string }) => !d.allowed && d.refusal !== 'need-to-know';

/**
 * Which of these cases a list (inbox, oversight, notifications) must leave out for the viewer:
 * every case barred from them. Need to know is the record's rule, not the list's: a manager sees
 * the tasks of the people they manage. A list entry is not a read of the case, so not audited.
 */
export async function casesHiddenFrom(db: Db, viewer: CaseViewer, refs: readonly string[]): Promise<Set<string>> {
  const facts = await caseAccessFactsOf(db, refs);
  const hidden = new Set<string>();
  for (const [ref, f] of facts) if (barredFromCase(mayReadCase(viewer, f.facts))) hidden.add(ref);
  return hidden;
}
