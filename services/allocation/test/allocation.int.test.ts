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
import { CaseKind, CaseRef, Stage } from '@probity/shared/temporal/search-attributes';
import { uniqueId } from '@probity/shared/testing/temporal';
import { complaintWorkflowId } from '@probity/workflows/complaint/contract';
import { allocateInTiers } from '@probity/shared/domain/index';
import { loadCandidates, POOLS, poolTiers } from '../src/assignment';
import { startComplaintWorkflow } from '../src/case-start';
import { startAllocationConsumer } from '../src/consumer';
import { CONSUMER } from '../src/processed-events';
import { finishSignal, recordedQuery } from './fixtures/complaint-stub-workflow';

// The allocation service against the real Kafka broker, PostgreSQL and Temporal dev server. Its
// consumer reads this run's own topics and starts workflows on this run's own task queue, where a
// stub complaint workflow (fixtures/) records what it was given.
//
// Allocation considers every active person of a role. This run's people have no other work and
// ids that sort before anyone else's (newest run first: `0alloc-<descending time>-…`), so the
// rule's least-work-then-id order makes the expected choice deterministic; stale people from
// earlier runs are deactivated first and this run's are removed at the end.

const workflowsPath = fileURLToPath(new URL('./fixtures/complaint-stub-workflow.ts', import.meta.url));
const PERSON_PREFIX = '0alloc-';
const runKey = `${(Number.MAX_SAFE_INTEGER - Date.now()).toString(36).padStart(11, '0')}${Math.random().toString(36).slice(2, 6)}`;
const pid = (name: string) => `${PERSON_PREFIX}${runKey}-${name}`;

const SUBJECT_TEAM = `team-${runKey}-north-response`;
const SUBJECT_DIVISION = `div-${runKey}-north`;
const OTHER_DIVISION = `div-${runKey}-south`;

const PEOPLE = {
  // Sorted by id: a < b < c. a is free but in the subject's team; b has open work; c is free.
  handlerA: { id: pid('handler-a'), role: 'psd-handler', team: SUBJECT_TEAM, division: SUBJECT_DIVISION },
  handlerB: { id: pid('handler-b'), role: 'psd-handler', team: `team-${runKey}-psd-1`, division: `div-${runKey}-hq` },
  handlerC: { id: pid('handler-c'), role: 'psd-handler', team: `team-${runKey}-psd-2`, division: `div-${runKey}-hq` },
  manager: { id: pid('manager'), role: 'psd-manager', team: `team-${runKey}-psd-1`, division: `div-${runKey}-hq` },
  leadA: { id: pid('lead-a'), role: 'divisional-lead', team: `team-${runKey}-north-command`, division: SUBJECT_DIVISION },
  leadB: { id: pid('lead-b'), role: 'divisional-lead', team: `team-${runKey}-south-command`, division: OTHER_DIVISION },
  investigatorA: { id: pid('investigator-a'), role: 'psd-investigator', team: SUBJECT_TEAM, division: SUBJECT_DIVISION },
  investigatorB: { id: pid('investigator-b'), role: 'psd-investigator', team: `team-${runKey}-psd-3`, division: `div-${runKey}-hq` },
  // The local policing body's complaint handlers, and a chief constable to complain about (inactive: never a candidate).
  lpbA: { id: pid('lpb-a'), role: 'lpb-complaint-handler', team: `team-${runKey}-opcc`, division: `div-${runKey}-opcc` },
  lpbB: { id: pid('lpb-b'), role: 'lpb-complaint-handler', team: `team-${runKey}-opcc`, division: `div-${runKey}-opcc` },
  chief: { id: pid('chief'), role: 'chief-officer', rank: 'chief-constable', team: `team-${runKey}-chief-officers`, division: `div-${runKey}-hq` },
};

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

describe('allocation service (real Kafka, Postgres, Temporal)', () => {
  const config = loadConfig();
  const log = createLogger('allocation-test', 'warn');
  const topics = {
    caseReceived: uniqueId('test.alloc.case-received'),
    allocationRequested: uniqueId('test.alloc.allocation-requested'),
    caseAllocated: uniqueId('test.alloc.case-allocated'),
  };
  const taskQueue = uniqueId('allocation-test');
  const caseId = randomUUID();
  const ref = uniqueId('CO-TEST');
  const workflowId = complaintWorkflowId(ref);
  const busyCaseId = randomUUID();
  const caseIds = [caseId, busyCaseId];
  const taskIds: string[] = [];
  const eventIds: string[] = [];

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

  const received: CaseReceived = {
    caseId,
    ref,
    kind: 'complaint',
    channel: 'web',
    receivedAt: new Date().toISOString(),
    allegations: [{ id: `${caseId}:1`, category: 'sexual-conduct', subCategory: 'sexual-assault' }],
    subjects: [{ personId: uniqueId('officer'), team: SUBJECT_TEAM, division: SUBJECT_DIVISION }],
    flags: {},
  };
  const caseReceivedEvent = envelope({ id: `case.received:${caseId}`, type: 'case.received', source: 'probity/intake', subject: caseId, data: received });
  eventIds.push(caseReceivedEvent.id);

  const allocationRequest = (mode: AllocationRequested['mode']) => {
    const event = envelope<AllocationRequested>({
      id: uniqueId(`${workflowId}:allocation.requested`),
      type: 'allocation.requested',
      source: 'probity/worker',
      subject: caseId,
      data: { caseId, ref, workflowId, mode, subjects: received.subjects },
    });
    eventIds.push(event.id);
    return event;
  };

  const processed = (eventId: string) =>
    db.processedEvent.findUnique({ where: { consumer_eventId: { consumer: CONSUMER, eventId } } });
  const forget = (eventId: string) => db.processedEvent.deleteMany({ where: { consumer: CONSUMER, eventId } });
  const recorded = () => temporal.workflow.getHandle(workflowId).query(recordedQuery);
  const runsOfWorkflow = async () => {
    const runs: string[] = [];
    for await (const wf of temporal.workflow.list({ query: `WorkflowId = "${workflowId}"` })) runs.push(wf.runId);
    return runs;
  };
  const assignedSignalsInHistory = async () => {
    const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
    return (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'assigned').length;
  };
  const allocatedFor = (purpose: CaseAllocated['purpose']) => allocated.filter((e) => e.data.caseId === caseId && e.data.purpose === purpose);

  beforeAll(async () => {
    db = createDb(config.DATABASE_URL);
    kafka = createKafka(config.KAFKA_BROKERS, 'probity-allocation-test', log);
    producer = await connectProducer(kafka);
    temporal = await connectTemporalClient(config);
    await ensureTopics(kafka, Object.values(topics), 1); // one partition: events are handled in order

    // People: earlier runs' leftovers stand aside; this run's people are created fresh.
    await db.person.updateMany({ where: { id: { startsWith: PERSON_PREFIX }, active: true }, data: { active: false } });
    for (const p of Object.values(PEOPLE)) {
      await db.person.create({ data: { ...p, name: `Test ${p.role}`, email: `${p.id}@test.probity.local`, active: true } });
    }
    // Workload: b has an open task and an open case; c has only finished work.
    const caseRow = (id: string, caseRef: string, extra: object = {}) => ({
      id,
      ref: caseRef,
      kind: 'complaint',
      channel: 'web',
      stage: 'received',
      receivedAt: new Date(),
      publicTokenHash: 'test',
      complainant: {},
      incident: {},
      subjects: received.subjects,
      ...extra,
    });
    await db.case.create({ data: caseRow(caseId, ref) });
    await db.case.create({ data: caseRow(busyCaseId, uniqueId('CO-TEST-BUSY'), { assigneeId: PEOPLE.handlerB.id }) });
    const task = (assigneeId: string, completedAt: Date | null) => {
      const id = uniqueId('alloc-test-task');
      taskIds.push(id);
      return { id, caseId: busyCaseId, caseRef: 'busy', workflowId: 'none', type: 'assessment', assigneeId, dueAt: new Date(), createdAt: new Date(), completedAt };
    };
    await db.task.createMany({ data: [task(PEOPLE.handlerB.id, null), task(PEOPLE.handlerC.id, new Date())] });
    const closedCaseId = randomUUID();
    caseIds.push(closedCaseId);
    await db.case.create({ data: caseRow(closedCaseId, uniqueId('CO-TEST-CLOSED'), { assigneeId: PEOPLE.handlerC.id, closedAt: new Date() }) });

    workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    worker = await Worker.create({
      connection: workerConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowsPath,
      dataConverter: dataConverter(config.PAYLOAD_KEY),
    });
    workerRun = worker.run();

    collector = kafka.consumer({ groupId: uniqueId('alloc-test-collector') });
    await collector.connect();
    await collector.subscribe({ topic: physicalTopic(topics.caseAllocated), fromBeginning: true });
    await collector.run({
      eachMessage: async ({ message }) => {
        allocated.push(JSON.parse(message.value!.toString()) as Envelope<CaseAllocated>);
      },
    });

    allocation = await startAllocationConsumer(
      { db, temporal, producer, log, taskQueue, caseAllocatedTopic: topics.caseAllocated },
      { kafka, groupId: uniqueId('probity-allocation-test'), topics },
    );
  });

  afterAll(async () => {
    await allocation?.disconnect();
    await collector?.disconnect();
    await temporal?.workflow.getHandle(workflowId).terminate('allocation test finished').catch(() => undefined);
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
      await db.task.deleteMany({ where: { id: { in: taskIds } } });
      await db.auditEntry.deleteMany({ where: { caseId: { in: caseIds } } });
      await db.case.deleteMany({ where: { id: { in: caseIds } } });
      await db.person.deleteMany({ where: { id: { in: Object.values(PEOPLE).map((p) => p.id) } } });
      await db.$disconnect();
    }
  });

  it('loads each candidate’s open workload: open tasks plus open cases', async () => {
    const candidates = await loadCandidates(db, 'psd-handler');
    const mine = candidates.filter((c) => c.id.startsWith(pid(''))).map((c) => [c.id, c.openCaseCount]);
    expect(mine.sort()).toEqual([
      [PEOPLE.handlerA.id, 0],
      [PEOPLE.handlerB.id, 2],
      [PEOPLE.handlerC.id, 0],
    ]);
  });

  it('routes a new complaint, starts its workflow with the assessor and announces the allocation', async () => {
    await publish(producer, topics.caseReceived, caseReceivedEvent);

    await eventually('the case.received event to be processed', () => processed(caseReceivedEvent.id));
    const { input } = await eventually('the stub workflow to answer its query', recorded);

    // Not a: in the subject officer's team. Not b: open work. c: free and eligible.
    expect(input.assessorId).toBe(PEOPLE.handlerC.id);
    expect(input.complaintsTeamId).toBe(PEOPLE.manager.id);
    expect(input).toMatchObject({ caseId, ref, channel: 'web', receivedAt: received.receivedAt, allegations: received.allegations, subjects: received.subjects });
    expect(input.route.handling).toBe('schedule-3');
    expect(input.route.referToIopc).toBe(true);
    expect(input.route.referralReasons.map((r) => r.code)).toContain('serious-sexual-offence');
    expect(input.sla).toEqual(DEFAULT_SLA_POLICY);
    expect(input.holidays).toContain('2026-12-25');
    expect(input.holidays.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);

    const described = await temporal.workflow.getHandle(workflowId).describe();
    expect(described.type).toBe('complaint');
    expect(described.taskQueue).toBe(taskQueue);
    expect(described.typedSearchAttributes.get(CaseRef)).toBe(ref);
    expect(described.typedSearchAttributes.get(CaseKind)).toBe('complaint');
    expect(described.typedSearchAttributes.get(Stage)).toBe('received');

    const row = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row.assigneeId).toBe(PEOPLE.handlerC.id);
    const audit = await db.auditEntry.findUniqueOrThrow({ where: { id: `allocation:${caseId}:assessment` } });
    expect(audit).toMatchObject({ actorId: 'allocation', action: 'assessor-chosen' });
    expect(audit.detail).toMatchObject({ assigneeId: PEOPLE.handlerC.id, handling: 'schedule-3', referToIopc: true });

    const [event] = await eventually('case.allocated for the assessment', async () => allocatedFor('assessment').length > 0 && allocatedFor('assessment'));
    expect(event).toMatchObject({
      id: `case.allocated:${caseId}:assessment`,
      type: 'case.allocated',
      subject: caseId,
      data: { caseId, ref, purpose: 'assessment', assigneeId: PEOPLE.handlerC.id },
    });
    expect(event!.data.reason).toMatch(/Least open workload \(0 open cases\).*1 in a subject officer's team/);
  });

  it('does nothing more when the same case.received is delivered again', async () => {
    const before = await temporal.workflow.getHandle(workflowId).describe();
    const announced = allocatedFor('assessment').length;

    await publish(producer, topics.caseReceived, caseReceivedEvent);
    // A later event on the same single-partition topic: once it is processed, so is the repeat.
    const conduct = envelope<CaseReceived>({
      id: uniqueId('case.received:conduct'),
      type: 'case.received',
      source: 'probity/intake',
      subject: caseId,
      data: { ...received, kind: 'conduct', ref: `${ref}-conduct` },
    });
    eventIds.push(conduct.id);
    await publish(producer, topics.caseReceived, conduct);
    await eventually('the conduct event behind the repeat to be processed', () => processed(conduct.id));

    const after = await temporal.workflow.getHandle(workflowId).describe();
    expect(after.runId).toBe(before.runId);
    const runs = await eventually('the workflow to be visible', async () => {
      const found = await runsOfWorkflow();
      return found.length > 0 && found;
    });
    expect(runs).toEqual([before.runId]);
    expect(allocatedFor('assessment')).toHaveLength(announced);
    // USE_EXISTING: starting again while it runs hands back the running workflow.
    expect(await startComplaintWorkflow(temporal, taskQueue, (await recorded()).input)).toEqual({ workflowId, runId: before.runId });
    // A conduct matter is acknowledged without allocation: no complaint workflow for it.
    await expect(temporal.workflow.getHandle(complaintWorkflowId(`${ref}-conduct`)).describe()).rejects.toThrow();
  });

  it('repeats the same effects, not a new decision, if the event is redelivered before it was marked', async () => {
    // c is now the busiest handler, so deciding afresh would choose b; the recorded decision stands.
    const extra = Array.from({ length: 5 }, () => uniqueId('alloc-test-task'));
    taskIds.push(...extra);
    await db.task.createMany({
      data: extra.map((id) => ({ id, caseId: busyCaseId, caseRef: 'busy', workflowId: 'none', type: 'assessment', assigneeId: PEOPLE.handlerC.id, dueAt: new Date(), createdAt: new Date() })),
    });
    const before = await temporal.workflow.getHandle(workflowId).describe();
    const announced = allocatedFor('assessment').length;

    await forget(caseReceivedEvent.id); // as if the service stopped just before marking it
    await publish(producer, topics.caseReceived, caseReceivedEvent);
    await eventually('the redelivered event to be processed', () => processed(caseReceivedEvent.id));
    await eventually('the repeated announcement', async () => allocatedFor('assessment').length > announced);

    expect((await temporal.workflow.getHandle(workflowId).describe()).runId).toBe(before.runId);
    expect((await recorded()).input.assessorId).toBe(PEOPLE.handlerC.id);
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).assigneeId).toBe(PEOPLE.handlerC.id);
    const announcements = allocatedFor('assessment');
    expect(new Set(announcements.map((e) => e.id))).toEqual(new Set([`case.allocated:${caseId}:assessment`]));
    expect(announcements.at(-1)).toEqual(announcements[0]);
  });

  it('allocates handling to a division that is not the subject officer’s, and signals the workflow', async () => {
    const request = allocationRequest('division');
    await publish(producer, topics.allocationRequested, request);

    const { assignments } = await eventually('the assigned signal', async () => {
      const r = await recorded();
      return r.assignments.length > 0 && r;
    });
    expect(assignments).toHaveLength(1);
    // lead-a sorts first and is free, but leads the subject officer's division.
    expect(assignments[0]).toMatchObject({ assigneeId: PEOPLE.leadB.id, division: OTHER_DIVISION });
    expect(assignments[0]!.division).not.toBe(SUBJECT_DIVISION);
    expect(assignments[0]!.reason).toMatch(/§3\.2\.4.*1 in a subject officer's division/);

    await eventually('the request to be processed', () => processed(request.id));
    const row = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row).toMatchObject({ assigneeId: PEOPLE.leadB.id, division: OTHER_DIVISION });
    const event = await eventually('case.allocated for handling', async () => allocated.find((e) => e.id === `case.allocated:${caseId}:handling:${request.id}`));
    expect(event.data).toMatchObject({ purpose: 'handling', assigneeId: PEOPLE.leadB.id, division: OTHER_DIVISION });

    // Redelivered before it was marked: the workflow is not signalled a second time.
    await forget(request.id);
    await publish(producer, topics.allocationRequested, request);
    await eventually('the redelivered request to be processed', () => processed(request.id));
    expect(await assignedSignalsInHistory()).toBe(1);
    expect((await recorded()).assignments).toHaveLength(1);
    expect(allocated.filter((e) => e.data.purpose === 'handling' && e.data.caseId === caseId).every((e) => e.id === event.id)).toBe(true);
  });

  it('allocates to a PSD investigator outside the subject officer’s team', async () => {
    const request = allocationRequest('psd-investigator');
    await publish(producer, topics.allocationRequested, request);
    const { assignments } = await eventually('the second assignment', async () => {
      const r = await recorded();
      return r.assignments.length > 1 && r;
    });
    expect(assignments[1]).toMatchObject({ assigneeId: PEOPLE.investigatorB.id });
    expect(assignments[1]!.division).toBeUndefined();
    await eventually('the request to be processed', () => processed(request.id));
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).assigneeId).toBe(PEOPLE.investigatorB.id);
  });

  it('PRA 2002 s.29: a complaint about the chief officer is assessed and handled by the local policing body’s complaint handlers, not PSD', async () => {
    const id = randomUUID();
    caseIds.push(id);
    const chiefRef = uniqueId('CO-TEST-CHIEF');
    const subjects = [{ personId: PEOPLE.chief.id, team: PEOPLE.chief.team, division: PEOPLE.chief.division }];
    const data: CaseReceived = { ...received, caseId: id, ref: chiefRef, allegations: [{ id: `${id}:1`, category: 'individual-behaviours', subCategory: 'impolite-language-or-tone' }], subjects };
    await db.case.create({ data: { id, ref: chiefRef, kind: 'complaint', channel: 'web', stage: 'received', receivedAt: new Date(), publicTokenHash: 'test', complainant: {}, incident: {}, subjects } });
    const event = envelope({ id: `case.received:${id}`, type: 'case.received', source: 'probity/intake', subject: id, data });
    eventIds.push(event.id);
    await publish(producer, topics.caseReceived, event);
    await eventually('the chief officer complaint to be processed', () => processed(event.id));
    const chiefWorkflow = complaintWorkflowId(chiefRef);
    const { input } = await eventually('its workflow to answer', () => temporal.workflow.getHandle(chiefWorkflow).query(recordedQuery));
    // The LPB's handler assesses it (a psd-handler with less work would otherwise be chosen); the rank came from the register.
    expect(input.assessorId).toBe(PEOPLE.lpbA.id);
    expect(input.subjects[0]!.rank).toBe('chief-constable');
    const audit = await db.auditEntry.findUniqueOrThrow({ where: { id: `allocation:${id}:assessment` } });
    expect(audit.detail).toMatchObject({ assigneeId: PEOPLE.lpbA.id });

    // Handling too, whatever the mode asked for: not a PSD investigator or a division.
    const request = envelope<AllocationRequested>({
      id: uniqueId(`${chiefWorkflow}:allocation.requested`), type: 'allocation.requested', source: 'probity/worker', subject: id,
      data: { caseId: id, ref: chiefRef, workflowId: chiefWorkflow, mode: 'psd-investigator', subjects },
    });
    eventIds.push(request.id);
    await publish(producer, topics.allocationRequested, request);
    const { assignments } = await eventually('the assigned signal', async () => {
      const r = await temporal.workflow.getHandle(chiefWorkflow).query(recordedQuery);
      return r.assignments.length > 0 && r;
    });
    // lpb-a now has the case open (its assessment), so the least-loaded LPB handler is lpb-b.
    expect(assignments[0]).toMatchObject({ assigneeId: PEOPLE.lpbB.id });
    expect(assignments[0]!.reason).toMatch(/local policing body/);
    expect(assignments[0]!.division).toBeUndefined();
    await temporal.workflow.getHandle(chiefWorkflow).terminate('chief officer test over').catch(() => undefined);
  });

  it('handles a burst of cases side by side: each started once, announced once, spread as one after another would', async () => {
    const burst = Array.from({ length: 8 }, () => {
      const id = randomUUID();
      caseIds.push(id);
      const data: CaseReceived = { ...received, caseId: id, ref: uniqueId('CO-TEST-BURST'), allegations: [{ id: `${id}:1`, category: 'other', subCategory: 'other' }] };
      const event = envelope({ id: `case.received:${id}`, type: 'case.received', source: 'probity/intake', subject: id, data });
      eventIds.push(event.id);
      return event;
    });
    for (const e of burst) {
      await db.case.create({ data: { id: e.data.caseId, ref: e.data.ref, kind: 'complaint', channel: 'web', stage: 'received', receivedAt: new Date(), publicTokenHash: 'test', complainant: {}, incident: {}, subjects: received.subjects } });
    }
    // What deciding them one after another gives: each choice adds an open case to its assignee.
    const candidates = await loadCandidates(db, 'psd-handler');
    const expected = burst.map(() => {
      const choice = allocateInTiers(poolTiers(POOLS.assessment(false), new Map([['psd-handler', candidates]])), { subjects: received.subjects }, []);
      if (!choice.ok) throw new Error(choice.reason);
      const { assignee } = choice;
      const i = candidates.findIndex((c) => c.id === assignee.id);
      candidates[i] = { ...candidates[i]!, openCaseCount: candidates[i]!.openCaseCount + 1 };
      return assignee.id;
    });
    // One message of the burst is delivered twice.
    await producer.send({
      topic: physicalTopic(topics.caseReceived),
      messages: [...burst, burst[3]!].map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    });
    await eventually('every case of the burst to be processed', async () => (await Promise.all(burst.map((e) => processed(e.id)))).every(Boolean));
    await eventually('every allocation to be announced', async () => burst.every((e) => allocated.some((a) => a.data.caseId === e.data.caseId)));

    const assessors = await Promise.all(burst.map(async (e) => (await db.case.findUniqueOrThrow({ where: { id: e.data.caseId } })).assigneeId));
    expect([...assessors].sort()).toEqual([...expected].sort());
    for (const e of burst) {
      const described = await temporal.workflow.getHandle(complaintWorkflowId(e.data.ref)).describe();
      expect([described.status.name, described.runId], e.data.ref).toEqual(['RUNNING', described.raw.workflowExecutionInfo?.firstRunId]);
      expect(await db.auditEntry.count({ where: { caseId: e.data.caseId, action: 'assessor-chosen' } })).toBe(1);
      await temporal.workflow.getHandle(complaintWorkflowId(e.data.ref)).terminate('burst test over').catch(() => undefined);
    }
    // The redelivered one was announced once, like the rest (the announcement's id is deterministic).
    expect(new Set(allocated.filter((a) => a.data.caseId === burst[3]!.data.caseId).map((a) => a.id)).size).toBe(1);
  });

  it('never starts a closed case’s workflow again', async () => {
    const handle = temporal.workflow.getHandle(workflowId);
    const { runId } = await handle.describe();
    await handle.signal(finishSignal);
    await handle.result();
    expect((await handle.describe()).status.name).toBe('COMPLETED');

    await forget(caseReceivedEvent.id);
    await publish(producer, topics.caseReceived, caseReceivedEvent);
    await eventually('the redelivered event to be processed', () => processed(caseReceivedEvent.id));

    const after = await handle.describe();
    expect(after.runId).toBe(runId);
    expect(after.status.name).toBe('COMPLETED');
    expect(await runsOfWorkflow()).toEqual([runId]);
  });
});
