// The answer to a recorded complaint, the same whichever way it came in (the public form, or a
// complaint taken at first contact): 202 with the reference, the complainant's case token (shown
// this once) and the progress URL; a replay of the same Idempotency-Key answers the same again.
import { z } from 'zod';
import type { Logger } from '../log';
import { reply } from '../http/api';
import { errors, idempotentHeaders } from '../http/openapi';
import { idempotencyKeySchema } from '../cases/idempotency';
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

/** The receipt of a recorded complaint (public form or first contact). */
export const complaintAcceptedSchema = z
  .object({
    ref: z.string().regex(/^CO-\d{4}-\d{6,}$/).meta({ example: 'CO-2026-000123' }),
    caseId: z.uuid(),
    token: z.string().describe('Secret for the progress page (X-Case-Token); shown only here'),
    progressUrl: z.string().meta({ example: '/complaints/CO-2026-000123/progress' }),
  })
  .meta({ id: 'ComplaintAccepted' });

/** The request header both intake paths take. */
export const idempotencyHeader = {
  'Idempotency-Key': idempotencyKeySchema
    .optional()
    .describe(
      'Makes the POST safe to retry: the same key with the same body returns the first response (same ref and token) and never creates a second case; the same key with a different body is a 409.',
    ),
};

/** The answers both intake paths give for a recorded complaint. */
export const receiptResponses = {
  202: { description: 'Accepted: keep the reference and the token — the token is shown only once', schema: complaintAcceptedSchema, headers: idempotentHeaders },
  409: errors('The Idempotency-Key was already used with a different body', ['idempotency_key_reused']),
} as const;

/** What every recorded complaint is followed by, however it is answered (JSON, or the public pages). */
export function noteComplaintResult(path: IntakePath, result: IntakeResult, hooks: ReceiptHooks): void {
  hooks.onResult?.(path, result.outcome);
  if (result.outcome !== 'created') return;
  hooks.log.info({ caseId: result.receipt.caseId, ref: result.receipt.ref, path }, 'complaint received');
  hooks.onAccepted?.();
}

/** The JSON answer to a recorded complaint, as documented by `receiptResponses`. */
export function complaintReceipt(path: IntakePath, result: IntakeResult, hooks: ReceiptHooks) {
  noteComplaintResult(path, result, hooks);
  if (result.outcome === 'key-reused') {
    return reply(409, { error: 'idempotency_key_reused', message: 'this Idempotency-Key was already used for a different request' } as const);
  }
  const { ref, caseId, token } = result.receipt;
  const progressUrl = progressUrlFor(ref);
  const headers: Record<string, string> = { Location: progressUrl, ...(result.outcome === 'replayed' && { 'Idempotent-Replayed': 'true' }) };
  return reply(202, { ref, caseId, token, progressUrl }, headers);
}
