// Personal data never in PostgreSQL's own log: the server that `infra/probity` runs (and reuses)
// logs no bind parameters and no error DETAIL (a unique violation's quotes the key's value).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';

describe("PostgreSQL's log settings", () => {
  const client = new pg.Client({ connectionString: loadConfig().DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it.each([
    ['log_parameter_max_length', '0'],
    ['log_parameter_max_length_on_error', '0'],
    ['log_error_verbosity', 'terse'],
    ['log_min_error_statement', 'panic'],
  ])('%s is %s', async (name, value) => {
    const { rows } = await client.query<{ setting: string }>('SELECT setting FROM pg_settings WHERE name = $1', [name]);
    expect(rows[0]?.setting).toBe(value);
  });
});
