// The complainant's way in, with their reference and case token instead of an account, shared by
// the JSON API and the progress pages: which case a token opens, where it stands, and asking for
// a review (C&M reg 29). A wrong token and an unknown reference look the same, so references
// cannot be probed.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { caseTokenMatches } from '@probity/shared/complaint/case-token';
import { PUBLIC_ACTOR_ID } from '@probity/shared/complaint/complaint-store';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import type { ComplaintState } from '@probity/workflows/complaint/contract';

const CASE_FIELDS = { id: true, ref: true, stage: true, receivedAt: true, updatedAt: true, closedAt: true } as const;

export interface OpenedCase {
  id: string;
  ref: string;
  stage: string;
  receivedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

/** The complaint the reference and token open, or null (unknown reference and wrong token alike). */
export async function caseForToken(db: Db, ref: string, token: string | undefined): Promise<OpenedCase | null> {
  const row = await db.case.findUnique({ where: { ref }, select: { ...CASE_FIELDS, kind: true, publicTokenHash: true } });
  if (!caseTokenMatches(token, row?.publicTokenHash ?? null) || !row || row.kind !== 'complaint') return null;
  const { publicTokenHash: _hash, kind: _kind, ...opened } = row;
  return opened;
}

/** The same case again, by id, once a token has opened it in this browser session. */
export async function caseById(db: Db, id: string): Promise<OpenedCase | null> {
  return db.case.findUnique({ where: { id }, select: CASE_FIELDS });
}

export interface Progress {
  ref: string;
  stage: string;
  receivedAt: string;
  lastUpdatedAt: string;
  closedAt?: string;
  /** Last day to ask for a review, once the outcome has been sent. */
  reviewWindowClosesOn?: string;
}

export interface ProgressDeps {
  workflows: ComplaintWorkflows;
  log: Logger;
  /** How long to wait for the workflow (the review window) before answering without it. */
  stateTimeoutMs?: number;
}

/** Where the complaint stands: the case record, and the review window from its workflow if it answers. */
export async function progressOf(deps: ProgressDeps, c: OpenedCase): Promise<Progress> {
  let reviewWindowClosesOn: string | undefined;
  try {
    reviewWindowClosesOn = (await deps.workflows.state(c.ref, deps.stateTimeoutMs ?? 2_000)).reviewWindowClosesOn;
  } catch (err) {
    if (!(err instanceof WorkflowNotFound)) deps.log.debug({ ref: c.ref, err: (err as Error).message }, 'progress without workflow state');
  }
  return {
    ref: c.ref,
    stage: c.stage,
    receivedAt: c.receivedAt.toISOString(),
    lastUpdatedAt: c.updatedAt.toISOString(),
    ...(c.closedAt && { closedAt: c.closedAt.toISOString() }),
    ...(reviewWindowClosesOn && { reviewWindowClosesOn }),
  };
}

/** A review application (C&M reg 29): the complainant says why they want the outcome reviewed. */
export const reviewRequestSchema = z.object({
  reason: z
    .string({ error: (iss) => (iss.input === undefined ? 'Tell us why you want the outcome reviewed' : 'The reason must be text') })
    .trim()
    .min(1, 'Tell us why you want the outcome reviewed')
    .max(5_000, 'The reason must be 5,000 characters or fewer'),
});
export type ReviewRequestBody = z.infer<typeof reviewRequestSchema>;

export type ReviewAnswer =
  | { kind: 'accepted'; state: ComplaintState }
  /** The workflow said no: `reason` is its validator's (the window closed, the wrong stage…). */
  | { kind: 'refused'; reason: string }
  | { kind: 'unavailable' };

export const NOT_OPEN_FOR_REVIEW = 'This complaint is not open for review: a review can be asked for once you have been told the outcome.';

/**
 * Asks the workflow for a review. The application and its reason are written to the case's
 * audit trail first, so an accepted review never lacks its grounds even if this process dies;
 * the entry then records what the workflow answered.
 */
export async function requestReview(deps: { db: Db; log: Logger; workflows: ComplaintWorkflows }, c: OpenedCase, body: ReviewRequestBody): Promise<ReviewAnswer> {
  const entry = await deps.db.auditEntry.create({
    data: { id: randomUUID(), caseId: c.id, at: new Date(), actorId: PUBLIC_ACTOR_ID, action: 'review-application', detail: { reason: body.reason, answer: 'pending' } },
  });
  const answer = await askWorkflow(deps.workflows, c.ref);
  const detail = answer.kind === 'refused' ? { reason: body.reason, answer: 'refused', refusal: answer.reason } : { reason: body.reason, answer: answer.kind };
  await deps.db.auditEntry.update({ where: { id: entry.id }, data: { detail } });
  deps.log.info({ caseId: c.id, ref: c.ref, answer: answer.kind }, 'review requested by complainant');
  return answer;
}

async function askWorkflow(workflows: ComplaintWorkflows, ref: string): Promise<ReviewAnswer> {
  try {
    return { kind: 'accepted', state: await workflows.requestReview(ref, { by: { complainant: true } }) };
  } catch (err) {
    if (err instanceof WorkflowRefused) return { kind: 'refused', reason: err.message };
    if (err instanceof WorkflowNotFound) return { kind: 'refused', reason: NOT_OPEN_FOR_REVIEW };
    if (err instanceof WorkflowUnavailable) return { kind: 'unavailable' };
    throw err;
  }
}
