// The publication workflow's public contract (DOMAIN.md "Publication"): one short workflow per
// published misconduct hearing outcome, `publication-<ref>`, started idempotently by the activity
// that records the outcome (activities/src/publication.ts) — so the conduct workflow itself does
// not change. It shows the outcome on its first day and withdraws it when its period ends, on
// durable timers. Safe to import from services.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '@probity/shared/auth';
import type { IsoDate } from '@probity/shared/domain/index';

export const PUBLICATION_WORKFLOW = 'publication';

/** One per conduct matter: a redelivered start finds the running (or finished) one. */
export const publicationWorkflowId = (ref: string) => `publication-${ref}`;

/** No personal data: the name (or its exception) stays in Postgres (Publication). */
export interface PublicationInput {
  caseId: string;
  ref: string;
  /** The first day it is shown (London). */
  publishFrom: IsoDate;
  /** The day it is withdrawn, at 00:00 London time. */
  withdrawOn: IsoDate;
}

export type PublicationStatus = 'scheduled' | 'published' | 'withdrawn';

export interface PublicationState {
  ref: string;
  status: PublicationStatus;
  publishFrom: IsoDate;
  withdrawOn: IsoDate;
  publishedAt?: string;
  withdrawnAt?: string;
  /** Withdrawn before its period ended (withdrawEarlyUpdate); the reason is kept in Postgres only. */
  withdrawnEarly?: boolean;
}

export const publicationStateQuery = defineQuery<PublicationState>('state');

/**
 * Withdrawing a published (or scheduled) outcome before its period ends — an appeal succeeded, a
 * court ordered it — by a PSD manager or the head of PSD, with the reason (no personal data: the
 * casework service checks it before it is sent). The update returns once the Publication row says
 * withdrawn, so the public page has stopped listing it.
 */
export interface EarlyWithdrawal {
  actor: Actor;
  reason: string;
}

export const withdrawEarlyUpdate = defineUpdate<PublicationState, [EarlyWithdrawal]>('withdrawEarly');

/** Who may withdraw a publication early: the appropriate authority's managers in PSD. */
export const EARLY_WITHDRAWAL_ROLES = ['psd-manager', 'head-of-psd'] as const;
export const EARLY_WITHDRAWAL_REASON = { min: 10, max: 500 } as const;

export class PublicationRefusal extends Error {
  override readonly name = 'PublicationRefusal';
}

/** Why this early withdrawal is refused now (null when it is not), the rule in words. */
export function earlyWithdrawalRefusal(state: Pick<PublicationState, 'ref' | 'status' | 'withdrawOn'>, requested: boolean, w: EarlyWithdrawal): string | null {
  if (!(EARLY_WITHDRAWAL_ROLES as readonly string[]).includes(w.actor.role)) return 'only a PSD manager or the head of PSD may withdraw a published hearing outcome early';
  if (state.status === 'withdrawn' || requested) return `the outcome of ${state.ref} is already withdrawn`;
  const reason = w.reason.trim();
  if (reason.length < EARLY_WITHDRAWAL_REASON.min) return `reason: say why it is withdrawn before ${state.withdrawOn} (at least ${EARLY_WITHDRAWAL_REASON.min} characters), e.g. the appeal succeeded`;
  if (reason.length > EARLY_WITHDRAWAL_REASON.max) return `reason: at most ${EARLY_WITHDRAWAL_REASON.max} characters`;
  return null;
}
