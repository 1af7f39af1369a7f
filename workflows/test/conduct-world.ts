// Conduct matters in the workflow test world (world.ts): the case rows intake would write, the
// input allocation would start the workflow with, and small helpers to act on its tasks and to
// collect the events it publishes on the real Kafka broker.
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { Consumer } from 'kafkajs';
import { loadConfig } from '@probity/shared/config';
import { DEFAULT_SLA_POLICY, ENGLAND_AND_WALES, toLondonDate, type Person, type SupervisorView } from '@probity/shared/domain/index';
import type { Envelope } from '@probity/shared/events/envelope';
import { TOPICS } from '@probity/shared/events/topics';
import { createKafka, physicalTopic } from '@probity/shared/kafka';
import { uniqueId } from '@probity/shared/testing/temporal';
import {
  CONDUCT_WORKFLOW,
  DEFAULT_CONDUCT_TIMETABLE,
  completeConductTaskUpdate,
  conductStateQuery,
  conductWorkflowId,
  type ConductInput,
  type ConductState,
  type ConductTaskType,
  type Standard,
} from '../src/conduct/contract';
import type { conduct } from '../src/conduct/conduct';
import { actor, type World } from './world';
export { refusal } from './world';

export type ConductHandle = WorkflowHandle<typeof conduct>;

let counter = 0;

export const PEOPLE = {
  sergeant: 'north-sergeant',
  inspector: 'north-inspector',
  chiefInspector: 'north-chief-inspector',
  subject: 'north-constable',
  assessor: 'psd-handler-1',
  authority: 'psd-manager',
  investigator: 'psd-investigator',
  head: 'head-of-psd',
} as const;

const officer = (rank: Extract<Person, { kind: 'officer' }>['rank']): Person => ({ kind: 'officer', rank });
const RANKS: Record<string, Person> = {
  'north-sergeant': officer('sergeant'),
  'north-inspector': officer('inspector'),
  'north-chief-inspector': officer('chief-inspector'),
  'north-constable': officer('constable'),
};

export interface StartOpts {
  view: SupervisorView;
  raisedBy?: string;
  discussedWithChiefInspector?: boolean;
  standards?: Standard[];
  /** The officer concerned's rank or grade (a constable unless given). */
  subject?: Person;
}

/** Creates the case rows (as intake would) and starts conduct-<ref> (as allocation would). */
export async function startConduct(w: World, opts: StartOpts): Promise<{ handle: ConductHandle; input: ConductInput }> {
  const caseId = randomUUID();
  const ref = `CM-TEST-${Date.now().toString(36).toUpperCase()}${(counter++).toString(36).toUpperCase()}`;
  const receivedAt = new Date(await w.env.currentTimeMs()).toISOString();
  const raisedBy = opts.raisedBy ?? PEOPLE.sergeant;
  const standards = (opts.standards ?? ['authority-respect-and-courtesy']).map((standard, i) => ({ id: `${caseId}-s${i + 1}`, standard }));
  const local = opts.view === 'clearly-not-misconduct';
  await w.db.case.create({
    data: {
      id: caseId, ref, kind: 'conduct', channel: 'web', stage: 'received', receivedAt: new Date(receivedAt), recordedById: raisedBy,
      publicTokenHash: '', complainant: {}, incident: { what: 'Swore at a driver during a stop', when: toLondonDate(receivedAt), where: 'High Street' },
      subjects: [{ personId: PEOPLE.subject, team: 'north-response', division: 'north' }],
      allegations: { create: standards.map((s, i) => ({ id: s.id, seq: i + 1, category: s.standard, description: s.standard })) },
    },
  });
  await w.db.conductMatter.create({
    data: {
      caseId, ref, raisedById: raisedBy, supervisorView: opts.view, discussedWithChiefInspector: opts.discussedWithChiefInspector === true,
      subjectPersonId: PEOPLE.subject, standards: standards.map((s) => s.standard),
    },
  });
  const input: ConductInput = {
    caseId, ref, receivedAt, standards,
    subject: { personId: PEOPLE.subject, team: 'north-response', division: 'north', person: opts.subject ?? RANKS[PEOPLE.subject]! },
    raisedBy: { id: raisedBy, person: RANKS[raisedBy] ?? officer('chief-inspector') },
    view: opts.view,
    ...(opts.discussedWithChiefInspector !== undefined ? { discussedWithChiefInspector: opts.discussedWithChiefInspector } : {}),
    chiefInspectorId: raisedBy === PEOPLE.chiefInspector ? 'north-lead' : PEOPLE.chiefInspector,
    psdAssessorId: local ? null : PEOPLE.assessor,
    appropriateAuthorityId: local ? null : PEOPLE.authority,
    reflectiveReviewerId: PEOPLE.sergeant,
    sla: DEFAULT_SLA_POLICY,
    timetable: DEFAULT_CONDUCT_TIMETABLE,
    holidays: ENGLAND_AND_WALES.holidays().map((h) => h.date),
  };
  const handle = await w.env.client.workflow.start<typeof conduct>(CONDUCT_WORKFLOW, {
    taskQueue: w.taskQueue, workflowId: conductWorkflowId(ref), args: [input],
  });
  return { handle, input };
}

export const stateOf = (handle: ConductHandle): Promise<ConductState> => handle.query(conductStateQuery);

/** Bounded polling: the condition on the matter's state, within ~10 s of real time. */
export async function waitFor(handle: ConductHandle, what: string, ok: (s: ConductState) => boolean): Promise<ConductState> {
  let last: ConductState | undefined;
  for (let i = 0; i < 100; i++) {
    last = await stateOf(handle);
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; stage ${last?.stage}, open tasks ${last?.openTasks.map((t) => t.type).join(', ')}`);
}

export const waitForStage = (handle: ConductHandle, stage: string) => waitFor(handle, `stage ${stage}`, (s) => s.stage === stage);

export async function openTaskOf(handle: ConductHandle, type: ConductTaskType) {
  const s = await waitFor(handle, `an open ${type} task`, (x) => x.openTasks.some((t) => t.type === type));
  return s.openTasks.find((t) => t.type === type)!;
}

export async function complete(handle: ConductHandle, type: ConductTaskType, by: string, payload: unknown) {
  const task = await openTaskOf(handle, type);
  return handle.executeUpdate(completeConductTaskUpdate, { args: [{ taskId: task.id, actor: actor(by), payload }] });
}


export const todayIn = async (w: World) => toLondonDate(await w.env.currentTimeMs());

/** Skips (test-server) time to noon London time of a date. */
export async function skipToNoonOf(w: World, date: string) {
  const target = Date.parse(`${date}T12:00:00Z`);
  const now = await w.env.currentTimeMs();
  if (target > now) await w.env.sleep(target - now);
}

// ── Events on Kafka ───────────────────────────────────────────────────────────────────────────

export interface Collected {
  topic: string;
  event: Envelope<Record<string, unknown> & { notify?: ({ personId: string } | { complainant: true })[] }>;
}

/** Collects this run's case events by case id from the real broker (test topic prefix). */
export async function collectEvents(): Promise<{ byCase: Map<string, Collected[]>; consumer: Consumer }> {
  const config = loadConfig();
  const kafka = createKafka(config.KAFKA_BROKERS, uniqueId('conduct-test-collector'));
  const consumer = kafka.consumer({ groupId: uniqueId('conduct-test-collector') });
  const byCase = new Map<string, Collected[]>();
  const topics = [TOPICS.caseTaskAssigned, TOPICS.caseOutcome, TOPICS.caseSlaBreached, TOPICS.caseEscalated, TOPICS.caseReportDue, TOPICS.allocationRequested];
  await consumer.connect();
  await consumer.subscribe({ topics: topics.map(physicalTopic), fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const event = JSON.parse(message.value!.toString('utf8')) as Collected['event'];
      const key = event.subject;
      byCase.set(key, [...(byCase.get(key) ?? []), { topic: event.type ?? topic, event }]);
    },
  });
  // Wait (bounded) for the group to be assigned its partitions before anything is published.
  for (let i = 0; i < 100; i++) {
    const described = await consumer.describeGroup();
    if (described.state === 'Stable' && described.members.length > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { byCase, consumer };
}

export async function eventsOf(byCase: Map<string, Collected[]>, caseId: string, topic: string, atLeast = 1): Promise<Collected['event'][]> {
  for (let i = 0; i < 150; i++) {
    const found = (byCase.get(caseId) ?? []).filter((c) => c.topic === topic).map((c) => c.event);
    if (found.length >= atLeast) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${atLeast} ${topic} event(s) of case ${caseId}`);
}

export { actor };
