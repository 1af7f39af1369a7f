// Item 1 — intake to workflow: N complaints over HTTP until every complaint workflow has started,
// against raw client.workflow.start of N workflows on the same server, same concurrency.
import { performance } from 'node:perf_hooks';
import type { BenchStack } from './stack';
import { cpuSeconds, sleep, SERVICES } from './stack';
import { pool, quantile, record } from './report';

const complaint = (i: number) => JSON.stringify({
  complainant: { name: 'Bench Mark', email: `bench-${i}@example.test`, preferredContact: 'email' },
  incident: { what: 'Benchmark complaint, please ignore.', when: '2026-11-01', where: 'Bench' },
  subjects: [{ team: 'north-response', division: 'north' }],
  allegations: [{ category: 'delivery-of-duties-and-service', description: 'benchmark' }],
});

/** Raw: N workflow starts at the given concurrency; workflows per second and start-call latency. */
export async function rawStarts(stack: BenchStack, n: number, concurrency: number, tag: string) {
  const latencies: number[] = [];
  const t0 = performance.now();
  await pool(Array.from({ length: n }, (_, i) => i), concurrency, async (i) => {
    const s = performance.now();
    await stack.client.workflow.start('benchOpen', { taskQueue: 'bench-raw', workflowId: `raw-${tag}-${i}` });
    latencies.push(performance.now() - s);
  });
  const secs = (performance.now() - t0) / 1000;
  return { rate: n / secs, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

export async function intakeToWorkflow(stack: BenchStack, n: number, concurrency: number, label = '') {
  console.log(`\n1. Intake to workflow${label}: ${n} complaints, concurrency ${concurrency}`);
  // Raw first, on an idle system: the server's own start rate is the ceiling.
  const raw = await rawStarts(stack, n, concurrency, `pipeline${label.replace(/\W+/g, '-')}-${Date.now()}`);
  const before = await stack.client.workflow.count('CaseKind = "complaint"');
  const cpuBefore = Object.fromEntries(SERVICES.map((s) => [s, cpuSeconds(stack.pids[s]!)]));
  const mailBefore = cpuSeconds(stack.pids.mailsink!);
  const accepted = new Map<string, number>();
  const acceptMs: number[] = [];
  let refused = 0;
  const wallStart = Date.now();
  const t0 = performance.now();
  await pool(Array.from({ length: n }, (_, i) => i), concurrency, async (i) => {
    const s = performance.now();
    const res = await fetch(stack.url('intake', '/complaints'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${wallStart}-${i}` },
      body: complaint(i),
    });
    const body = (await res.json()) as { ref?: string };
    acceptMs.push(performance.now() - s);
    if (res.status !== 202 || !body.ref) refused++;
    else accepted.set(`complaint-${body.ref}`, Date.now());
  });
  const acceptSecs = (performance.now() - t0) / 1000;

  // Every accepted complaint's workflow started (visibility, polled), or a 10-minute cap.
  const until = Date.now() + 600_000;
  let started = 0;
  while (Date.now() < until) {
    started = (await stack.client.workflow.count('CaseKind = "complaint"')).count - before.count;
    if (started >= accepted.size) break;
    await sleep(250);
  }
  const toStarted: number[] = [];
  let lastStart = 0;
  for await (const wf of stack.client.workflow.list({ query: 'CaseKind = "complaint"' })) {
    const at = accepted.get(wf.workflowId);
    if (at === undefined) continue;
    toStarted.push(wf.startTime.getTime() - at);
    lastStart = Math.max(lastStart, wf.startTime.getTime());
  }
  const pipelineRate = toStarted.length / ((lastStart - wallStart) / 1000);
  // Where the CPU went, per complaint, by service (the profile behind the figures).
  const cpu = SERVICES.map((s) => `${s} ${(((cpuSeconds(stack.pids[s]!) - cpuBefore[s]!) / n) * 1000).toFixed(1)}`).join(', ') + `, mail sink ${(((cpuSeconds(stack.pids.mailsink!) - mailBefore) / n) * 1000).toFixed(1)}`;
  console.log(`  CPU per complaint while its workflow started and began (ms): ${cpu}`);

  record({ item: '1', what: `complaints started per second (POST → workflow started)${label}`, probity: pipelineRate, raw: raw.rate, unit: '/s', limit: '≥ 0.8× raw', better: 'higher',
    note: `${toStarted.length}/${n} started${refused ? `, ${refused} refused` : ''}` });
  record({ item: '1', what: `accept → workflow started, p50${label}`, probity: quantile(toStarted, 0.5), raw: raw.p50, unit: 'ms', limit: 'beside raw start p50', better: 'lower' });
  record({ item: '1', what: `accept → workflow started, p99${label}`, probity: quantile(toStarted, 0.99), raw: raw.p99, unit: 'ms', limit: 'beside raw start p99', better: 'lower' });
  record({ item: '1', what: `intake POST /complaints accepted per second${label}`, probity: n / acceptSecs, raw: raw.rate, unit: '/s', limit: 'beside raw start rate', better: 'higher',
    note: `p50 ${quantile(acceptMs, 0.5).toFixed(0)} ms, p99 ${quantile(acceptMs, 0.99).toFixed(0)} ms` });
  return { refs: [...accepted.keys()].map((id) => id.replace(/^complaint-/, '')) };
}
