// Idempotency-Key handling shared by every path that creates a case (the public form, a complaint
// taken at first contact, a conduct matter): a retry with the same key and the same request gets
// the first answer again, the same key with a different request is refused, and two concurrent
// requests with one key create one case.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@probity/shared/db/client';

export const idempotencyKeySchema = z
  .string()
  .min(8, 'Idempotency-Key must be at least 8 characters')
  .max(200, 'Idempotency-Key must be at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key must be printable ASCII without spaces');

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export type IdempotentResult<R> =
  | { outcome: 'created'; receipt: R }
  | { outcome: 'replayed'; receipt: R }
  | { outcome: 'key-reused' };

/** Stable JSON: keys sorted, undefined dropped, so the same request always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Hash of what was asked, for recognising a retry of the same request. */
export const hashRequest = (what: unknown): string => createHash('sha256').update(canonicalJson(what)).digest('hex');

function isUniqueViolation(err: unknown, model: string): boolean {
  const e = err as { code?: string; meta?: { modelName?: string } };
  return e?.code === 'P2002' && (e.meta?.modelName === undefined || e.meta.modelName === model);
}

export interface IdempotentCreate<R, S> {
  /** The client's Idempotency-Key header, if any. */
  key?: string;
  scope: string;
  hash: string;
  /** The work, inside the transaction; returns the receipt and what to keep with the key. */
  create: (tx: Tx) => Promise<{ receipt: R; caseId: string; stored: S }>;
  /** Rebuilds the receipt from what was kept with the key. */
  replay: (stored: S) => R;
  /** The transaction's last step, after the key is written (e.g. the reference, see assignReference). */
  finalize?: (tx: Tx, receipt: R) => Promise<R>;
}

/** Runs `create` in one transaction together with the IdempotencyKey row, once per key. */
export async function createIdempotently<R, S>(db: Db, op: IdempotentCreate<R, S>): Promise<IdempotentResult<R>> {
  const { key, scope, hash } = op;
  const earlier = async (): Promise<IdempotentResult<R> | null> => {
    if (!key) return null;
    const row = await db.idempotencyKey.findUnique({ where: { key } });
    if (!row) return null;
    if (row.requestHash !== hash || row.scope !== scope) return { outcome: 'key-reused' };
    return { outcome: 'replayed', receipt: op.replay(row.response as unknown as S) };
  };

  const first = await earlier();
  if (first) return first;
  try {
    const receipt = await db.$transaction(
      async (tx) => {
        const { receipt, caseId, stored } = await op.create(tx);
        if (key) await tx.idempotencyKey.create({ data: { key, scope, requestHash: hash, caseId, response: stored as object } });
        return op.finalize ? op.finalize(tx, receipt) : receipt;
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
    return { outcome: 'created', receipt };
  } catch (err) {
    // A concurrent request with the same key committed first: answer as it did.
    if (key && isUniqueViolation(err, 'IdempotencyKey')) {
      const again = await earlier();
      if (again) return again;
    }
    throw err;
  }
}
