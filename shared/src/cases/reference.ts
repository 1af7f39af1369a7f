// Human-friendly case references: CO-2026-000123 (complaint), numbered per prefix and year.
// The counter is incremented in the same transaction that stores the case, so a rolled-back
// intake gives its number back and references have no gaps from failures.
import type { Db } from '@probity/shared/db/client';

export const COMPLAINT_PREFIX = 'CO';

const REF = /^([A-Z]{2})-(\d{4})-(\d{6,})$/;

export interface CaseReference {
  prefix: string;
  year: number;
  seq: number;
}

export function formatReference({ prefix, year, seq }: CaseReference): string {
  if (!/^[A-Z]{2}$/.test(prefix)) throw new RangeError(`reference prefix must be two capital letters: ${prefix}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`reference year out of range: ${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`reference number must be a positive integer: ${seq}`);
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

/** Parses a reference, or returns null when the text is not one (cheap 404s for probes). */
export function parseReference(ref: string): CaseReference | null {
  const m = REF.exec(ref);
  if (!m) return null;
  return { prefix: m[1]!, year: Number(m[2]), seq: Number(m[3]) };
}

/**
 * The reference year of an instant. New Year falls in GMT, when London time is UTC, so the UTC
 * year is the London year at every instant.
 */
export const referenceYear = (at: Date) => at.getUTCFullYear();

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * Takes the next number for (prefix, year) with one atomic upsert-increment. The row stays locked
 * until the surrounding transaction ends, so concurrent intakes are serialised on it.
 */
export async function nextReference(tx: Tx, prefix: string, at: Date): Promise<string> {
  const year = referenceYear(at);
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "ReferenceCounter" ("prefix", "year", "last") VALUES (${prefix}, ${year}, 1)
    ON CONFLICT ("prefix", "year") DO UPDATE SET "last" = "ReferenceCounter"."last" + 1
    RETURNING "last"`;
  const seq = rows[0]?.last;
  if (typeof seq !== 'number') throw new Error('reference counter returned no number');
  return formatReference({ prefix, year, seq });
}

/** The case's reference until assignReference gives it its number (seen only inside its transaction). */
export const provisionalReference = (caseId: string): string => `PENDING-${caseId}`;

/**
 * Takes the next number for (prefix, year) and writes the reference wherever the transaction put
 * the case's provisional one: the case row, its outbox event (data.ref) and the stored idempotent
 * response (ref). One statement, the last before commit: the counter row, which serialises
 * intakes until commit, is then held for one round trip instead of the whole transaction (under
 * load most intakes were queued on it while its holder sent its other statements). Still no gaps.
 */
export async function assignReference(
  tx: Tx,
  c: { prefix: string; at: Date; caseId: string; outboxId: string; idempotencyKey?: string },
): Promise<string> {
  const year = referenceYear(c.at);
  const rows = await tx.$queryRaw<{ ref: string; last: number }[]>`
    WITH n AS (
      INSERT INTO "ReferenceCounter" ("prefix", "year", "last") VALUES (${c.prefix}, ${year}, 1)
      ON CONFLICT ("prefix", "year") DO UPDATE SET "last" = "ReferenceCounter"."last" + 1
      RETURNING "last"
    ), r AS (
      SELECT n."last", ${c.prefix}::text || '-' || ${year}::text || '-' || lpad(n."last"::text, greatest(6, length(n."last"::text)), '0') AS ref FROM n
    ), kase AS (
      UPDATE "Case" SET "ref" = r.ref FROM r WHERE "Case"."id" = ${c.caseId} RETURNING r.ref, r."last"
    ), outbox AS (
      UPDATE "OutboxEvent" SET "payload" = jsonb_set("payload", '{data,ref}', to_jsonb(r.ref)) FROM r WHERE "OutboxEvent"."id" = ${c.outboxId} RETURNING 1
    ), response AS (
      UPDATE "IdempotencyKey" SET "response" = jsonb_set("response", '{ref}', to_jsonb(r.ref)) FROM r WHERE "IdempotencyKey"."key" = ${c.idempotencyKey ?? null} RETURNING 1
    )
    SELECT ref, "last" FROM kase`;
  const row = rows[0];
  if (!row) throw new Error(`case ${c.caseId} is not in this transaction; cannot give it a reference`);
  const ref = formatReference({ prefix: c.prefix, year, seq: row.last });
  if (row.ref !== ref) throw new Error(`reference ${row.ref} does not read as ${ref}`);
  return ref;
}
