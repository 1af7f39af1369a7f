// The answer to a recorded complaint, the same whichever way it came in (the public form, or a
// complaint taken at first contact): 202 with the reference, the complainant's case token (shown
// this once) and the progress URL; a replay of the same Idempotency-Key answers the same again.
import type { Response } from 'express';
import type { Logger } from '../log';
import { sendError } from '../http/errors';
import type { IntakeResult } from './complaint-store';

/** The complainant's progress page on the public intake service. */
export const progressUrlFor = (ref: string) => `/complaints/${encodeURIComponent(ref)}/progress`;

export type IntakePath = 'public' | 'first-contact';

export interface ReceiptHooks {
  log: Logger;
  /** Called after a case is committed: wakes the outbox relay. */
  onAccepted?: () => void;
  onResult?: (path: IntakePath, outcome: IntakeResult['outcome']) => void;
}

/** What every recorded complaint is followed by, however it is answered (JSON, or the public pages). */
export function noteComplaintResult(path: IntakePath, result: IntakeResult, hooks: ReceiptHooks): void {
  hooks.onResult?.(path, result.outcome);
  if (result.outcome !== 'created') return;
  hooks.log.info({ caseId: result.receipt.caseId, ref: result.receipt.ref, path }, 'complaint received');
  hooks.onAccepted?.();
}

export function sendComplaintReceipt(res: Response, path: IntakePath, result: IntakeResult, hooks: ReceiptHooks): void {
  noteComplaintResult(path, result, hooks);
  if (result.outcome === 'key-reused') {
    return sendError(res, 409, 'idempotency_key_reused', 'this Idempotency-Key was already used for a different request');
  }
  const { ref, caseId, token } = result.receipt;
  if (result.outcome === 'replayed') res.set('Idempotent-Replayed', 'true');
  const progressUrl = progressUrlFor(ref);
  res.set('Cache-Control', 'no-store').location(progressUrl).status(202).json({ ref, caseId, token, progressUrl });
}
