// The worker's own settings, beside the shared ones in @probity/shared/config. Defaults work locally.
import { existsSync } from 'node:fs';
import { z } from 'zod';

const WorkerEnvSchema = z.object({
  /**
   * Workflows kept in the worker's sticky cache (their state live in memory between tasks). This
   * bounds the worker's memory whatever the number of open cases: a case not in the cache costs a
   * replay of its (short) history when it next wakes, not memory while it sleeps for months. The
   * SDK's default grows with the heap limit (about 2,300 on a 4 GiB heap: 1.5 GB resident at
   * 1,631 open cases). Measured with bench/worker-cache.ts (BENCHMARKS.md, 1 December 2026): a
   * worker is about 270 MiB resident with nothing cached, 1,089 MiB with 250 complaint workflows
   * cached and 1,577 MiB with 500 — about 2 MiB for each cached complaint beyond the first 250
   * (3.3 MiB each up to them, as the workflow thread's heap grows); the compiled worker in the
   * open-cases bench was 1,155 MiB with its 250 full. 200 keeps it under the 1 GiB target (about
   * 930 MiB); give a pod about 300 MiB + 3 MiB per cached workflow.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(200),
  /**
   * Activities run at once, and the worker's Postgres connections (one each: an activity holds at
   * most one, inside its transaction). The SDK's default of 100 activities on node-postgres' 10
   * connections made a storm of deadlines time out waiting for a connection ("Unable to start a
   * transaction in the given time") and retry with back-off: minutes late (BENCHMARKS.md).
   */
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).default(20),
  /**
   * Workflow tasks the worker takes at once (the SDK's default is 40). Workflow code runs on one
   * thread, so tasks taken beyond what it gets through wait inside the worker, where their time
   * counts against the 10 s workflow task timeout; one that times out is retried from the start,
   * off the sticky cache — a replay. On this 2-core machine, with 40 the complaint workflow's
   * tasks took 5–10 s each while a few hundred cases started at once (BENCHMARKS.md): waiting,
   * not work. Tasks left on the server's queue wait where it costs nothing. At most the cache size.
   */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).default(10),
  /** The prebuilt workflow bundle; by default dist/worker/workflow-bundle.js beside the compiled worker. */
  WORKFLOW_BUNDLE: z.string().min(1).optional(),
});

export type WorkerConfig = z.infer<typeof WorkerEnvSchema>;

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = WorkerEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid worker configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const c = parsed.data;
  // The SDK refuses more workflow tasks in flight than it may cache.
  if (c.WORKER_MAX_CACHED_WORKFLOWS > 0 && c.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS > c.WORKER_MAX_CACHED_WORKFLOWS) {
    throw new Error(`Invalid worker configuration:\n  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: ${c.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS} exceeds WORKER_MAX_CACHED_WORKFLOWS (${c.WORKER_MAX_CACHED_WORKFLOWS})`);
  }
  return c;
}

export type WorkflowSource = { workflowBundle: { codePath: string } } | { workflowsPath: string };

/**
 * Where the worker's workflow code comes from. The compiled worker (dist/worker/main.js) loads the
 * bundle built beside it, as does any worker given WORKFLOW_BUNDLE; only a worker run from source
 * in development bundles workflows/src at start. Production never bundles at start.
 */
export function workflowSource(opts: {
  configured?: string;
  besideMain: string;
  sourcePath: string;
  production: boolean;
  exists?: (path: string) => boolean;
}): WorkflowSource {
  const exists = opts.exists ?? existsSync;
  const codePath = opts.configured ?? (exists(opts.besideMain) ? opts.besideMain : undefined);
  if (codePath) {
    if (!exists(codePath)) throw new Error(`workflow bundle ${codePath} not found: run npm run build`);
    return { workflowBundle: { codePath } };
  }
  if (opts.production) throw new Error('production runs the prebuilt workflow bundle: run npm run build, or set WORKFLOW_BUNDLE');
  return { workflowsPath: opts.sourcePath };
}
