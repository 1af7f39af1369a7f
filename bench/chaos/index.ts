// npm run chaos: fault injection on a copy of Probity of its own (bench/chaos/system.ts).
//   npm run chaos                                  1,000 complaints, the seven faults in turn
//   npm run chaos -- --complaints=140 --faults=kafka,postgres
// Before loading it, the run's own stack is started with `infra/probity up` like every restart.
// Prints the fault table (and writes it to .data/chaos/last.md); exits 1 if any accepted
// complaint was lost or duplicated, an outbox row was left unpublished or an event was parked.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PIECES, ROOT, createChaosSystem, type Piece } from './system';
import { runChaos } from './fault';
import { report } from './report';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const complaints = Number(arg('complaints') ?? 1000);
const faults = (arg('faults')?.split(',') ?? PIECES) as Piece[];
const unknown = faults.filter((f) => !PIECES.includes(f));
if (unknown.length) throw new Error(`unknown fault ${unknown.join(', ')} (one of ${PIECES.join(', ')})`);

const run = Date.now().toString(36);
const system = await createChaosSystem(run);
// Its pieces run detached (as `npm start`'s do): an interrupted run still stops them.
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void system.down().finally(() => process.exit(130)));
const t0 = Date.now();
const log = (line: string) => console.log(line);
log(`chaos ${run}: ${complaints} complaints, faults ${faults.join(', ')}; own stack in ${system.dataDir}`);
let ok = false;
try {
  await system.up();
  log(`  stack up in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const result = await runChaos(system, {
    run, complaints, faults, perSecond: Number(arg('rate') ?? 8), giveUpMs: 240_000, settleMs: 300_000, log,
  });
  const text = report(result, { complaints, startedAt: new Date(t0), seconds: (Date.now() - t0) / 1000 });
  console.log(`\n${text}`);
  mkdirSync(join(ROOT, '.data/chaos'), { recursive: true });
  writeFileSync(join(ROOT, '.data/chaos/last.md'), text + '\n');
  ok = result.rows.every((r) => r.lost === 0 && r.duplicated === 0) && result.unpublishedOutbox === 0 && result.parked.length === 0;
} finally {
  if (process.env.CHAOS_KEEP === '1') log(`  kept running (CHAOS_KEEP=1): ${system.dataDir}`);
  else await system.down();
}
process.exit(ok ? 0 : 1);
