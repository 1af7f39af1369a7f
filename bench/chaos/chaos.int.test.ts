// The short fault-injection run inside `npm test`: about 100 complaints while each piece in turn is
// killed with SIGKILL and brought back by the start script. It runs on a copy of Probity of its
// own — its own PostgreSQL, Kafka, Temporal, mail sink, OpenID provider and services, on its own
// ports and data directory (bench/chaos/system.ts) — so killing its PostgreSQL or Temporal server
// cannot touch the servers the other tests use, nor a running `npm start`.
import { afterAll, describe, expect, it } from 'vitest';
import { PIECES, createChaosSystem, type ChaosSystem } from './system';
import { runChaos } from './fault';
import { report } from './report';

let system: ChaosSystem | undefined;
afterAll(async () => {
  await system?.down();
}, 120_000);

describe('nothing accepted is lost, whichever process dies', () => {
  it('loses and doubles no accepted complaint while intake, allocation, notification, the worker, Kafka, Temporal and PostgreSQL are each killed mid-load', async () => {
    const run = `t${Date.now().toString(36)}`;
    const t0 = Date.now();
    system = await createChaosSystem(run);
    await system.up();
    const result = await runChaos(system, {
      run, complaints: 98, faults: PIECES, perSecond: 4, giveUpMs: 240_000, settleMs: 240_000,
      log: (line) => console.log(line),
    });
    console.log(report(result, { complaints: 98, startedAt: new Date(t0), seconds: (Date.now() - t0) / 1000 }));

    expect(result.rows.map((r) => r.fault)).toEqual([...PIECES]);
    for (const row of result.rows) {
      expect(row.accepted, `${row.fault}: complaints accepted`).toBeGreaterThan(0);
      expect({ fault: row.fault, lost: row.lost, duplicated: row.duplicated }).toEqual({ fault: row.fault, lost: 0, duplicated: 0 });
    }
    expect(result.unpublishedOutbox).toBe(0);
    expect(result.parked).toEqual([]);
  }, 40 * 60_000);
});
