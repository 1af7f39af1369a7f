// Test world for workflow tests: a time-skipping Temporal server, a Worker running the real
// workflows and the real activities against the real Postgres and Kafka.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { Producer } from 'kafkajs';
import { loadConfig } from '@probity/shared/config';
import { createLogger } from '@probity/shared/log';
import { createDb, type Db } from '@probity/shared/db/client';
import { seed } from '@probity/shared/db/seed';
import { createKafka, connectProducer } from '@probity/shared/kafka';
import { dataConverter, payloadKeyring } from '@probity/shared/temporal/codec';
import { createTimeSkippingEnv } from '@probity/shared/testing/temporal';
import { DEFAULT_SLA_POLICY, ENGLAND_AND_WALES, routeComplaint, type AllegationCategory, type AllegationSubCategory } from '@probity/shared/domain/index';
import { createActivities } from '@probity/activities/index';
import { DEMO_PEOPLE } from '@probity/shared/db/demo-people';
import type { Actor } from '@probity/shared/auth';
import { COMPLAINT_WORKFLOW, complaintWorkflowId, completeTaskUpdate, stateQuery, type ComplaintInput, type TaskType } from '../src/complaint/contract';
import type { complaint } from '../src/complaint/complaint';

export const workflowsPath = fileURLToPath(new URL('../src/index.ts', import.meta.url));

export interface World {
  env: TestWorkflowEnvironment;
  /**
   * A client that waits without skipping time. The env's own client skips time while it waits
   * for a result, to the next timer of any workflow — also to the test server's own ten-year
   * execution timeouts of runs already closed. Use this one to wait for workflows with no timer left.
   */
  client: Client;
  worker: Worker;
  db: Db;
  producer: Producer;
  running: Promise<void>;
  taskQueue: string;
  close(): Promise<void>;
}

export async function createWorld(): Promise<World> {
  const config = loadConfig();
  await seed(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  const producer = await connectProducer(createKafka(config.KAFKA_BROKERS, 'probity-workflow-tests'));
  const env = await createTimeSkippingEnv(payloadKeyring(config));
  const taskQueue = `complaints-${randomUUID().slice(0, 8)}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath,
    activities: createActivities({ db, producer, log: createLogger('test-worker', 'warn') }),
    dataConverter: dataConverter(payloadKeyring(config)),
  });
  const running = worker.run();
  const client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter: dataConverter(payloadKeyring(config)) });
  return {
    env, client, worker, db, producer, running, taskQueue,
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
      await producer.disconnect();
      await db.$disconnect();
    },
  };
}

let counter = 0;

/** Creates the case row (as intake would) and starts its workflow (as allocation would). */
export async function startComplaint(
  w: World,
  opts: {
    categories?: (AllegationCategory | { category: AllegationCategory; subCategory: AllegationSubCategory })[];
    firstContact?: ComplaintInput['firstContact'] | 'none';
    assessorId?: string;
    subjects?: ComplaintInput['subjects'];
    complainantWantsSch3?: boolean;
    /** The day of the incident, as intake passes it on. */
    incidentOn?: string;
    /** The bank holidays the case counts with (default: all of the data's). */
    holidays?: string[];
  } = {},
): Promise<{ handle: WorkflowHandle<typeof complaint>; input: ComplaintInput }> {
  const caseId = randomUUID();
  const ref = `CO-TEST-${Date.now().toString(36).toUpperCase()}${(counter++).toString(36).toUpperCase()}`;
  const receivedAt = new Date(await w.env.currentTimeMs()).toISOString();
  const codes = (opts.categories ?? ['individual-behaviours']).map((c) => (typeof c === 'string' ? { category: c } : c));
  const allegations = codes.map((c, i) => ({ id: `${caseId}-a${i + 1}`, ...c }));
  await w.db.case.create({
    data: {
      id: caseId, ref, kind: 'complaint', channel: 'web', stage: 'received', receivedAt: new Date(receivedAt),
      publicTokenHash: 'test', complainant: { name: 'Test Complainant', email: `${ref.toLowerCase()}@example.test`, preferredContact: 'email' },
      incident: { what: 'test incident' }, subjects: [],
      allegations: { create: allegations.map((a, i) => ({ id: a.id, seq: i + 1, category: a.category, description: 'test' })) },
    },
  });
  const input: ComplaintInput = {
    caseId, ref, channel: 'web', receivedAt, allegations,
    subjects: opts.subjects ?? [{ team: 'north-response', division: 'north' }],
    route: routeComplaint({ allegations, ...(opts.complainantWantsSch3 && { complainantWantsSch3: true }) }),
    assessorId: opts.assessorId ?? 'psd-handler-1',
    complaintsTeamId: 'psd-manager',
    ...(opts.firstContact === 'none' ? {} : { firstContact: opts.firstContact ?? { byId: 'north-constable', at: receivedAt, resolved: false } }),
    ...(opts.incidentOn && { incidentOn: opts.incidentOn }),
    sla: DEFAULT_SLA_POLICY,
    holidays: opts.holidays ?? ENGLAND_AND_WALES.holidays().map((h) => h.date),
  };
  const handle = await w.env.client.workflow.start<typeof complaint>(COMPLAINT_WORKFLOW, {
    taskQueue: w.taskQueue, workflowId: complaintWorkflowId(ref), args: [input],
  });
  return { handle, input };
}

/** An outcome for every allegation of the case, as a handler records it. */
export function outcomesFor(input: ComplaintInput, over: { outcome?: string; caseToAnswer?: boolean; actions?: string[] } = {}) {
  return input.allegations.map((a) => ({ allegationId: a.id, outcome: over.outcome ?? 'service-acceptable', actions: over.actions ?? ['explanation'], ...(over.caseToAnswer !== undefined && { caseToAnswer: over.caseToAnswer }) }));
}

/** The actor a bearer token would carry for a demo person. */
export function actor(id: string): Actor {
  const p = DEMO_PEOPLE.find((x) => x.id === id);
  if (!p) throw new Error(`no demo person ${id}`);
  return { id: p.id, role: p.role, rank: p.rank, team: p.team, division: p.division };
}

export async function openTaskOf(handle: WorkflowHandle<typeof complaint>, type: TaskType) {
  for (let i = 0; i < 50; i++) {
    const t = (await handle.query(stateQuery)).openTasks.find((x) => x.type === type);
    if (t) return t;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no open ${type} task`);
}

export async function completeTask(handle: WorkflowHandle<typeof complaint>, type: TaskType, by: string, payload: unknown) {
  const task = await openTaskOf(handle, type);
  return handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor: actor(by), payload }] });
}

export async function waitForStage(handle: WorkflowHandle<typeof complaint>, stage: string) {
  let last = '';
  for (let i = 0; i < 100; i++) {
    last = (await handle.query(stateQuery)).stage;
    if (last === stage) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected stage ${stage}, still ${last}`);
}

/** The validator's (or handler's) refusal message of an update that must fail. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected the update to be refused, got ${err === undefined ? 'success' : String(err)}`);
  return String(err.cause?.message);
}
