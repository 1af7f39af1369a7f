// No one works on their own case, and a restricted case is the counter-corruption unit's (DOMAIN.md
// "Access, conflicts and the complaint's route"): the allocation service's handlers against the real
// PostgreSQL, Kafka and Temporal dev server, starting the stub complaint workflow (fixtures/). The
// case that used to reach the dead-letter topic and stay at `received` for ever — a complaint about
// someone in team psd — is allocated, and escalated to the head of PSD when nobody else is free.
//
// Every active PSD handler outside the unit is made a subject's teammate (their teams are read at
// the time), so "nobody in PSD is free" holds whatever else the database holds; this run's own
// counter-corruption handler and head of PSD sort before anyone else's.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Producer } from 'kafkajs';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '@probity/shared/config';
import { createDb, type Db } from '@probity/shared/db/client';
import { COUNTER_CORRUPTION_TEAM } from '@probity/shared/domain/index';
import { envelope } from '@probity/shared/events/envelope';
import type { AllocationRequested, CaseReceived } from '@probity/shared/events/schemas';
import { connectProducer, createKafka, ensureTopics } from '@probity/shared/kafka';
import { createLogger } from '@probity/shared/log';
import { dataConverter } from '@probity/shared/temporal/codec';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { uniqueId } from '@probity/shared/testing/temporal';
import { Restricted } from '@probity/shared/temporal/search-attributes';
import { complaintWorkflowId } from '@probity/workflows/complaint/contract';
import { handleCaseReceived } from '../src/case-start';
import type { AllocationDeps } from '../src/deps';
import { handleAllocationRequested } from '../src/handling-allocation';
import { recordedQuery, type Recorded } from './fixtures/complaint-stub-workflow';

const workflowsPath = fileURLToPath(new URL('./fixtures/complaint-stub-workflow.ts', import.meta.url));
const PREFIX = '0conf-';
const runKey = `${(Number.MAX_SAFE_INTEGER - Date.now()).toString(36).padStart(11, '0')}${Math.random().toString(36).slice(2, 6)}`;
const pid = (name: string) => `${PREFIX}${runKey}-${name}`;

const PEOPLE = {
  ccuHandler: { id: pid('ccu-handler'), role: 'psd-handler', team: COUNTER_CORRUPTION_TEAM, division: 'hq' },
  ccuInvestigator: { id: pid('ccu-investigator'), role: 'psd-investigator', team: COUNTER_CORRUPTION_TEAM, division: 'hq' },
  head: { id: pid('head'), role: 'head-of-psd', team: `team-${runKey}-psd-command`, division: 'hq' },
};

describe('allocation when someone would work on their own case (real Postgres, Kafka, Temporal)', () => {
  const config = loadConfig();
  const log = createLogger('allocation-conflicts-test', 'warn');
  const taskQueue = uniqueId('allocation-conflicts-test');
  const caseAllocatedTopic = uniqueId('test.alloc-conflicts.case-allocated');
  const caseIds: string[] = [];
  const workflowIds: string[] = [];

  let db: Db;
  let producer: Producer;
  let temporal: Client;
  let workerConnection: NativeConnection;
  let worker: Worker;
  let workerRun: Promise<void>;
  let deps: AllocationDeps;

  /** Stores a complaint as intake would (restricted as intake decides) and hands allocation its case.received. */
  async function receive(allegations: CaseReceived['allegations'], subjects: CaseReceived['subjects'], restricted = false) {
    const caseId = randomUUID();
    const ref = uniqueId('CO-TEST-CONF');
    caseIds.push(caseId);
    workflowIds.push(complaintWorkflowId(ref));
    await db.case.create({
      data: { id: caseId, ref, kind: 'complaint', channel: 'web', stage: 'received', receivedAt: new Date(), publicTokenHash: 'test', complainant: {}, incident: {}, subjects, restricted },
    });
    const data: CaseReceived = { caseId, ref, kind: 'complaint', channel: 'web', receivedAt: new Date().toISOString(), allegations, subjects, flags: {} };
    await handleCaseReceived(deps, envelope({ id: `case.received:${caseId}`, type: 'case.received', source: 'probity/intake', subject: caseId, data }));
    const recorded = await temporal.workflow.getHandle(complaintWorkflowId(ref)).query(recordedQuery);
    // Closed again at once, so this run's people start every test with no open work.
    await db.case.update({ where: { id: caseId }, data: { closedAt: new Date() } });
    return { caseId, ref, recorded };
  }

  /** Subjects in the team of every active PSD handler outside the unit: nobody there is free. */
  async function everyPsdTeam(): Promise<CaseReceived['subjects']> {
    const teams = await db.person.findMany({ where: { role: 'psd-handler', active: true, team: { not: COUNTER_CORRUPTION_TEAM } }, select: { team: true }, distinct: ['team'] });
    return teams.map((t) => ({ team: t.team }));
  }

  beforeAll(async () => {
    db = createDb(config.DATABASE_URL);
    const kafka = createKafka(config.KAFKA_BROKERS, 'probity-allocation-conflicts-test', log);
    producer = await connectProducer(kafka);
    await ensureTopics(kafka, [caseAllocatedTopic], 1);
    temporal = await connectTemporalClient(config);
    await db.person.updateMany({ where: { id: { startsWith: PREFIX }, active: true }, data: { active: false } });
    for (const p of Object.values(PEOPLE)) await db.person.create({ data: { ...p, name: `Test ${p.role}`, email: `${p.id}@test.probity.local`, active: true } });
    workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    worker = await Worker.create({ connection: workerConnection, namespace: config.TEMPORAL_NAMESPACE, taskQueue, workflowsPath, dataConverter: dataConverter(config.PAYLOAD_KEY) });
    workerRun = worker.run();
    deps = { db, temporal, producer, log, taskQueue, caseAllocatedTopic };
  });

  afterAll(async () => {
    for (const wf of workflowIds) await temporal?.workflow.getHandle(wf).terminate('conflicts test finished').catch(() => undefined);
    if (worker) {
      worker.shutdown();
      await workerRun;
    }
    await workerConnection?.close();
    await temporal?.connection.close();
    await producer?.disconnect();
    if (db) {
      await db.auditEntry.deleteMany({ where: { caseId: { in: caseIds } } });
      await db.case.deleteMany({ where: { id: { in: caseIds } } });
      await db.person.deleteMany({ where: { id: { in: Object.values(PEOPLE).map((p) => p.id) } } });
      await db.$disconnect();
    }
  });

  it('gives a complaint about someone in team psd to the counter-corruption unit instead of the dead-letter topic', async () => {
    const subjects = [{ personId: 'psd-handler-1', team: 'psd', division: 'hq' }, ...(await everyPsdTeam())];
    const { caseId, recorded } = await receive([{ id: 'a1', category: 'individual-behaviours', subCategory: 'impolite-language-or-tone' }], subjects);
    expect(recorded.input.assessorId).toBe(PEOPLE.ccuHandler.id);
    const audit = await db.auditEntry.findUniqueOrThrow({ where: { id: `allocation:${caseId}:assessment` } });
    expect((audit.detail as { reason: string }).reason).toMatch(/Counter-corruption unit \(everyone else conflicted\)/);
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).assigneeId).toBe(PEOPLE.ccuHandler.id);
  });

  it('gives a restricted complaint (abuse of position for a sexual purpose) to the counter-corruption unit, whoever else is free', async () => {
    const { ref, recorded } = await receive([{ id: 'a1', category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose' }], [{ team: 'north-response', division: 'north' }], true);
    expect(recorded.input.assessorId).toBe(PEOPLE.ccuHandler.id);
    expect(recorded.input.route.referToIopc).toBe(true);
    // Marked for ops in the Temporal UI from the start.
    expect((await temporal.workflow.getHandle(complaintWorkflowId(ref)).describe()).typedSearchAttributes.get(Restricted)).toBe(true);
  });

  it('escalates to the head of PSD when even the unit is conflicted, and keeps handling a restricted case in the unit', async () => {
    const subjects = [{ team: COUNTER_CORRUPTION_TEAM }, ...(await everyPsdTeam())];
    const { caseId, ref, recorded } = await receive([{ id: 'a1', category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-emotional-relationship' }], subjects, true);
    expect(recorded.input.assessorId).toBe(PEOPLE.head.id);
    const audit = await db.auditEntry.findUniqueOrThrow({ where: { id: `allocation:${caseId}:assessment` } });
    expect((audit.detail as { reason: string }).reason).toMatch(new RegExp(`Escalated to ${PEOPLE.head.id} \\(head-of-psd\\): nobody else may take it`));

    // Handling asked for a division: a restricted case goes to the unit's investigators — who are conflicted here, so to the head of PSD.
    const request = envelope<AllocationRequested>({
      id: uniqueId('allocation.requested'), type: 'allocation.requested', source: 'probity/worker', subject: caseId,
      data: { caseId, ref, workflowId: complaintWorkflowId(ref), mode: 'division', subjects },
    });
    await handleAllocationRequested(deps, request);
    const after = await temporal.workflow.getHandle(complaintWorkflowId(ref)).query(recordedQuery);
    expect(after.assignments).toEqual([expect.objectContaining({ assigneeId: PEOPLE.head.id })]);
    expect(after.assignments[0]!.division).toBeUndefined();
  });

  it('hands a restricted case’s investigation to a counter-corruption investigator even when a division was asked for', async () => {
    const { caseId, ref } = await receive([{ id: 'a1', category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose' }], [{ team: 'north-response', division: 'north' }], true);
    const request = envelope<AllocationRequested>({
      id: uniqueId('allocation.requested'), type: 'allocation.requested', source: 'probity/worker', subject: caseId,
      data: { caseId, ref, workflowId: complaintWorkflowId(ref), mode: 'division', subjects: [{ team: 'north-response', division: 'north' }] },
    });
    await handleAllocationRequested(deps, request);
    const after: Recorded = await temporal.workflow.getHandle(complaintWorkflowId(ref)).query(recordedQuery);
    expect(after.assignments).toEqual([expect.objectContaining({ assigneeId: PEOPLE.ccuInvestigator.id })]);
  });
});
