// Rotating the payload key loses nothing: a complaint starts under the old key, the worker and
// clients are restarted with a new current key (the old one kept as previous), and the case goes
// on to its end. Its history then holds payloads under both keys; it replays, and every payload
// decodes, with the rotated keyring — and without the old key it cannot, saying which key it needs.
// Time skipping on the Java test server; real activities on the real Postgres and Kafka.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@temporalio/client';
import { Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Producer } from 'kafkajs';
import { loadConfig } from '@probity/shared/config';
import { createLogger } from '@probity/shared/log';
import { createDb, type Db } from '@probity/shared/db/client';
import { seed } from '@probity/shared/db/seed';
import { createKafka, connectProducer } from '@probity/shared/kafka';
import { EncryptionCodec, dataConverter, type PayloadKeyring } from '@probity/shared/temporal/codec';
import { createTimeSkippingEnv, payloadsIn } from '@probity/shared/testing/temporal';
import { createActivities } from '@probity/activities/index';
import { completeTaskUpdate, stateQuery, type ComplaintInput } from '../src/complaint/contract';
import type { complaint } from '../src/complaint/complaint';
import { actor, startComplaint, workflowsPath, type World } from './world';

const OLD = { id: 'probity-1', hexKey: loadConfig().PAYLOAD_KEY };
const NEW = { id: 'probity-2', hexKey: randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '') };
const before: PayloadKeyring = { current: OLD };
const rotated: PayloadKeyring = { current: NEW, previous: [OLD] };

let env: TestWorkflowEnvironment;
/** Bundled once for the two workers and the two replays. */
let workflowBundle: WorkflowBundle;
let db: Db;
let producer: Producer;
const taskQueue = `rotation-${randomUUID().slice(0, 8)}`;

const workerWith = (keys: PayloadKeyring) =>
  Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: createActivities({ db, producer, log: createLogger('rotation-test-worker', 'warn') }),
    dataConverter: dataConverter(keys),
    // No sticky cache: the next workflow task goes to whichever worker is up (as after a restart),
    // not to the stopped worker's sticky queue, whose timeout would need time to pass.
    maxCachedWorkflows: 0,
  });
const clientWith = (keys: PayloadKeyring) => new Client({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter: dataConverter(keys) });

const keyIdOf = (p: Payload) => Buffer.from(p.metadata!['encryption-key-id']!).toString();

beforeAll(async () => {
  const config = loadConfig();
  await seed(config.DATABASE_URL);
  db = createDb(config.DATABASE_URL);
  producer = await connectProducer(createKafka(config.KAFKA_BROKERS, `rotation-test-${taskQueue}`));
  env = await createTimeSkippingEnv(before);
  workflowBundle = await bundleWorkflowCode({ workflowsPath, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } });
});
afterAll(async () => {
  await env?.teardown();
  await producer?.disconnect();
  await db?.$disconnect();
});

describe('rotating the payload key (PAYLOAD_KEY, PAYLOAD_KEY_ID, PAYLOAD_KEYS_PREVIOUS)', () => {
  it('a case started under the old key goes on under the new one; its history replays and decodes', async () => {
    // ── Before: one key ──────────────────────────────────────────────────────────────────────
    const w = { env, db, taskQueue } as unknown as World;
    const oldWorker = await workerWith(before);
    let input!: ComplaintInput;
    let workflowId!: string;
    await oldWorker.runUntil(async () => {
      const started = await startComplaint(w, { firstContact: 'none' });
      input = started.input;
      workflowId = started.handle.workflowId;
      for (let i = 0; i < 100 && !(await started.handle.query(stateQuery)).openTasks.length; i++) await new Promise((r) => setTimeout(r, 100));
    });

    // ── Rotated: every process restarts with the new current key and the old one as previous ──
    const client = clientWith(rotated);
    const handle = client.workflow.getHandle<typeof complaint>(workflowId);
    const newWorker = await workerWith(rotated);
    await newWorker.runUntil(async () => {
      const task = (await handle.query(stateQuery)).openTasks.find((t) => t.type === 'first-contact')!;
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor: actor('psd-handler-1'), payload: { resolved: true } }] });
      const end = await handle.result();
      expect(end).toMatchObject({ ref: input.ref, stage: 'retained', outcome: 'resolved-at-first-contact' });
    });

    // ── The history holds both keys' payloads … ──────────────────────────────────────────────
    const history = await handle.fetchHistory();
    const payloads = payloadsIn(history);
    const ids = payloads.map(keyIdOf);
    expect(new Set(ids)).toEqual(new Set(['probity-1', 'probity-2']));
    expect(ids[0]).toBe('probity-1'); // the workflow's input, written before the rotation
    // … and every one decodes with the rotated keyring; the input is the complaint's.
    const decoded = await new EncryptionCodec(rotated).decode(payloads);
    expect(defaultPayloadConverter.fromPayload(decoded[0]!)).toMatchObject({ caseId: input.caseId, ref: input.ref });
    expect(decoded).toHaveLength(payloads.length);

    // ── It replays under the rotated keys, and fails plainly without the old one ─────────────
    await Worker.runReplayHistory({ workflowBundle, dataConverter: dataConverter(rotated) }, history as temporal.api.history.v1.IHistory, workflowId);
    await expect(Worker.runReplayHistory({ workflowBundle, dataConverter: dataConverter({ current: NEW }) }, history, workflowId)).rejects.toThrow(
      /payload encrypted with key 'probity-1', which is not configured/,
    );
    await expect(new EncryptionCodec({ current: NEW }).decode(payloads)).rejects.toThrow(/add it to PAYLOAD_KEYS_PREVIOUS as probity-1/);
  });
});
