// No silent stall. A case waiting for the allocation service past its deadline shows as stalled
// (search attribute Stalled, its state, an inbox task for the PSD manager, an alert to ops) and
// clears when the assignment arrives. An activity that can never succeed as things are — a person
// missing, no head of PSD — fails at once as non-retryable; the case stalls with the reason, tells
// the PSD manager and ops, and goes on when ops have fixed the data and sent retryStalled.
// Time skipping on the Java test server; real activities on the real Postgres and Kafka.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer } from 'kafkajs';
import { loadConfig } from '@probity/shared/config';
import { createKafka, physicalTopic } from '@probity/shared/kafka';
import { TOPICS } from '@probity/shared/events/topics';
import { uniqueId } from '@probity/shared/testing/temporal';
import { waitFor } from '@probity/shared/testing/wait';
import { Stalled, Stage } from '@probity/shared/temporal/search-attributes';
import { DEFAULT_SLA_POLICY, addCalendarDays, startOfLondonDayMs, toLondonDate } from '@probity/shared/domain/index';
import { retryStalledSignal } from '../src/casework/contract';
import { stateQuery, type ComplaintState } from '../src/complaint/contract';
import type { complaint } from '../src/complaint/complaint';
import type { WorkflowHandle } from '@temporalio/client';
import { completeTask, createWorld, openTaskOf, startComplaint, waitForStage, type World } from './world';
import { settled } from './replay/scenarios';
import { retryStalled } from '@probity/worker/ops';

interface Seen {
  topic: string;
  data: Record<string, unknown> & { notify?: { personId: string }[]; notifyRoles?: string[] };
}

let w: World;
let consumer: Consumer;
const byCase = new Map<string, Seen[]>();
const HOUR = 3600 * 1000;

beforeAll(async () => {
  w = await createWorld();
  const config = loadConfig();
  consumer = createKafka(config.KAFKA_BROKERS, uniqueId('stalls-test')).consumer({ groupId: uniqueId('stalls-test') });
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPICS.alert, TOPICS.caseTaskAssigned].map(physicalTopic), fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const e = JSON.parse(message.value!.toString('utf8')) as { type: string; subject: string; data: Seen['data'] };
      byCase.set(e.subject, [...(byCase.get(e.subject) ?? []), { topic: e.type, data: e.data }]);
    },
  });
  for (let i = 0; i < 100 && (await consumer.describeGroup()).state !== 'Stable'; i++) await new Promise((r) => setTimeout(r, 200));
});
afterAll(async () => {
  await consumer?.disconnect();
  await w?.close();
});

const until = <T>(what: string, fn: () => Promise<T | undefined>) => waitFor(what, fn, { timeoutMs: 15_000, everyMs: 100 });
const stateWhere = (h: WorkflowHandle<typeof complaint>, what: string, ok: (s: ComplaintState) => boolean) =>
  until(what, async () => {
    const s = await h.query(stateQuery);
    return ok(s) ? s : undefined;
  });
const eventsOf = (caseId: string, topic: string, ok: (s: Seen) => boolean = () => true) =>
  until(`${topic} of ${caseId}`, async () => {
    const found = (byCase.get(caseId) ?? []).filter((s) => s.topic === topic && ok(s));
    return found.length ? found : undefined;
  });
/**
 * Ends a test's case once it is idle, so its clocks stop running in this test server. (Ended with
 * an activity in flight, the test server keeps time locked for it, and later skips hang.)
 */
async function endQuietly(h: WorkflowHandle): Promise<void> {
  await settled(h);
  await h.terminate('test over');
}
const stalledAttribute = async (h: WorkflowHandle) => (await h.describe()).typedSearchAttributes.get(Stalled);

async function toAllocation(h: WorkflowHandle<typeof complaint>) {
  await completeTask(h, 'assessment', 'psd-handler-1', {
    handling: 'outside-schedule-3', handlingMode: 'reasonable-and-proportionate', referToIopc: false, allocateTo: 'division', rationale: 'service complaint',
  });
  await waitForStage(h, 'allocation');
}

describe('waiting for the allocation service has a deadline', () => {
  it('past it: stalled, an inbox task for the PSD manager, ops alerted; all cleared when the assignment arrives', async () => {
    const { handle, input } = await startComplaint(w);
    await toAllocation(handle);
    const asked = await w.env.currentTimeMs();

    // Within the deadline: nothing.
    await w.env.sleep(DEFAULT_SLA_POLICY.allocation!.stalledAfterHours * HOUR - 10 * 60 * 1000);
    expect((await handle.query(stateQuery)).stalled).toEqual([]);

    // Past it.
    await w.env.sleep(20 * 60 * 1000);
    const stalled = await stateWhere(handle, 'the stall', (s) => (s.stalled?.length ?? 0) > 0);
    expect(stalled.stage).toBe('allocation');
    expect(stalled.stalled).toEqual([{ kind: 'allocation', reason: 'no assignment from the allocation service within 4 hours of asking', since: expect.any(String) }]);
    expect(Date.parse(stalled.stalled![0]!.since) - asked).toBeGreaterThanOrEqual(4 * HOUR);
    const item = await openTaskOf(handle, 'allocation-stalled');
    expect(item).toMatchObject({ assigneeId: input.complaintsTeamId, managerId: 'head-of-psd' });
    expect(await stalledAttribute(handle)).toBe(true);
    expect((await handle.describe()).typedSearchAttributes.get(Stage)).toBe('allocation');
    // In the PSD manager's inbox (the Task table /me/tasks reads), and told by email (task assigned) …
    expect(await w.db.task.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ assigneeId: 'psd-manager', type: 'allocation-stalled', completedAt: null });
    const assigned = await eventsOf(input.caseId, TOPICS.caseTaskAssigned, (s) => s.data.taskType === 'allocation-stalled');
    expect(assigned[0]!.data.notify).toEqual([{ personId: 'psd-manager' }]);
    // … and ops alerted.
    const [alert] = await eventsOf(input.caseId, TOPICS.alert, (s) => s.data.kind === 'allocation-stalled');
    expect(alert!.data).toMatchObject({ ref: input.ref, notifyRoles: ['ops'], workflowId: handle.workflowId });
    expect(await w.db.auditEntry.count({ where: { caseId: input.caseId, action: 'stalled' } })).toBe(1);

    // The assignment arrives: the case goes on, and the stall clears everywhere.
    await handle.signal('assigned', { assigneeId: 'south-lead', division: 'south', reason: 'allocation back' });
    const going = await stateWhere(handle, 'handling', (s) => s.openTasks.some((t) => t.type === 'handling'));
    expect(going.stalled).toEqual([]);
    expect(going.openTasks.map((t) => t.type)).toEqual(['handling']);
    expect(await w.db.task.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ completedBy: 'system:assigned' });
    await until('the search attribute to clear', async () => ((await stalledAttribute(handle)) === false ? true : undefined));
    await eventsOf(input.caseId, TOPICS.alert, (s) => s.data.kind === 'resumed');
    await endQuietly(handle);
  });

  it('an assignment in time leaves no trace of a stall', async () => {
    const { handle, input } = await startComplaint(w);
    await toAllocation(handle);
    await handle.signal('assigned', { assigneeId: 'south-lead', division: 'south', reason: 'at once' });
    await waitForStage(handle, 'handling');
    await w.env.sleep(6 * HOUR);
    expect((await handle.query(stateQuery)).stalled).toEqual([]);
    expect(await w.db.auditEntry.count({ where: { caseId: input.caseId, action: 'stalled' } })).toBe(0);
    await endQuietly(handle);
  });
});

describe('activities that can never succeed stall the case until ops fix the data', () => {
  it('a person missing: the task waits, PSD manager and ops are told; after the fix and retryStalled it opens', async () => {
    const assessorId = uniqueId('not-yet-a-person');
    const { handle, input } = await startComplaint(w, { assessorId });
    const stalled = await stateWhere(handle, 'the stall', (s) => (s.stalled?.length ?? 0) > 0);
    expect(stalled.stalled![0]).toMatchObject({ kind: 'missing-person', reason: `no person ${assessorId} in the Person table: add them, or reassign what is theirs` });
    expect(stalled.openTasks).toEqual([]);
    expect(await stalledAttribute(handle)).toBe(true);
    const [alert] = await eventsOf(input.caseId, TOPICS.alert, (s) => s.data.kind === 'cannot-proceed');
    expect(alert!.data).toMatchObject({ notifyRoles: ['psd-manager', 'ops'] });
    expect(String(alert!.data.summary)).toContain(`no person ${assessorId}`);
    // Not retried for ever: one attempt, then it waits (an activity retry would show as attempts).
    expect((await handle.describe()).raw.pendingActivities ?? []).toEqual([]);
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // Ops add the person and ask the case to retry.
    await w.db.person.create({ data: { id: assessorId, name: 'New handler', email: `${assessorId}@probity.test`, role: 'psd-handler', team: 'psd', division: 'hq', managerId: 'psd-manager' } });
    try {
      // As `npm run ops -- retry-stalled <workflowId>` does.
      expect(await retryStalled(w.client, [handle.workflowId])).toEqual([handle.workflowId]);
      const going = await stateWhere(handle, 'the assessment task', (s) => s.openTasks.some((t) => t.type === 'assessment'));
      expect(going.stalled).toEqual([]);
      expect(going.openTasks[0]).toMatchObject({ assigneeId: assessorId, managerId: 'psd-manager' });
      await until('the search attribute to clear', async () => ((await stalledAttribute(handle)) === false ? true : undefined));
      await eventsOf(input.caseId, TOPICS.alert, (s) => s.data.kind === 'resumed');
    } finally {
      await endQuietly(handle);
      await w.db.person.delete({ where: { id: assessorId } });
    }
  });

  it('no head of PSD: the escalation waits for one; the case is not failed and nothing is lost', async () => {
    const { handle, input } = await startComplaint(w);
    const task = await openTaskOf(handle, 'assessment');
    await w.db.person.update({ where: { id: 'head-of-psd' }, data: { active: false } });
    try {
      // Past the due day (manager told), then past the re-escalation to the head of PSD.
      const due = toLondonDate(task.dueAt);
      const skipTo = async (date: string) => w.env.sleep(startOfLondonDayMs(date) + 12 * HOUR - (await w.env.currentTimeMs()));
      await skipTo(addCalendarDays(due, 12));
      const stalled = await stateWhere(handle, 'the stall', (s) => (s.stalled?.length ?? 0) > 0);
      expect(stalled.stalled![0]!.reason).toBe('no active head of PSD in the Person table: give someone the role head-of-psd');
      expect(stalled.openTasks.find((t) => t.id === task.id)!.escalations).toBe(2);
      expect(await w.db.auditEntry.count({ where: { caseId: input.caseId, action: 'escalated' } })).toBe(0);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      // The case goes on meanwhile: its assessment can still be completed.
      await completeTask(handle, 'assessment', 'psd-handler-1', {
        handling: 'outside-schedule-3', handlingMode: 'reasonable-and-proportionate', referToIopc: false, allocateTo: 'division', rationale: 'late but done',
      });
      await waitForStage(handle, 'allocation');
    } finally {
      await w.db.person.update({ where: { id: 'head-of-psd' }, data: { active: true } });
    }
    await handle.signal(retryStalledSignal, { by: 'ops' });
    await stateWhere(handle, 'the stall to clear', (s) => s.stalled?.length === 0);
    const escalated = await until('the escalation to the head of PSD', async () => {
      const rows = await w.db.auditEntry.findMany({ where: { caseId: input.caseId, action: 'escalated' } });
      return rows.length ? rows : undefined;
    });
    expect((escalated[0]!.detail as { to: string }).to).toBe('head-of-psd');
    await endQuietly(handle);
  });
});
