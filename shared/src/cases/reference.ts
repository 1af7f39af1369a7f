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
