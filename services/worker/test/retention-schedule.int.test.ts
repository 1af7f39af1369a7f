// The daily retention Schedule (policy §10.1) on the real Temporal dev server, in the tests' own
// namespace: it exists (made at start-up, idempotently), runs the sweep on the worker's task
// queue, and the sweep disposes of the personal data of closed cases whose retention has ended —
// once, audited — and of nothing else.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { loadConfig } from '@probity/shared/config';
import { createLogger } from '@probity/shared/log';
import { createDb, type Db } from '@probity/shared/db/client';
import { seed } from '@probity/shared/db/seed';
import { createKafka, connectProducer } from '@probity/shared/kafka';
import { connectTemporalClient, connectWorkerConnection } from '@probity/shared/temporal/connect';
import { dataConverter } from '@probity/shared/temporal/codec';
import { createActivities } from '@probity/activities/index';
import { RETENTION_SCHEDULE_ID, RETENTION_SWEEP_WORKFLOW } from '@probity/workflows/retention/contract';
import { RETENTION_SWEEP_TIMEZONE, ensureRetentionSchedule, retentionSweepInput } from '../src/retention-schedule';
import { fileURLToPath } from 'node:url';
import type { Producer } from 'kafkajs';

const config = loadConfig();
const workflowsPath = fileURLToPath(new URL('../../../workflows/src/index.ts', import.meta.url));
const YEAR = 365.25 * 24 * 3600 * 1000;
const run = randomUUID().slice(0, 8);

let client: Client;
let db: Db;
let producer: Producer;

/** A case row as intake and its (finished) workflow would have left it. */
async function closedCase(name: string, closedAt: Date | null, kind: 'complaint' | 'conduct' = 'complaint') {
  const id = `${run}-${name}`;
  await db.case.create({
    data: {
      id, ref: `CO-RET-${run}-${name}`.toUpperCase(), kind, channel: 'web', stage: closedAt ? 'retained' : 'handling',
      receivedAt: new Date((closedAt ?? new Date()).getTime() - 30 * 24 * 3600 * 1000), closedAt, publicTokenHash: 'test',
      complainant: { name: 'Casey Example', email: `${id}@example.test` }, incident: { what: 'what happened' }, subjects: [{ team: 'north-response' }],
      allegations: { create: [{ id: `${id}-a1`, seq: 1, category: 'individual-behaviour', description: 'rude' }] },
    },
  });
  return id;
}

beforeAll(async () => {
  await seed(config.DATABASE_URL);
  db = createDb(config.DATABASE_URL);
  producer = await connectProducer(createKafka(config.KAFKA_BROKERS, `retention-schedule-test-${run}`));
  client = await connectTemporalClient(config);
});

afterAll(async () => {
  await client?.connection.close();
  await producer?.disconnect();
  await db?.$disconnect();
});

describe('the retention Schedule (§10.1)', () => {
  it('exists in the namespace, made idempotently, daily at 02:30 London time on the worker’s queue', async () => {
    // infra/temporal-namespaces.ts made it before the tests; the worker makes sure again at start-up.
    expect(await ensureRetentionSchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE })).toBe('unchanged');
    expect(await ensureRetentionSchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE })).toBe('unchanged');
    const d = await client.schedule.getHandle(RETENTION_SCHEDULE_ID).describe();
    expect(d.spec.timezone).toBe(RETENTION_SWEEP_TIMEZONE);
    expect(d.spec.calendars).toEqual([expect.objectContaining({ hour: [{ start: 2, end: 2, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] })]);
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: RETENTION_SWEEP_WORKFLOW, taskQueue: config.TEMPORAL_TASK_QUEUE, args: [retentionSweepInput()] });
    expect(d.state.paused).toBe(false);
    const listed: string[] = [];
    for await (const s of client.schedule.list()) listed.push(s.scheduleId);
    expect(listed).toContain(RETENTION_SCHEDULE_ID);
  });

  it('brings the action up to date when the task queue changes, keeping the schedule', async () => {
    const other = `${config.TEMPORAL_TASK_QUEUE}-moved-${run}`;
    try {
      expect(await ensureRetentionSchedule(client, { taskQueue: other })).toBe('updated');
      expect((await client.schedule.getHandle(RETENTION_SCHEDULE_ID).describe()).action).toMatchObject({ taskQueue: other });
    } finally {
      expect(await ensureRetentionSchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE })).toBe('updated');
    }
  });

  it('when triggered, disposes of what is due — once, audited — and of nothing else', async () => {
    const now = Date.now();
    const dueComplaint = await closedCase('due', new Date(now - 7 * YEAR));
    const dueConduct = await closedCase('due-conduct', new Date(now - 6.5 * YEAR), 'conduct');
    await db.rprpRecord.create({
      data: { caseId: dueConduct, ref: `${run}-rprp`, participantId: 'north-constable', reviewerId: 'north-sergeant', directedBy: 'psd', account: 'sealed account', reviewDueOn: new Date(now - 6 * YEAR) },
    });
    const kept = await closedCase('kept', new Date(now - 5 * YEAR));
    const open = await closedCase('open', null);

    const connection = await connectWorkerConnection(config);
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowsPath,
      activities: createActivities({ db, producer, log: createLogger('retention-test-worker', 'warn') }),
      dataConverter: dataConverter(config.PAYLOAD_KEY),
    });
    const schedule = client.schedule.getHandle(RETENTION_SCHEDULE_ID);

    /** Triggers the schedule and waits for the run it starts to complete. */
    const triggered = async () => {
      // recentActions is capped by the server, so a new run is told by its run id, not by the count.
      // A scheduled run's workflow id carries its time to the second: two triggers within one second
      // would share it, so wait for the next second before triggering again.
      const last = (await schedule.describe()).info.recentActions.at(-1);
      const before = last?.action.workflow.firstExecutionRunId;
      if (last) await new Promise((r) => setTimeout(r, Math.max(0, last.takenAt.getTime() + 1100 - Date.now())));
      await schedule.trigger();
      for (let i = 0; i < 150; i++) {
        const { info } = await schedule.describe();
        const action = info.recentActions.at(-1);
        if (action && action.action.workflow.firstExecutionRunId !== before) {
          const h = client.workflow.getHandle(action.action.workflow.workflowId, action.action.workflow.firstExecutionRunId);
          return h.result() as Promise<{ disposed: number; failed: string[] }>;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('the schedule did not start a sweep');
    };

    await worker.runUntil(async () => {
      const first = await triggered();
      expect(first.failed).toEqual([]);
      expect(first.disposed).toBeGreaterThanOrEqual(2);

      for (const id of [dueComplaint, dueConduct]) {
        const row = await db.case.findUniqueOrThrow({ where: { id }, include: { allegations: true } });
        expect(row).toMatchObject({ stage: 'disposed', complainant: { disposed: true }, incident: { disposed: true }, subjects: [] });
        expect(row.allegations[0]!.description).toBe('[disposed]');
        expect(row.disposedAt).not.toBeNull();
      }
      expect((await db.rprpRecord.findUniqueOrThrow({ where: { caseId: dueConduct } })).account).toBeNull();
      for (const id of [kept, open]) {
        const row = await db.case.findUniqueOrThrow({ where: { id } });
        expect(row.disposedAt).toBeNull();
        expect(row.complainant).toMatchObject({ name: 'Casey Example' });
      }

      // Tomorrow's run (or a second trigger) finds nothing more to do for these cases.
      await triggered();
      const audit = await db.auditEntry.findMany({ where: { caseId: { in: [dueComplaint, dueConduct, kept, open] }, action: 'personal-data-disposed' } });
      expect(audit.map((a) => a.caseId).sort()).toEqual([dueComplaint, dueConduct].sort());
    });
    await connection.close();
  });
});
