import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

// Applies shared/prisma/migrations the way `prisma migrate deploy` does, without Prisma's schema
// engine (which cannot be downloaded on every machine). It keeps Prisma Migrate's bookkeeping
// table and checksums, so a database migrated here is seen as up to date by `prisma migrate
// deploy`, and the reverse.
// Beside this module in the source tree; compiled (dist/tools/migrate.js) it finds them from the
// working directory, or where PROBITY_MIGRATIONS_DIR says (the image sets it).
const besideSource = join(dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');
export const MIGRATIONS_DIR = process.env.PROBITY_MIGRATIONS_DIR
  ?? (existsSync(besideSource) ? besideSource : join(process.cwd(), 'shared/prisma/migrations'));

// Same key Prisma Migrate uses, so the two never run concurrently on one database.
const ADVISORY_LOCK_KEY = 72707369;

const BOOKKEEPING_DDL = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export class MigrationError extends Error {}

/** Applies pending migrations in order; returns the names applied. */
export async function migrate(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    await client.query(BOOKKEEPING_DDL);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const m of await readMigrations(dir)) {
      const prior = done.get(m.name);
      if (prior?.finished_at) {
        if (prior.checksum !== m.checksum) {
          throw new MigrationError(`migration ${m.name} was changed after it was applied; add a new migration instead`);
        }
        continue;
      }
      if (prior) throw new MigrationError(`migration ${m.name} failed earlier and needs attention before continuing`);
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new MigrationError(`migration ${m.name} failed: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL ?? 'postgresql://probity:probity@127.0.0.1:5433/probity';
  const db = new URL(url).pathname.slice(1);
  migrate(url).then(
    (applied) => console.error(`[probity] database ${db}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`),
    (err: unknown) => {
      console.error(`[probity] database ${db}: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
