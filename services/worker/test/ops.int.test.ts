// The ops commands for stalled workflows (npm run ops -- stalled | retry-stalled) on the real
// Temporal dev server, in the tests' namespace: a stalled workflow is listed with its reason, and
// retry-stalled makes it go on.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { loadConfig } from '@probity/shared/config';
import { connectTemporalClient, connectWorkerConnection } from '@probity/shared/temporal/connect';
import { dataConverter, payloadKeyring } from '@probity/shared/temporal/codec';
import { uniqueId } from '@probity/shared/testing/temporal';
import { listStalled, retryStalled } from '../src/ops';
import type * as fixtures from './fixtures/stalled-workflows';

const config = loadConfig();
let client: Client;

beforeAll(async () => {
  client = await connectTemporalClient(config);
});
afterAll(async () => {
  await client?.connection.close();
});

describe('ops commands for stalled workflows', () => {
  it('lists a stalled workflow with its reason, and retry-stalled makes it go on', async () => {
    const taskQueue = uniqueId('ops');
    const connection = await connectWorkerConnection(config);
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowsPath: fileURLToPath(new URL('./fixtures/stalled-workflows.ts', import.meta.url)),
      dataConverter: dataConverter(payloadKeyring(config)),
    });
    const workflowId = uniqueId('stalled');
    await worker.runUntil(async () => {
      const handle = await client.workflow.start<typeof fixtures.stalledStandIn>('stalledStandIn', { taskQueue, workflowId, args: ['no person x in the Person table'] });
      // Visibility is eventually consistent: poll the list briefly.
      let mine: Awaited<ReturnType<typeof listStalled>>[number] | undefined;
      for (let i = 0; i < 50 && !mine; i++) {
        mine = (await listStalled(client)).find((w) => w.workflowId === workflowId);
        if (!mine) await new Promise((r) => setTimeout(r, 200));
      }
      expect(mine).toMatchObject({ workflowId, type: 'stalledStandIn', stage: 'assessment', stalled: [{ kind: 'missing-person', reason: 'no person x in the Person table' }] });

      expect(await retryStalled(client, [workflowId], 'ops-test')).toEqual([workflowId]);
      expect(await handle.result()).toBe('retried by ops-test');
    });
    await connection.close();
  });
});
