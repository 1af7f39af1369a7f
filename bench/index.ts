// Benchmarks: figures, not pass/fail tests (speed targets never live in timed tests).
//   npm run bench            pure rules only
//   npm run bench -- --http  also intake POST /complaints throughput against a running `npm start`
import { performance } from 'node:perf_hooks';
import { ENGLAND_AND_WALES, DEFAULT_SLA_POLICY, psdAssessmentDue, nextUpdateDue, escalationStep } from '../shared/src/domain/index';

function bench(name: string, iterations: number, fn: (i: number) => unknown) {
  for (let i = 0; i < Math.min(1000, iterations); i++) fn(i); // warm-up
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn(i);
  const ms = performance.now() - t0;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  console.log(`${name.padEnd(48)} ${Math.round((iterations / ms) * 1000).toLocaleString('en-GB').padStart(12)} ops/s  ${(ms / iterations * 1000).toFixed(2).padStart(8)} µs/op  heap Δ ${heapMb.toFixed(1)} MB`);
}

const cal = ENGLAND_AND_WALES;
const day = (i: number) => `20${24 + (i % 6)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;

console.log(`Probity benchmarks — node ${process.version}, ${new Date().toISOString()}`);
bench('addWorkingDays(date, 10)', 200_000, (i) => cal.addWorkingDays(day(i), 10));
bench('psdAssessmentDue(receivedAt)', 100_000, (i) => psdAssessmentDue(`${day(i)}T10:00:00Z`, cal, DEFAULT_SLA_POLICY));
bench('nextUpdateDue(start, n=12)', 100_000, (i) => nextUpdateDue(day(i), 12, cal, DEFAULT_SLA_POLICY));
bench('escalationStep(due, k=1)', 100_000, (i) => escalationStep(day(i), 1, cal, DEFAULT_SLA_POLICY));

if (process.argv.includes('--http')) {
  const base = process.env.INTAKE_URL ?? 'http://127.0.0.1:3001';
  const total = Number(process.env.BENCH_REQUESTS ?? 200);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
  const body = (i: number) => JSON.stringify({
    complainant: { name: 'Bench Mark', email: `bench-${i}@example.test`, preferredContact: 'email' },
    incident: { what: 'Benchmark complaint, please ignore.', when: '2026-11-01', where: 'Bench' },
    allegations: [{ category: 'delivery-of-duties', description: 'benchmark' }],
  });
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      const s = performance.now();
      // The public endpoint is rate limited per IP; the bench sends from loopback, so raise
      // INTAKE_PUBLIC_RATE_LIMIT on the intake service to measure throughput rather than the limiter.
      const res = await fetch(`${base}/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(i) });
      latencies.push(performance.now() - s);
      if (res.status !== 202) failed++;
      await res.arrayBuffer();
    }
  }));
  const secs = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  console.log(`intake POST /complaints x${total} (concurrency ${concurrency}): ${(total / secs).toFixed(0)} req/s, p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms, non-202: ${failed}`);
}
