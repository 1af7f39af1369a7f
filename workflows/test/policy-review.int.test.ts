// A policy's review cycle over more than six years, under time skipping (Java test server), with
// the real activities writing to the real Postgres and emitting to the real Kafka. What people
// are told is read back from Kafka (policy.review-due, as the notification service consumes it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import type { Consumer } from 'kafkajs';
import { loadConfig } from '@probity/shared/config';
import { createKafka, physicalTopic } from '@probity/shared/kafka';
import { TOPICS } from '@probity/shared/events/topics';
import { uniqueId } from '@probity/shared/testing/temporal';
import { AssignedTo, NextDeadline, PolicyRef, SlaBreached, Stage } from '@probity/shared/temporal/search-attributes';
import {
  DEFAULT_SLA_POLICY,
  ENGLAND_AND_WALES,
  addCalendarDays,
  addMonths,
  addYears,
  endOfLondonDay,
  escalationStep,
  startOfLondonDayMs,
  toLondonDate,
  type Duration,
} from '@probity/shared/domain/index';
import type { Actor } from '@probity/shared/auth';
import {
  POLICY_REVIEW_WORKFLOW,
  changeOwnerUpdate,
  policyReviewWorkflowId,
  policyStateQuery,
  reviewedUpdate,
  type PolicyReviewInput,
  type PolicyReviewState,
} from '../src/policy/contract';
import type { policyReview } from '../src/policy/policy-review';
import { actor as demoActor, createWorld, refusal, type World } from './world';

const config = loadConfig();
const run = uniqueId('pr');
const ref = `PT-${run.toUpperCase()}`;
const policyId = `${run}-policy`;
const LEADS: Duration[] = [{ months: 3 }, { months: 1 }, { weeks: 1 }];
const sla = { ...DEFAULT_SLA_POLICY, policyReview: { ...DEFAULT_SLA_POLICY.policyReview, remindBefore: LEADS } };
/** Low on purpose, so that runs also continue as new in the middle of a review period. */
const HISTORY_LIMIT = 60;

let w: World;
let consumer: Consumer;
let handle: WorkflowHandle<typeof policyReview>;

// ── People, unique to this run: two owners with their own managers, and an outsider ─────────
const person = (suffix: string, role: string, managerId: string | null) => ({
  id: `${run}-${suffix}`,
  name: `Test ${suffix}`,
  email: `${run}-${suffix}@probity.test`,
  role,
  rank: null,
  team: 'policy-test',
  division: 'hq',
  managerId,
});
const mgr1 = person('mgr1', 'supervisor', 'head-of-psd');
const mgr2 = person('mgr2', 'supervisor', 'head-of-psd');
const owner1 = person('owner1', 'policy-owner', mgr1.id);
const owner2 = person('owner2', 'policy-owner', mgr2.id);
const outsider = person('outsider', 'psd-handler', 'psd-manager');
const PEOPLE = [mgr1, mgr2, owner1, owner2, outsider];
const as = (p: typeof owner1): Actor => ({ id: p.id, role: p.role, rank: p.rank, team: p.team, division: p.division });

// ── policy.review-due events of this run's policy, read back from Kafka ─────────────────────
interface Notice {
  id: string;
  time: string;
  kind: string;
  level: number;
  dueOn: string;
  to: string;
}
const notices = new Map<string, Notice>();
const noticeList = () => [...notices.values()].sort((a, b) => a.time.localeCompare(b.time) || a.level - b.level);
const brief = (n: Notice) => `${n.dueOn} ${n.kind}:${n.level} → ${n.to}`;

async function eventually<T>(fn: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until exactly these notices (in order) have been emitted — no more, no fewer. */
async function expectNotices(expected: string[]) {
  await eventually(() => (noticeList().map(brief).join('\n') === expected.join('\n') ? true : undefined), 'notices', 20_000).catch(() => undefined);
  expect(noticeList().map(brief)).toEqual(expected);
}

// ── Time ────────────────────────────────────────────────────────────────────────────────────
async function skipToNoonOf(date: string) {
  const target = startOfLondonDayMs(date) + 12 * 3600 * 1000;
  const now = await w.env.currentTimeMs();
  if (target > now) await w.env.sleep(target - now);
}
const today = async () => toLondonDate(await w.env.currentTimeMs());
const reminderDays = (due: string) => [addMonths(due, -3), addMonths(due, -1), addCalendarDays(due, -7)];

/** The workflow is idle (waiting on a timer): no workflow task or activity outstanding. */
async function settled(): Promise<void> {
  let quiet = 0;
  let last = '';
  await eventually(async () => {
    const d = await handle.describe();
    const raw = d.raw as { pendingActivities?: unknown[]; pendingWorkflowTask?: unknown };
    const key = `${d.runId}:${d.historyLength}`;
    const idle = d.status.name === 'RUNNING' && !raw.pendingWorkflowTask && (raw.pendingActivities?.length ?? 0) === 0;
    quiet = idle && key === last ? quiet + 1 : 0;
    last = key;
    return quiet >= 2 ? true : undefined;
  }, 'the workflow to settle');
}

async function stateWhere(pred: (s: PolicyReviewState) => boolean, what: string): Promise<PolicyReviewState> {
  let last: PolicyReviewState | undefined;
  return eventually(async () => {
    last = await handle.query(policyStateQuery);
    return pred(last) ? last : undefined;
  }, `${what} (last state: ${JSON.stringify(last)})`);
}

async function searchAttributes() {
  const sa = (await handle.describe()).typedSearchAttributes;
  return {
    ref: sa.get(PolicyRef),
    stage: sa.get(Stage),
    breached: sa.get(SlaBreached),
    next: sa.get(NextDeadline)?.toISOString(),
    owner: sa.get(AssignedTo),
  };
}

beforeAll(async () => {
  w = await createWorld();
  for (const { managerId: _m, ...p } of PEOPLE) await w.db.person.upsert({ where: { id: p.id }, create: p, update: p });
  for (const p of PEOPLE) await w.db.person.update({ where: { id: p.id }, data: { managerId: p.managerId } });

  consumer = createKafka(config.KAFKA_BROKERS, `${run}-consumer`).consumer({ groupId: `${run}-group` });
  await consumer.connect();
  await consumer.subscribe({ topic: physicalTopic(TOPICS.policyReviewDue), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const e = JSON.parse(message.value!.toString('utf8')) as {
        id: string;
        time: string;
        data: { policyRef: string; kind: string; level: number; dueOn: string; notify: { personId: string }[] };
      };
      if (e.data.policyRef !== ref) return;
      notices.set(e.id, { id: e.id, time: e.time, kind: e.data.kind, level: e.data.level, dueOn: e.data.dueOn, to: e.data.notify.map((n) => n.personId).join(',') });
    },
  });
});

afterAll(async () => {
  await handle?.terminate('test over').catch(() => undefined);
  await consumer?.disconnect();
  if (w) {
    await w.db.policyReview.deleteMany({ where: { policyId } });
    await w.db.policy.deleteMany({ where: { id: policyId } });
    await w.db.person.updateMany({ where: { id: { startsWith: run } }, data: { managerId: null } });
    await w.db.person.deleteMany({ where: { id: { startsWith: run } } });
    await w.close();
  }
});

describe('policy review cycle (P02 §7.1) over three review periods and more', () => {
  it('reminds, escalates, reschedules two years on, follows a new owner, and continues as new', async () => {
    const startedOn = await today();
    const due1 = addMonths(startedOn, 4);
    const lastReviewed = addYears(due1, -2);
    await w.db.policy.create({
      data: {
        id: policyId, ref, title: 'Test policy', ownerId: owner1.id, version: '1.0',
        lastReviewedOn: new Date(`${lastReviewed}T00:00:00Z`), lastReviewOutcome: 'no-amendments',
        equalityImpact: 'no differential impact', riskRating: 'medium', nextReviewDue: new Date(`${due1}T00:00:00Z`),
      },
    });
    const input: PolicyReviewInput = {
      policyId, ref, ownerId: owner1.id, version: '1.0', nextReviewDue: due1,
      sla: DEFAULT_SLA_POLICY, remindBefore: LEADS,
      holidays: ENGLAND_AND_WALES.holidays().map((h) => h.date),
      historyLimit: HISTORY_LIMIT,
    };
    const started = await w.env.client.workflow.start<typeof policyReview>(POLICY_REVIEW_WORKFLOW, {
      taskQueue: w.taskQueue, workflowId: policyReviewWorkflowId(ref), args: [input],
    });
    const firstRunId = started.firstExecutionRunId;
    // Without a run id the handle follows the chain of runs to the latest.
    handle = w.env.client.workflow.getHandle(started.workflowId);
    const expected: string[] = [];
    const reminder = (due: string, to: string) => `${due} reminder:0 → ${to}`;
    const overdue = (due: string, level: number, to: string) => `${due} overdue:${level} → ${to}`;

    // ── Period 1: in date, then a reminder at each lead time before the due day ─────────────
    let state = await stateWhere((s) => s.ownerManager === mgr1.id, 'the owner\'s manager to be known');
    expect(state).toMatchObject({ ref, owner: owner1.id, version: '1.0', nextReviewDue: due1, status: 'in-date', cycle: 1, escalations: 0, remindersSent: [] });
    await settled();
    expect(await searchAttributes()).toEqual({ ref, stage: 'in-date', breached: false, next: endOfLondonDay(due1), owner: owner1.id });

    const [r1a, r1b, r1c] = reminderDays(due1) as [string, string, string];
    await skipToNoonOf(addCalendarDays(r1a, -1));
    await expectNotices([]);
    await skipToNoonOf(r1a);
    expected.push(reminder(due1, owner1.id));
    await expectNotices(expected);
    await stateWhere((s) => s.status === 'due-soon' && s.remindersSent.length === 1, 'due soon after the first reminder');
    for (const day of [r1b, r1c]) {
      await skipToNoonOf(day);
      expected.push(reminder(due1, owner1.id));
      await expectNotices(expected);
    }
    state = await stateWhere((s) => s.remindersSent.length === 3, 'three reminders');
    expect(state.remindersSent.map((r) => [r.on, r.to])).toEqual([r1a, r1b, r1c].map((d) => [d, owner1.id]));

    // ── The due day passes: the owner's manager, then the head of PSD, every 5 working days ─
    await skipToNoonOf(due1);
    await settled();
    expect((await handle.query(policyStateQuery)).status).toBe('due-soon');
    await expectNotices(expected);
    await skipToNoonOf(addCalendarDays(due1, 1));
    expected.push(overdue(due1, 1, mgr1.id));
    await expectNotices(expected);
    await stateWhere((s) => s.status === 'overdue' && s.escalations === 1, 'overdue');
    await settled();
    expect(await searchAttributes()).toMatchObject({ stage: 'overdue', breached: true });
    await skipToNoonOf(addCalendarDays(escalationStep(due1, 1, ENGLAND_AND_WALES, sla).at.dueOn, 1));
    expected.push(overdue(due1, 2, 'head-of-psd'));
    await expectNotices(expected);
    await skipToNoonOf(addCalendarDays(escalationStep(due1, 2, ENGLAND_AND_WALES, sla).at.dueOn, 1));
    expected.push(overdue(due1, 3, 'head-of-psd'));
    await expectNotices(expected);
    state = await stateWhere((s) => s.escalations === 3, 'three escalations');
    expect(state.lastEscalation).toMatchObject({ level: 3, to: 'head-of-psd' });

    // ── Refusals say why ────────────────────────────────────────────────────────────────────
    await settled();
    expect(await refusal(handle.executeUpdate(reviewedUpdate, { args: [{ actor: as(outsider), outcome: 'no-amendments' }] }))).toBe(
      `${outsider.id} may not record the review of policy ${ref}: only its owner (${owner1.id}), their manager (${mgr1.id}) or the head of PSD may`,
    );
    expect(await refusal(handle.executeUpdate(reviewedUpdate, { args: [{ actor: as(owner1), outcome: 'amended' }] }))).toBe(
      `invalid review of policy ${ref} — newVersion: required when the outcome is 'amended'`,
    );
    expect(await w.db.policyReview.count({ where: { policyId } })).toBe(0);

    // ── Reviewed by the owner's manager, no amendments: next review two years on ───────────
    const reviewed1 = await today();
    const due2 = addYears(reviewed1, 2);
    state = await handle.executeUpdate(reviewedUpdate, { args: [{ actor: as(mgr1), outcome: 'no-amendments', notes: 'still current' }] });
    expect(state).toMatchObject({ nextReviewDue: due2, status: 'in-date', cycle: 2, escalations: 0, remindersSent: [], version: '1.0' });
    expect(state.lastReview).toEqual({ reviewedOn: reviewed1, outcome: 'no-amendments', version: '1.0', by: mgr1.id });
    let row = await w.db.policy.findUniqueOrThrow({ where: { id: policyId }, include: { reviews: true } });
    expect(row).toMatchObject({ version: '1.0', lastReviewOutcome: 'no-amendments', ownerId: owner1.id });
    expect(row.lastReviewedOn.toISOString().slice(0, 10)).toBe(reviewed1);
    expect(row.nextReviewDue.toISOString().slice(0, 10)).toBe(due2);
    expect(row.reviews.map((r) => [r.reviewedOn.toISOString().slice(0, 10), r.outcome, r.newVersion, r.reviewerId, r.notes])).toEqual([
      [reviewed1, 'no-amendments', null, mgr1.id, 'still current'],
    ]);

    // A completed period continues as new: a new run, with a fresh and short history.
    const run2 = await eventually(async () => {
      const d = await handle.describe();
      return d.runId !== firstRunId ? d.runId : undefined;
    }, 'continue-as-new after the review');
    const firstRun = await w.env.client.workflow.getHandle(handle.workflowId, firstRunId).fetchHistory();
    expect(firstRun.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    state = await stateWhere((s) => s.cycle === 2, 'period 2');
    await settled();
    expect(await searchAttributes()).toEqual({ ref, stage: 'in-date', breached: false, next: endOfLondonDay(due2), owner: owner1.id });

    // ── Period 2: the owner changes after the first reminder; the rest go to the new owner ──
    const [r2a, r2b, r2c] = reminderDays(due2) as [string, string, string];
    await skipToNoonOf(r2a);
    expected.push(reminder(due2, owner1.id));
    await expectNotices(expected);
    await settled();
    expect(await refusal(handle.executeUpdate(changeOwnerUpdate, { args: [{ actor: as(owner1), ownerId: owner2.id }] }))).toBe(
      `${owner1.id} may not change the owner of policy ${ref}: only the head of PSD, a PSD manager or the owner's manager (${mgr1.id}) may`,
    );
    expect(await refusal(handle.executeUpdate(changeOwnerUpdate, { args: [{ actor: demoActor('head-of-psd'), ownerId: `${run}-nobody` }] }))).toBe(
      `${run}-nobody cannot own policy ${ref}: there is no active person with that id`,
    );
    state = await handle.executeUpdate(changeOwnerUpdate, { args: [{ actor: demoActor('head-of-psd'), ownerId: owner2.id }] });
    expect(state).toMatchObject({ owner: owner2.id, ownerManager: mgr2.id, nextReviewDue: due2, status: 'due-soon' });
    expect((await w.db.policy.findUniqueOrThrow({ where: { id: policyId } })).ownerId).toBe(owner2.id);
    await settled();
    expect((await searchAttributes()).owner).toBe(owner2.id);
    // The old owner may no longer record the review; the new owner's manager may.
    expect(await refusal(handle.executeUpdate(reviewedUpdate, { args: [{ actor: as(owner1), outcome: 'no-amendments' }] }))).toMatch(
      new RegExp(`only its owner \\(${owner2.id}\\), their manager \\(${mgr2.id}\\)`),
    );
    for (const day of [r2b, r2c]) {
      await skipToNoonOf(day);
      expected.push(reminder(due2, owner2.id));
      await expectNotices(expected);
    }

    // Reviewed early by the new owner, amended: version 2.0, next review two years from the review.
    await skipToNoonOf(addCalendarDays(due2, -3));
    await settled();
    const reviewed2 = await today();
    const due3 = addYears(reviewed2, 2);
    state = await handle.executeUpdate(reviewedUpdate, { args: [{ actor: as(owner2), outcome: 'amended', newVersion: '2.0' }] });
    expect(state).toMatchObject({ nextReviewDue: due3, version: '2.0', cycle: 3, owner: owner2.id });
    row = await w.db.policy.findUniqueOrThrow({ where: { id: policyId }, include: { reviews: { orderBy: { reviewedOn: 'asc' } } } });
    expect(row).toMatchObject({ version: '2.0', lastReviewOutcome: 'amended', ownerId: owner2.id });
    expect(row.nextReviewDue.toISOString().slice(0, 10)).toBe(due3);
    expect(row.reviews.map((r) => [r.reviewedOn.toISOString().slice(0, 10), r.outcome, r.newVersion, r.reviewerId])).toEqual([
      [reviewed1, 'no-amendments', null, mgr1.id],
      [reviewed2, 'amended', '2.0', owner2.id],
    ]);

    // ── Period 3: reminders to the new owner, overdue to their manager, reviewed by head of PSD ─
    await stateWhere((s) => s.cycle === 3, 'period 3');
    for (const day of reminderDays(due3)) {
      await skipToNoonOf(day);
      expected.push(reminder(due3, owner2.id));
      await expectNotices(expected);
    }
    await skipToNoonOf(addCalendarDays(due3, 1));
    expected.push(overdue(due3, 1, mgr2.id));
    await expectNotices(expected);
    await settled();
    expect(await refusal(handle.executeUpdate(reviewedUpdate, { args: [{ actor: as(owner2), outcome: 'amended', newVersion: '2.0' }] }))).toBe(
      `policy ${ref} is already at version 2.0: an amended policy needs a new version`,
    );
    const reviewed3 = await today();
    const due4 = addYears(reviewed3, 2);
    state = await handle.executeUpdate(reviewedUpdate, { args: [{ actor: demoActor('head-of-psd'), outcome: 'no-amendments' }] });
    expect(state).toMatchObject({ nextReviewDue: due4, version: '2.0', cycle: 4 });

    // ── Period 4: more than six years after the start, still reminding the owner ─────────────
    await stateWhere((s) => s.cycle === 4, 'period 4');
    for (const day of reminderDays(due4)) {
      await skipToNoonOf(day);
      expected.push(reminder(due4, owner2.id));
      await expectNotices(expected);
    }
    expect(await today() > addYears(startedOn, 6)).toBe(true);
    state = await stateWhere((s) => s.remindersSent.length === 3, 'three reminders in period 4');
    expect(state).toMatchObject({ cycle: 4, status: 'due-soon', owner: owner2.id, version: '2.0', escalations: 0 });
    expect(state.lastReview).toEqual({ reviewedOn: reviewed3, outcome: 'no-amendments', version: '2.0', by: 'head-of-psd' });
    expect((await w.db.policyReview.count({ where: { policyId } }))).toBe(3);

    // ── Continue-as-new kept every run's history short, in and between periods ──────────────
    await settled();
    const last = await handle.describe();
    expect(last.runId).not.toBe(run2);
    // 3 after reviews, and more in the middle of periods because of the low history limit.
    expect(state.continuedAsNew).toBeGreaterThan(3);
    expect(last.historyLength).toBeLessThan(HISTORY_LIMIT + 30);
    expect(firstRun.events!.length).toBeLessThan(HISTORY_LIMIT + 30);
    // Each notice exactly once: no repeats across runs (event ids come from the period and step).
    expect(new Set(noticeList().map((n) => n.id)).size).toBe(expected.length);
  });
});
