import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { Prisma, createDb } from './client';
import { migrate, readMigrations } from './migrate';

// Each run gets a brand-new, empty database so the migrations are proven from scratch.
describe('migrations and Prisma Client (real Postgres)', () => {
  const base = new URL(loadConfig().DATABASE_URL);
  const name = `probity_migrate_${randomUUID().slice(0, 8)}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: base.toString() });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('applies every migration to an empty database, in Prisma Migrate bookkeeping', async () => {
    const all = (await readMigrations()).map((m) => m.name);
    expect(await migrate(url.toString())).toEqual(all);
    expect(await migrate(url.toString())).toEqual([]); // second run: nothing to do

    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    const { rows } = await c.query('SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name');
    await c.end();
    const expected = await readMigrations();
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(expected.map((m) => [m.name, m.checksum, 1]));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
  });

  it('has every column of every model of schema.prisma (hand-written migrations match the schema)', async () => {
    const db = createDb(url.toString());
    try {
      // A findFirst selects every scalar field of the model: a column missing from the migrations fails it.
      for (const model of Object.values(Prisma.ModelName)) {
        const delegate = (db as unknown as Record<string, { findFirst(): Promise<unknown> }>)[model.charAt(0).toLowerCase() + model.slice(1)]!;
        await expect(delegate.findFirst(), model).resolves.toBeNull();
      }
    } finally {
      await db.$disconnect();
    }
  });

  it('has every @@index and @@unique of schema.prisma, under Prisma Migrate\'s names', async () => {
    const schema = readFileSync(fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url)), 'utf8');
    const expected: string[] = [];
    for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
      for (const [, kind, fields] of body!.matchAll(/^\s*@@(index|unique)\(\[([^\]]+)\]\)/gm)) {
        expected.push(`${model}_${fields!.split(',').map((f) => f.trim()).join('_')}_${kind === 'index' ? 'idx' : 'key'}`);
      }
    }
    expect(expected).toContain('StageTiming_leftAt_idx');
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    const { rows } = await c.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    await c.end();
    const present = new Set(rows.map((r) => r.indexname));
    expect(expected.filter((i) => !present.has(i))).toEqual([]);
  });

  it('writes and reads a row through Prisma Client', async () => {
    const db = createDb(url.toString());
    try {
      const id = `person-${randomUUID().slice(0, 8)}`;
      await db.person.create({ data: { id, name: 'Test Person', email: `${id}@test.local`, role: 'psd-handler', team: 'psd', division: 'hq' } });
      const back = await db.person.findUniqueOrThrow({ where: { id } });
      expect(back).toMatchObject({ id, role: 'psd-handler', rank: null, active: true });
    } finally {
      await db.$disconnect();
    }
  });
});
