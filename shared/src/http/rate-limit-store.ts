// express-rate-limit's hit counter in Postgres, so every replica behind a load balancer counts
// against the same limit (its default store is per process: N replicas would allow N times the
// limit). Fixed windows, one row per limiter and client, counted by a single upsert; the
// database's clock decides the window, so replicas whose clocks drift still agree.
import { createHmac } from 'node:crypto';
import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';
import type { Db } from '../db/client';

/**
 * The client's address as a keyed hash (HMAC-SHA256): the table holds no personal data, and
 * without the key a stored hash cannot be matched to an address by trying every IPv4 address.
 * Instances built from the same secret share limits.
 */
export function addressHasher(secret: string): (address: string) => string {
  // A key of its own, derived from the secret, so the hash says nothing about what else the secret signs.
  const key = createHmac('sha256', secret).update('probity/rate-limit/client-address').digest();
  return (address) => createHmac('sha256', key).update(address).digest('base64url');
}

// The window's end is stored as UTC without a time zone, as Prisma stores every DateTime.
const NOW = `(now() AT TIME ZONE 'UTC')`;

export class PostgresRateLimitStore implements Store {
  /** Keys count across instances: express-rate-limit's double-count check knows. */
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly db: Db, name: string) {
    this.prefix = `${name}:`;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
    // Expired windows are dead rows: sweep this limiter's once a window. Unref'd: it never keeps a process alive.
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), this.windowMs);
    this.sweeper.unref();
  }

  async increment(key: string): Promise<IncrementResponse> {
    const rows = await this.db.$queryRawUnsafe<{ hits: number; msLeft: number }[]>(
      `INSERT INTO "RateLimitHit" ("key", "hits", "resetAt") VALUES ($1, 1, ${NOW} + $2 * interval '1 millisecond')
       ON CONFLICT ("key") DO UPDATE SET
         "hits" = CASE WHEN "RateLimitHit"."resetAt" <= ${NOW} THEN 1 ELSE "RateLimitHit"."hits" + 1 END,
         "resetAt" = CASE WHEN "RateLimitHit"."resetAt" <= ${NOW} THEN EXCLUDED."resetAt" ELSE "RateLimitHit"."resetAt" END
       RETURNING "hits", (extract(epoch FROM ("resetAt" - ${NOW})) * 1000)::float8 AS "msLeft"`,
      this.prefix + key,
      this.windowMs,
    );
    return info(rows[0]!);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const rows = await this.db.$queryRawUnsafe<{ hits: number; msLeft: number }[]>(
      `SELECT "hits", (extract(epoch FROM ("resetAt" - ${NOW})) * 1000)::float8 AS "msLeft"
       FROM "RateLimitHit" WHERE "key" = $1 AND "resetAt" > ${NOW}`,
      this.prefix + key,
    );
    return rows[0] ? info(rows[0]) : undefined;
  }

  async decrement(key: string): Promise<void> {
    await this.db.$executeRawUnsafe(
      `UPDATE "RateLimitHit" SET "hits" = GREATEST("hits" - 1, 0) WHERE "key" = $1 AND "resetAt" > ${NOW}`,
      this.prefix + key,
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.db.$executeRawUnsafe(`DELETE FROM "RateLimitHit" WHERE "key" = $1`, this.prefix + key);
  }

  /** Deletes this limiter's expired windows; returns how many. */
  async sweep(): Promise<number> {
    return this.db.$executeRawUnsafe(
      `DELETE FROM "RateLimitHit" WHERE "resetAt" <= ${NOW} AND starts_with("key", $1)`,
      this.prefix,
    );
  }

  shutdown(): void {
    clearInterval(this.sweeper);
  }
}

function info(row: { hits: number; msLeft: number }): ClientRateLimitInfo {
  return { totalHits: Number(row.hits), resetTime: new Date(Date.now() + Math.max(0, Number(row.msLeft))) };
}
