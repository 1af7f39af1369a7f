// Who may see a case and work on it, in every API route and page of casework (DOMAIN.md "Access,
// conflicts and the complaint's route"), from the one rule shared/src/domain/case-access.ts and
// its loader shared/src/cases/case-access.ts (which audits every read of a restricted case):
// - reading a case's record needs the full rule (restricted, conflict, need to know);
// - acting on a case, or opening one of its tasks, needs the person not to be barred from it
//   (restricted from them, or about themselves or their team); the workflow judges the rest;
// - a restricted case answers exactly as a missing one does, so its existence never leaks.
import type { Actor } from '@probity/shared/auth';
import { authoriseCaseRead, barredFromCase, casesHiddenFrom } from '@probity/shared/cases/case-access';
import type { Db } from '@probity/shared/db/client';
import { HttpError } from '@probity/shared/http/errors';
import { NotAllowed, PageNotFound } from '@probity/shared/web/pages';

/** How one route says "no such case"; a restricted case gets the very same answer. */
export interface NotFoundAnswer {
  code?: string;
  message: string;
}

type Need = 'record' | 'work';

type Access = { ok: true; caseId: string; readsRecord: boolean } | { ok: false; status: 403 | 404; reason: string; refusal: string };

async function decide(db: Db, ref: string, actor: Actor, need: Need, what: string): Promise<Access> {
  const d = await authoriseCaseRead(db, ref, actor, what);
  if (d.allowed) return { ok: true, caseId: d.caseId, readsRecord: true };
  if (need === 'work' && !barredFromCase(d) && d.caseId) return { ok: true, caseId: d.caseId, readsRecord: false };
  return { ok: false, status: d.status, reason: d.reason, refusal: d.refusal };
}

/** API: the case's id when the actor may (read its record | work on it); else the route's 404, or 403 with the rule's reason. */
export async function apiCaseAccess(db: Db, ref: string, actor: Actor, opts: { need: Need; what: string; notFound: NotFoundAnswer }): Promise<string> {
  const a = await decide(db, ref, actor, opts.need, opts.what);
  if (a.ok) return a.caseId;
  if (a.status === 404) throw new HttpError(404, opts.notFound.code ?? 'not_found', opts.notFound.message);
  throw new HttpError(403, 'forbidden', a.reason, { basis: a.refusal === 'conflict' ? 'conflict-of-interest' : 'need-to-know' });
}

/**
 * Pages: the case's id, and whether the person may also read its record (the task page's back
 * link), when allowed; else the ordinary "page not found" (restricted or missing) or the "not
 * allowed" page with the reason.
 */
export async function pageCaseAccess(db: Db, ref: string, actor: Actor, opts: { need: Need; what: string }): Promise<{ caseId: string; readsRecord: boolean }> {
  const a = await decide(db, ref, actor, opts.need, opts.what);
  if (a.ok) return a;
  if (a.status === 404) throw new PageNotFound();
  throw new NotAllowed(a.refusal === 'conflict' ? `You cannot see or work on this case: ${a.reason}.` : 'Only PSD, the people working on a case, and the divisional lead of the division it is allocated to may see it.');
}

/**
 * Of these cases (by id), the refs a list may show this person (an early-intervention flag's
 * cases): every case barred from them (restricted, about themselves or their team) is left out
 * and counted, as a list entry is not a read of the case.
 */
export async function listableCases(db: Db, actor: Actor, caseIds: readonly string[]): Promise<{ refs: string[]; notListed: number }> {
  const rows = await db.case.findMany({ where: { id: { in: [...caseIds] } }, select: { ref: true }, orderBy: { ref: 'asc' } });
  const hidden = await casesHiddenFrom(db, actor, rows.map((r) => r.ref));
  const refs = rows.map((r) => r.ref).filter((r) => !hidden.has(r));
  return { refs, notListed: caseIds.length - refs.length };
}
