// Ops commands for workflows that wait on people (workflows/src/casework/stall.ts):
//   npm run ops -- stalled                        every workflow with Stalled = true, and why
//   npm run ops -- retry-stalled [workflowId …]   after fixing the data: those (or all stalled) try again
// Uses the environment's Temporal address, namespace and payload keys, like the services.
import { pathToFileURL } from 'node:url';
import type { Client } from '@temporalio/client';
import { loadConfig } from '@probity/shared/config';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { retryStalledSignal, type StallEntry } from '@probity/workflows/casework/contract';

export interface StalledWorkflow {
  workflowId: string;
  type: string;
  stage: string | undefined;
  /** From the workflow's state query, when a worker answered it. */
  stalled?: StallEntry[];
}

/** Running workflows with Stalled = true, and what each waits on (if a worker answers the query). */
export async function listStalled(client: Client): Promise<StalledWorkflow[]> {
  const out: StalledWorkflow[] = [];
  for await (const wf of client.workflow.list({ query: 'Stalled = true AND ExecutionStatus = "Running"' })) {
    const stage = wf.searchAttributes?.Stage?.[0];
    const entry: StalledWorkflow = { workflowId: wf.workflowId, type: wf.type, stage: typeof stage === 'string' ? stage : undefined };
    const state = await client.workflow
      .getHandle(wf.workflowId)
      .query<{ stalled?: StallEntry[] }>('state')
      .catch(() => undefined);
    if (state?.stalled) entry.stalled = state.stalled;
    out.push(entry);
  }
  return out;
}

/** Asks the given workflows (default: every stalled one) to try again what could not succeed. */
export async function retryStalled(client: Client, workflowIds: string[] = [], by = 'ops'): Promise<string[]> {
  const ids = workflowIds.length ? workflowIds : (await listStalled(client)).map((w) => w.workflowId);
  for (const id of ids) await client.workflow.getHandle(id).signal(retryStalledSignal, { by });
  return ids;
}

async function cli(argv: string[]): Promise<number> {
  const [command, ...ids] = argv;
  if (command !== 'stalled' && command !== 'retry-stalled') {
    process.stderr.write('usage: ops stalled | ops retry-stalled [workflowId …]\n');
    return 2;
  }
  const client = await connectTemporalClient(loadConfig());
  try {
    if (command === 'stalled') {
      const stalled = await listStalled(client);
      for (const w of stalled) {
        const why = w.stalled?.map((s) => `${s.kind} since ${s.since}: ${s.reason}`).join('; ') ?? '(no worker answered the state query)';
        process.stdout.write(`${w.workflowId}\t${w.type}\t${w.stage ?? '-'}\t${why}\n`);
      }
      process.stderr.write(`${stalled.length} stalled workflow(s)\n`);
    } else {
      const done = await retryStalled(client, ids);
      process.stderr.write(done.length ? `asked to retry: ${done.join(', ')}\n` : 'nothing is stalled\n');
    }
    return 0;
  } finally {
    await client.connection.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`ops: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
