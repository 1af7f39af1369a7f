// What every case workflow (and the policy review) answers to beyond its own contract: the ops
// signal that retries a workflow stalled on data that has since been fixed. Safe to import from
// services and tools (no workflow-only APIs are called).
import { defineSignal } from '@temporalio/workflow';

/** A stalled workflow tries again what could not succeed (sent by `npm run ops -- retry-stalled`). */
export const retryStalledSignal = defineSignal<[{ by: string }]>('retryStalled');

/** Why a workflow is stalled, as its state query shows it. */
export interface StallEntry {
  /** 'allocation' (waiting for the allocation service), or what cannot succeed (e.g. 'missing-person'). */
  kind: string;
  reason: string;
  since: string;
}

/** Activity failures of these types can never succeed by retrying: the data must be fixed first. */
export const CANNOT_SUCCEED_TYPES = ['MissingPerson'] as const;
