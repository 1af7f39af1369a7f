// Benchmarks: every figure beside its limit and beside the raw infrastructure figure measured in
// the same run, with their ratio. They print and write .data/bench/last.md; they never fail a build
// (speed targets never live in timed tests).
//   npm run bench                       everything (infra/probity bench: infrastructure, build, then this)
//   npm run bench -- --only=1,3         some items
// Sizes: BENCH_PIPELINE_N (300), BENCH_STORM (300; the 5000,10000 take well over an hour
// on a 2-core machine, see BENCHMARKS.md), BENCH_OPEN_CASES (100000), BENCH_STATISTICS_CASES (100000).
// It runs its own copy of the system (bench/stack.ts), so the running system's data is untouched.
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ENGLAND_AND_WALES, DEFAULT_SLA_POLICY, psdAssessmentDue, nextUpdateDue, escalationStep } from '../shared/src/domain/index';
import { machine, writeReport } from './report';
import { createBenchStack, ROOT, SERVICES } from './stack';
import { intakeToWorkflow, rawStarts } from './pipeline';
import { deadlineStorm } from './storm';
import { openCases } from './open-cases';
import { historySizes } from './history';
import { statisticsAtScale } from './statistics';

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (item: string) => !only || only.includes(item);
const sizes = {
  pipeline: Number(process.env.BENCH_PIPELINE_N ?? 300),
  storm: (process.env.BENCH_STORM ?? '300').split(',').map(Number),
  openCases: Number(process.env.BENCH_OPEN_CASES ?? 100_000),
  statistics: Number(process.env.BENCH_STATISTICS_CASES ?? 100_000),
};

function rule(name: string, iterations: number, fn: (i: number) => unknown) {
  for (let i = 0; i < Math.min(1000, iterations); i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn(i);
  const ms = performance.now() - t0;
  console.log(`  ${name.padEnd(40)} ${Math.round((iterations / ms) * 1000).toLocaleString('en-GB').padStart(12)} ops/s  ${((ms / iterations) * 1000).toFixed(2).padStart(8)} µs/op`);
}

// The bench's own workers (bare timers, history) log warnings only.
Runtime.install({ logger: new DefaultLogger('WARN') });
const startedAt = new Date();
const t0 = performance.now();
console.log(`Probity benchmarks — ${machine()}, ${startedAt.toISOString()}`);

if (wanted('0')) {
  const cal = ENGLAND_AND_WALES;
  const day = (i: number) => `20${24 + (i % 6)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  console.log('\n0. Deadline arithmetic (pure rules)');
  rule('addWorkingDays(date, 10)', 200_000, (i) => cal.addWorkingDays(day(i), 10));
  rule('psdAssessmentDue(receivedAt)', 100_000, (i) => psdAssessmentDue(`${day(i)}T10:00:00Z`, cal, DEFAULT_SLA_POLICY));
  rule('nextUpdateDue(start, n=12)', 100_000, (i) => nextUpdateDue(day(i), 12, cal, DEFAULT_SLA_POLICY));
  rule('escalationStep(due, k=1)', 100_000, (i) => escalationStep(day(i), 1, cal, DEFAULT_SLA_POLICY));
}

const needsStack = ['1', '2', '3', '4', '5'].some(wanted);
if (needsStack) {
  const stack = await createBenchStack();
  try {
    // BENCH_PROFILE=intake,allocation writes V8 CPU profiles of those services to .data/bench/profiles.
    const profiled = (process.env.BENCH_PROFILE ?? '').split(',');
    for (const s of SERVICES) {
      await stack.start(s, {}, profiled.includes(s) ? ['--cpu-prof', `--cpu-prof-dir=${ROOT}/.data/bench/profiles`] : []);
    }
    const stormRefs: string[] = [];
    if (wanted('1')) stormRefs.push(...(await intakeToWorkflow(stack, sizes.pipeline, 10)).refs);
    if (wanted('2')) {
      const { rate } = await rawStarts(stack, 200, 20, `rate-${Date.now()}`);
      for (const n of sizes.storm) stormRefs.push(...(await deadlineStorm(stack, n, rate)).refs);
    }
    if (wanted('3')) await openCases(stack, sizes.openCases, stormRefs);
    if (wanted('4')) await historySizes(stack);
    if (wanted('5')) await statisticsAtScale(stack, sizes.statistics);
  } finally {
    await stack.close();
  }
}


const secs = (performance.now() - t0) / 1000;
console.log(`\nDone in ${Math.round(secs)} s. Table: ${writeReport(ROOT, startedAt, secs)}`);
process.exit(0);
