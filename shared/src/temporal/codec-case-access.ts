// Which cases a decode request reveals, and whether the caller may see them (DOMAIN.md
// "Restricted cases"; "Temporal is not a way around the rules"). The Temporal UI's codec call
// names no workflow — it sends only the payloads, X-Namespace and the caller's credentials, and a
// cross-origin Referer carries only the UI's origin — so the cases are found where they are
// named: a case reference or workflow id in the decoded payloads themselves (every workflow input,
// task and update of a case carries its ref), a case id (activity inputs such as audit entries and
// stage timings name the case by its id only), and an X-Probity-Workflow-Id header when a client
// such as a script sends one. A caller barred from any of them (a restricted case outside the
// counter-corruption unit and the head of PSD, or a case about themselves or their team) gets
// nothing decoded; every decode of a restricted case is audited, allowed or refused.
import type { Payload } from '@temporalio/common';
import type { Actor } from '../auth';
import { authoriseCaseRead, barredFromCase } from '../cases/case-access';
import type { Db } from '../db/client';

export const WORKFLOW_ID_HEADER = 'x-probity-workflow-id';

const CASE_REF = /\b[A-Z]{2}-\d{4}-\d{6,}\b/g;
const CASE_ID = /"caseId"\s*:\s*"([^"\\]{1,200})"/g;

export interface CasesNamed {
  refs: string[];
  /** Case ids named by a `caseId` field; the cases they are looked up to. */
  caseIds: string[];
}

/** Every case reference and case id named by the header or the decoded payloads' data, once each. */
export function casesNamed(workflowIdHeader: string | undefined, decoded: readonly Payload[]): CasesNamed {
  const texts = [workflowIdHeader ?? '', ...decoded.map((p) => (p.data ? Buffer.from(p.data).toString('utf8') : ''))];
  return {
    refs: [...new Set(texts.flatMap((t) => t.match(CASE_REF) ?? []))],
    caseIds: [...new Set(texts.flatMap((t) => [...t.matchAll(CASE_ID)].map((m) => m[1]!)))],
  };
}

export type CodecCaseDecision = { allowed: true } | { allowed: false; message: string };

export type CodecCaseAccess = (actor: Actor, named: CasesNamed) => Promise<CodecCaseDecision>;

/** The case-record rule, applied to every case a decode would show. */
export function codecCaseAccess(db: Db): CodecCaseAccess {
  return async (actor, named) => {
    const byId = named.caseIds.length ? await db.case.findMany({ where: { id: { in: named.caseIds } }, select: { ref: true } }) : [];
    const refs = [...new Set([...named.refs, ...byId.map((c) => c.ref)])];
    let barred = false;
    // Every case is checked (not only up to the first refusal), so each restricted one is audited.
    for (const ref of refs) {
      const answer = await authoriseCaseRead(db, ref, actor, 'temporal-payloads');
      if (!answer.allowed && answer.refusal !== 'missing' && barredFromCase(answer)) barred = true;
    }
    return barred ? { allowed: false, message: 'these payloads belong to a case you may not see' } : { allowed: true };
  };
}
