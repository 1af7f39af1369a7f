// The publication workflow's public contract (DOMAIN.md "Publication"): one short workflow per
// published misconduct hearing outcome, `publication-<ref>`, started idempotently by the activity
// that records the outcome (activities/src/publication.ts) — so the conduct workflow itself does
// not change. It shows the outcome on its first day and withdraws it when its period ends, on
// durable timers. Safe to import from services.
import { defineQuery } from '@temporalio/workflow';
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
}

export const publicationStateQuery = defineQuery<PublicationState>('state');
