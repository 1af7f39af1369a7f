// The allocation service's handling of conduct matters against the real Kafka broker, PostgreSQL
// and Temporal dev server: its consumer reads this run's own topics and starts workflows on this
// run's own task queue, where a stub conduct workflow (fixtures/) records what it was given.
//
// This run's people have ids that sort before everyone else's (`00cond-<descending time>-…`), so
// the least-work-then-id rule makes the expected choices deterministic; earlier runs' people are
// deactivated first and this run's are removed at the end.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '@probity/shared/config';
import { createDb, type Db } from '@probity/shared/db/client';
import { DEFAULT_SLA_POLICY } from '@probity/shared/domain/index';
import { envelope, type Envelope } from '@probity/shared/events/envelope';
import type { AllocationRequested, CaseAllocated, CaseReceived } from '@probity/shared/events/schemas';
import { connectProducer, createKafka, ensureTopics, physicalTopic, publish } from '@probity/shared/kafka';
import { createLogger } from '@probity/shared/log';
import { dataConverter } from '@probity/shared/temporal/codec';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { CaseKind, CaseRef } from '@probity/shared/temporal/search-attributes';
import { uniqueId } from '@probity/shared/testing/temporal';
import { DEFAULT_CONDUCT_TIMETABLE, conductWorkflowId } from '@probity/workflows/conduct/contract';
import { startAllocationConsumer } from '../src/consumer';
import { startConductWorkflow } from '../src/conduct-start';
import { CONSUMER } from '../src/processed-events';
import { finishSignal, recordedQuery, type Recorded } from './fixtures/conduct-stub-workflow';

const workflowsPath = fileURLToPath(new URL('./fixtures/conduct-stub-workflow.ts', import.meta.url));
const PREFIX = '00cond-';
const runKey = `${(Number.MAX_SAFE_INTEGER - Date.now()).toString(36).padStart(11, '0')}${Math.random().toString(36).slice(2, 6)}`;
const pid = (name: string) => `${PREFIX}${runKey}-${name}`;
const TEAM = `team-${runKey}-response`;
const DIVISION = `div-${runKey}-north`;
const HQ = `div-${runKey}-hq`;

// Sorted by id within each role. The subject's line management: constable → sergeant → inspector
// → chief inspector (subject of nothing) → superintendent.
const PEOPLE = [
  { key: 'constable', role: 'front-line', rank: 'constable', team: TEAM, division: DIVISION, manager: 'sergeant' },
  { key: 'sergeant', role: 'supervisor', rank: 'sergeant', team: TEAM, division: DIVISION, manager: 'inspector' },
  { key: 'inspector', role: 'supervisor', rank: 'inspector', team: TEAM, division: DIVISION, manager: 'chief-inspector' },
  { key: 'chief-inspector', role: 'supervisor', rank: 'chief-inspector', team: `${TEAM}-command`, division: DIVISION, manager: 'superintendent' },
  { key: 'superintendent', role: 'divisional-lead', rank: 'superintendent', team: `${TEAM}-command`, division: DIVISION, manager: null },
  // a is in the subject's team (conflict of interest); b is free.
  { key: 'handler-a', role: 'psd-handler', rank: 'sergeant', team: TEAM, division: HQ, manager: 'manager' },
  { key: 'handler-b', role: 'psd-handler', rank: null, team: `team-${runKey}-psd`, division: HQ, manager: 'manager' },
  { key: 'manager', role: 'psd-manager', rank: 'chief-inspector', team: `team-${runKey}-psd`, division: HQ, manager: null },
  { key: 'investigator', role: 'psd-investigator', rank: 'inspector', team: `team-${runKey}-psd`, division: HQ, manager: 'manager' },
] as const;
const id = (key: (typeof PEOPLE)[number]['key']) => pid(key);

async function eventually<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
}

describe('allocation of conduct matters (real Kafka, Postgres, Temporal)', () => {
  const config = loadConfig();
  const log = createLogger('allocation-conduct-test', 'warn');
  const topics = {
    caseReceived: uniqueId('test.alloc-conduct.case-received'),
    allocationRequested: uniqueId('test.alloc-conduct.allocation-requested'),
    caseAllocated: uniqueId('test.alloc-conduct.case-allocated'),
  };
  const taskQueue = uniqueId('allocation-conduct-test');
  const caseIds: string[] = [];
  const eventIds: string[] = [];
  const workflowIds: string[] = [];

  let db: Db;
  let kafka: Kafka;
  let producer: Producer;
  let temporal: Client;
  let workerConnection: NativeConnection;
  let worker: Worker;
  let workerRun: Promise<void>;
  let allocation: Consumer;
  let collector: Consumer;
  const allocated: Envelope<CaseAllocated>[] = [];

  /** A conduct matter as intake stores it, and its case.received event. */
  async function raise(view: string, raisedBy: string, source?: string) {
    const caseId = randomUUID();
    const ref = uniqueId('CM-TEST');
    caseIds.push(caseId);
    workflowIds.push(conductWorkflowId(ref));
    const subject = { personId: id('constable'), team: TEAM, division: DIVISION };
    await db.case.create({
      data: {
        id: caseId, ref, kind: 'conduct', channel: 'web', stage: 'received', receivedAt: new Date(), publicTokenHash: '',
        complainant: {}, incident: { what: 'test account' }, subjects: [subject],
      },
    });
    await db.conductMatter.create({
      data: { caseId, ref, raisedById: raisedBy, supervisorView: view, subjectPersonId: id('constable'), standards: ['confidentiality'], ...(source ? { source, formalRequestById: raisedBy } : {}) },
    });
    const data: CaseReceived = {
      caseId, ref, kind: 'conduct', channel: 'web', receivedAt: new Date().toISOString(),
      allegations: [{ id: `${caseId}:1`, category: 'confidentiality' }], subjects: [subject], flags: {},
    };
    const event = envelope({ id: `case.received:${caseId}`, type: 'case.received', source: 'probity/intake', subject: caseId, data });
    eventIds.push(event.id);
    return { caseId, ref, event };
  }

  const processed = (eventId: string) => db.processedEvent.findUnique({ where: { consumer_eventId: { consumer: CONSUMER, eventId } } });
  const recorded = (ref: string) => temporal.workflow.getHandle(conductWorkflowId(ref)).query(recordedQuery);
  const allocatedFor = (caseId: string) => allocated.filter((e) => e.data.caseId === caseId);

  beforeAll(async () => {
    db = createDb(config.DATABASE_URL);
    kafka = createKafka(config.KAFKA_BROKERS, 'probity-allocation-conduct-test', log);
    producer = await connectProducer(kafka);
    temporal = await connectTemporalClient(config);
    await ensureTopics(kafka, Object.values(topics), 1);

    await db.person.updateMany({ where: { id: { startsWith: PREFIX }, active: true }, data: { active: false } });
    for (const p of PEOPLE) {
      await db.person.create({
        data: { id: id(p.key), name: `Test ${p.key}`, email: `${id(p.key)}@test.probity.local`, role: p.role, rank: p.rank, team: p.team, division: p.division, active: true },
      });
    }
    for (const p of PEOPLE) if (p.manager) await db.person.update({ where: { id: id(p.key) }, data: { managerId: id(p.manager) } });

    workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    worker = await Worker.create({ connection: workerConnection, namespace: config.TEMPORAL_NAMESPACE, taskQueue, workflowsPath, dataConverter: dataConverter(config.PAYLOAD_KEY) });
    workerRun = worker.run();

    collector = kafka.consumer({ groupId: uniqueId('alloc-conduct-collector') });
    await collector.connect();
    await collector.subscribe({ topic: physicalTopic(topics.caseAllocated), fromBeginning: true });
    await collector.run({
      eachMessage: async ({ message }) => {
        allocated.push(JSON.parse(message.value!.toString()) as Envelope<CaseAllocated>);
      },
    });
    allocation = await startAllocationConsumer(
      { db, temporal, producer, log, taskQueue, caseAllocatedTopic: topics.caseAllocated },
      { kafka, groupId: uniqueId('probity-allocation-conduct-test'), topics },
    );
  });

  afterAll(async () => {
    await allocation?.disconnect();
    await collector?.disconnect();
    for (const wf of workflowIds) await temporal?.workflow.getHandle(wf).terminate('allocation conduct test finished').catch(() => undefined);
    if (worker) {
      worker.shutdown();
      await workerRun;
    }
    await workerConnection?.close();
    await temporal?.connection.close();
    if (kafka) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: Object.values(topics).map(physicalTopic) }).catch(() => undefined);
      await admin.disconnect();
    }
    await producer?.disconnect();
    if (db) {
      await db.processedEvent.deleteMany({ where: { consumer: CONSUMER, eventId: { in: eventIds } } });
      await db.auditEntry.deleteMany({ where: { caseId: { in: caseIds } } });
      await db.conductMatter.deleteMany({ where: { caseId: { in: caseIds } } });
      await db.case.deleteMany({ where: { id: { in: caseIds } } });
      await db.person.updateMany({ where: { id: { startsWith: pid('') } }, data: { managerId: null } });
      await db.person.deleteMany({ where: { id: { startsWith: pid('') } } });
      await db.$disconnect();
    }
  });

  it('PSD raising possible misconduct with its source: straight to a PSD assessor, the source in the input (§3.3.5 is advice, not a bar)', async () => {
    const { ref, event } = await raise('possible-misconduct', id('handler-b'), 'whistleblower');
    await publish(producer, topics.caseReceived, event);
    await eventually('the event to be processed', () => processed(event.id));
    const { input } = await eventually<Recorded>('the stub workflow', () => recorded(ref));
    expect(input).toMatchObject({ view: 'possible-misconduct', source: { source: 'whistleblower' }, raisedBy: { id: id('handler-b'), person: { kind: 'staff' } } });
    expect(input.psdAssessorId).not.toBeNull();
  });

  it('on the cusp: starts conduct-<ref> once with the chief inspector up the chain, a PSD assessor outside the subject’s team, the appropriate authority and the line manager', async () => {
    const { caseId, ref, event } = await raise('on-the-cusp', id('sergeant'));
    await publish(producer, topics.caseReceived, event);
    await eventually('the event to be processed', () => processed(event.id));
    const { input } = await eventually<Recorded>('the stub workflow', () => recorded(ref));

    expect(input).toMatchObject({
      caseId,
      ref,
      view: 'on-the-cusp',
      discussedWithChiefInspector: false,
      standards: [{ id: `${caseId}:1`, standard: 'confidentiality' }],
      subject: { personId: id('constable'), team: TEAM, division: DIVISION, person: { kind: 'officer', rank: 'constable' } },
      raisedBy: { id: id('sergeant'), person: { kind: 'officer', rank: 'sergeant' } },
      // The inspector is passed over: §3.3.4 needs a chief inspector.
      chiefInspectorId: id('chief-inspector'),
      // handler-a sorts first but is in the subject's team.
      psdAssessorId: id('handler-b'),
      appropriateAuthorityId: id('manager'),
      reflectiveReviewerId: id('sergeant'),
    });
    expect(input.sla).toEqual(DEFAULT_SLA_POLICY);
    expect(input.timetable).toEqual(DEFAULT_CONDUCT_TIMETABLE);
    expect(input.holidays).toContain('2026-12-25');

    const described = await temporal.workflow.getHandle(conductWorkflowId(ref)).describe();
    expect(described.type).toBe('conduct');
    expect(described.typedSearchAttributes.get(CaseKind)).toBe('conduct');
    expect(described.typedSearchAttributes.get(CaseRef)).toBe(ref);

    const [announced] = await eventually('case.allocated', async () => allocatedFor(caseId).length > 0 && allocatedFor(caseId));
    expect(announced).toMatchObject({ id: `case.allocated:${caseId}:assessment`, data: { purpose: 'assessment', assigneeId: id('handler-b') } });
    expect(announced!.data.reason).toMatch(/PSD advice and severity assessment/);
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).assigneeId).toBe(id('handler-b'));

    // Redelivered before it was marked: the same run, the same decision, the same announcement id.
    await db.processedEvent.deleteMany({ where: { consumer: CONSUMER, eventId: event.id } });
    await publish(producer, topics.caseReceived, event);
    await eventually('the redelivery to be processed', () => processed(event.id));
    expect((await temporal.workflow.getHandle(conductWorkflowId(ref)).describe()).runId).toBe(described.runId);
    expect(await startConductWorkflow(temporal, taskQueue, input)).toEqual({ workflowId: conductWorkflowId(ref), runId: described.runId });
    await eventually('the repeated announcement', async () => allocatedFor(caseId).length > 1);
    expect(new Set(allocatedFor(caseId).map((e) => e.id))).toEqual(new Set([`case.allocated:${caseId}:assessment`]));

    // The workflow asks for an investigator (allocation.requested) and is signalled one.
    const request = envelope<AllocationRequested>({
      id: uniqueId(`${conductWorkflowId(ref)}:allocation.requested`),
      type: 'allocation.requested',
      source: 'probity/worker',
      subject: caseId,
      data: { caseId, ref, workflowId: conductWorkflowId(ref), mode: 'psd-investigator', subjects: [{ personId: id('constable'), team: TEAM, division: DIVISION }] },
    });
    eventIds.push(request.id);
    await publish(producer, topics.allocationRequested, request);
    const { assignments } = await eventually('the assigned signal', async () => {
      const r = await recorded(ref);
      return r.assignments.length > 0 && r;
    });
    expect(assignments[0]).toMatchObject({ assigneeId: id('investigator') });
  });

  it('clearly not misconduct: no PSD at all — allocated to the line manager for local reflective practice (§3.3.7)', async () => {
    const { caseId, ref, event } = await raise('clearly-not-misconduct', id('inspector'));
    await publish(producer, topics.caseReceived, event);
    await eventually('the event to be processed', () => processed(event.id));
    const { input } = await eventually<Recorded>('the stub workflow', () => recorded(ref));
    expect(input).toMatchObject({ psdAssessorId: null, appropriateAuthorityId: null, reflectiveReviewerId: id('sergeant'), chiefInspectorId: id('chief-inspector') });
    const [announced] = await eventually('case.allocated', async () => allocatedFor(caseId).length > 0 && allocatedFor(caseId));
    expect(announced!.data).toMatchObject({ purpose: 'handling', assigneeId: id('sergeant'), reason: expect.stringContaining('§3.3.7') });
    const audit = await db.auditEntry.findUniqueOrThrow({ where: { id: `allocation:${caseId}:assessment` } });
    expect(audit).toMatchObject({ action: 'local-handling-chosen', detail: { route: 'local-reflective-practice' } });
    await temporal.workflow.getHandle(conductWorkflowId(ref)).signal(finishSignal);
  });
});
