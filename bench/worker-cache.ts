// How much memory one cached workflow costs the worker: the figure WORKER_MAX_CACHED_WORKFLOWS is
// sized from (services/worker/src/worker-config.ts). A worker in this process — the prebuilt
// workflow bundle and the real activities, as dist/worker/main.js runs them — with a cache larger
// than the run; complaint workflows are started in steps (each opens its first-contact task and
// then sleeps on its clocks, as an open case does), and resident memory is read once all of them
// are cached. The slope between steps is the cost of a cached workflow. Prints; never fails.
//
// Against a throwaway database and topic prefix of its own (never the running system's or the
// tests'), after `npm run build`; its workflows are terminated at the end:
//   export DATABASE_URL=postgresql://probity:probity@127.0.0.1:$PGPORT/probity_cachebench KAFKA_TOPIC_PREFIX=cachebench.
//   createdb …; node dist/tools/migrate.js; node dist/tools/seed.js; node dist/tools/create-topics.js
//   node --expose-gc node_modules/.bin/tsx bench/worker-cache.ts 0 250 500 1000
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, NativeConnection } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../shared/src/config';
import { createDb } from '../shared/src/db/client';
import { createKafka, connectProducer } from '../shared/src/kafka';
import { createLogger } from '../shared/src/log';
import { dataConverter, payloadKeyring } from '../shared/src/temporal/codec';
import { DEFAULT_SLA_POLICY, ENGLAND_AND_WALES, routeComplaint } from '../shared/src/domain/index';
import { createActivities } from '../activities/src/index';
import { loadWorkerConfig } from '../services/worker/src/worker-config';
import { COMPLAINT_WORKFLOW, complaintWorkflowId, type ComplaintInput } from '../workflows/src/complaint/contract';

const steps = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n >= 0);
const STEPS = steps.length ? steps : [0, 250, 500, 1000];
const bundle = join(import.meta.dirname, '../dist/worker/workflow-bundle.js');
if (!existsSync(bundle)) throw new Error('no dist/worker/workflow-bundle.js: run npm run build');

const mib = (bytes: number) => bytes / 1024 / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const config = loadConfig();
  const db = createDb(config.DATABASE_URL, { poolSize: 20 });
  const producer = await connectProducer(createKafka(config.KAFKA_BROKERS, 'probity-cache-bench'));
  const keyring = payloadKeyring(config);
  const taskQueue = `cache-bench-${randomUUID().slice(0, 8)}`;
  const run = randomUUID().slice(0, 6).toUpperCase();
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowBundle: { codePath: bundle },
    maxCachedWorkflows: Math.max(...STEPS) + 100,
    // As the worker runs them (worker-config.ts), so the figures are the configured worker's.
    maxConcurrentWorkflowTaskExecutions: loadWorkerConfig().WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: loadWorkerConfig().WORKER_MAX_CONCURRENT_ACTIVITIES,
    activities: createActivities({ db, producer, log: createLogger('cache-bench', 'warn') }),
    dataConverter: dataConverter(keyring),
  });
  const running = worker.run();
  const client = new Client({ connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }), namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverter(keyring) });

  const holidays = ENGLAND_AND_WALES.holidays().map((h) => h.date);
  let started = 0;
  async function startComplaint(i: number) {
    const caseId = `cache-bench-${run}-${i}`;
    const ref = `CO-CB${run}-${String(i).padStart(6, '0')}`;
    const receivedAt = new Date().toISOString();
    const allegations = [{ id: `${caseId}-a1`, category: 'individual-behaviours' }];
    await db.case.create({
      data: {
        id: caseId, ref, kind: 'complaint', channel: 'web', stage: 'received', receivedAt: new Date(receivedAt), publicTokenHash: 'bench',
        complainant: { name: 'Bench', email: 'bench@example.test', preferredContact: 'email' }, incident: { what: 'bench' }, subjects: [],
        allegations: { create: [{ id: allegations[0]!.id, seq: 1, category: 'individual-behaviours', description: 'bench' }] },
      },
    });
    const input: ComplaintInput = {
      caseId, ref, channel: 'web', receivedAt, allegations, subjects: [{ team: 'north-response', division: 'north' }],
      route: routeComplaint({ allegations }), assessorId: 'psd-handler-1', complaintsTeamId: 'psd-manager',
      firstContact: { byId: 'north-constable', at: receivedAt, resolved: false }, sla: DEFAULT_SLA_POLICY, holidays,
    };
    await client.workflow.start(COMPLAINT_WORKFLOW, { taskQueue, workflowId: complaintWorkflowId(ref), args: [input] });
  }

  const rows: { cached: number; rssMiB: number; heapMiB: number }[] = [];
  try {
    for (const target of STEPS) {
      const t0 = Date.now();
      for (; started < target; started += 10) await Promise.all(Array.from({ length: Math.min(10, target - started) }, (_, k) => startComplaint(started + k)));
      // Settled: every workflow cached and no task in flight, for a few seconds running.
      for (let quiet = 0; quiet < 3; ) {
        await sleep(1000);
        const s = worker.getStatus();
        quiet = s.numCachedWorkflows >= target && s.numInFlightWorkflowActivations === 0 && s.numInFlightActivities === 0 ? quiet + 1 : 0;
      }
      global.gc?.();
      await sleep(500);
      const m = process.memoryUsage();
      const cached = worker.getStatus().numCachedWorkflows;
      rows.push({ cached, rssMiB: mib(m.rss), heapMiB: mib(m.heapUsed) });
      console.log(`  ${cached} cached complaint workflows: resident ${mib(m.rss).toFixed(0)} MiB, heap used ${mib(m.heapUsed).toFixed(0)} MiB (step settled in ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
    const [first, last] = [rows[0]!, rows.at(-1)!];
    if (last.cached > first.cached) {
      const per = (k: 'rssMiB' | 'heapMiB') => ((last[k] - first[k]) * 1024) / (last.cached - first.cached);
      console.log(`  per cached workflow: ${per('rssMiB').toFixed(0)} KiB resident, ${per('heapMiB').toFixed(0)} KiB heap (${first.cached} → ${last.cached})`);
    }
  } finally {
    await terminateLeftovers(client);
    worker.shutdown();
    await running;
    await client.connection.close();
    await producer.disconnect();
    await db.$disconnect();
  }
}

/** Terminates this tool's complaint workflows still running (of this run, or of one that was stopped). */
async function terminateLeftovers(client: Client): Promise<number> {
  let n = 0;
  for await (const w of client.workflow.list({ query: "WorkflowType = 'complaint' AND ExecutionStatus = 'Running'" })) {
    if (!w.workflowId.startsWith('complaint-CO-CB')) continue;
    await client.workflow.getHandle(w.workflowId, w.runId).terminate('cache bench over').catch(() => undefined);
    n++;
  }
  return n;
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
