// Item 4 — history size: a complaint investigated for 3 years (4-weekly updates, 6-monthly
// reports) and a policy's review cycles over 50 years, run by the real workflows and activities
// on the time-skipping test server; events and bytes of the largest history against Temporal's
// limits (50 MiB / 51,200 events per history; warnings from 10 MiB / 10,240 events).
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';
import { createActivities } from '../activities/src/index';
import { createLogger } from '../shared/src/log';
import { connectProducer, createKafka, ensureTopics } from '../shared/src/kafka';
import { createTimeSkippingEnv } from '../shared/src/testing/temporal';
import { DEFAULT_SLA_POLICY, ENGLAND_AND_WALES, addYears, routeComplaint, startOfLondonDayMs, toLondonDate, addCalendarDays } from '../shared/src/domain/index';
import { DEMO_PEOPLE } from '../shared/src/db/demo-people';
import type { Actor } from '../shared/src/auth';
import { COMPLAINT_WORKFLOW, complaintWorkflowId, completeTaskUpdate, stateQuery, type ComplaintInput } from '../workflows/src/complaint/contract';
import { POLICY_REVIEW_WORKFLOW, policyReviewWorkflowId, reviewedUpdate, type PolicyReviewInput } from '../workflows/src/policy/contract';
import { record } from './report';
import type { BenchStack } from './stack';

const LIMIT_EVENTS = 51_200;
const LIMIT_BYTES = 50 * 2 ** 20;
const DAY = 86_400_000;
const workflowsPath = fileURLToPath(new URL('../workflows/src/index.ts', import.meta.url));

const actor = (id: string): Actor => {
  const p = DEMO_PEOPLE.find((x) => x.id === id)!;
  return { id: p.id, role: p.role, rank: p.rank, team: p.team, division: p.division };
};

async function size(handle: WorkflowHandle) {
  const history = await handle.fetchHistory();
  return { events: history.events?.length ?? 0, bytes: proto.temporal.api.history.v1.History.encode(history).finish().length };
}

export async function historySizes(stack: BenchStack) {
  console.log('\n4. History size (time-skipping test server, real workflows and activities)');
  // Its own topics, so nothing it emits reaches the bench's services.
  const previousPrefix = process.env.KAFKA_TOPIC_PREFIX;
  process.env.KAFKA_TOPIC_PREFIX = 'bench-history.';
  const kafka = createKafka(stack.config.KAFKA_BROKERS, 'probity-bench-history');
  await ensureTopics(kafka);
  const producer = await connectProducer(kafka);
  const env = await createTimeSkippingEnv(stack.config.PAYLOAD_KEY);
  const taskQueue = 'bench-history';
  const worker = await Worker.create({
    connection: env.nativeConnection, taskQueue, workflowsPath,
    activities: createActivities({ db: stack.db, producer, log: createLogger('bench-history', 'warn') }),
    dataConverter: (await import('../shared/src/temporal/codec')).dataConverter(stack.config.PAYLOAD_KEY),
  });
  const running = worker.run();
  try {
    // ── A complaint investigated for three years ───────────────────────────────────────────
    const caseId = randomUUID();
    const ref = `CO-HIST-${Date.now().toString(36).toUpperCase()}`;
    const receivedAt = new Date(await env.currentTimeMs()).toISOString();
    const allegations = [{ id: `${caseId}-a1`, category: 'individual-behaviours' as const }];
    await stack.db.case.create({
      data: {
        id: caseId, ref, kind: 'complaint', channel: 'web', stage: 'received', receivedAt: new Date(receivedAt), publicTokenHash: 'bench',
        complainant: { name: 'Bench', email: 'bench@example.test', preferredContact: 'email' }, incident: {}, subjects: [],
        allegations: { create: allegations.map((a, i) => ({ id: a.id, seq: i + 1, category: a.category, description: 'bench' })) },
      },
    });
    const input: ComplaintInput = {
      caseId, ref, channel: 'web', receivedAt, allegations, subjects: [{ team: 'north-response', division: 'north' }],
      route: routeComplaint({ allegations }), assessorId: 'psd-handler-1', complaintsTeamId: 'psd-manager',
      firstContact: { byId: 'north-constable', at: receivedAt, resolved: false },
      sla: DEFAULT_SLA_POLICY, holidays: ENGLAND_AND_WALES.holidays().map((h) => h.date),
    };
    const handle = await env.client.workflow.start(COMPLAINT_WORKFLOW, { taskQueue, workflowId: complaintWorkflowId(ref), args: [input] });
    const openTask = async (type: string) => {
      for (let i = 0; i < 100; i++) {
        const t = (await handle.query(stateQuery)).openTasks.find((x) => x.type === type);
        if (t) return t;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no open ${type} task`);
    };
    const complete = async (taskId: string, by: string, payload: unknown) =>
      handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, actor: actor(by), payload }] });
    const assessment = await openTask('assessment');
    await complete(assessment.id, 'psd-handler-1', { handling: 'schedule-3', handlingMode: 'investigation', referToIopc: false, allocateTo: 'psd-investigator', rationale: 'bench' });
    for (let i = 0; i < 100 && (await handle.query(stateQuery)).stage !== 'allocation'; i++) await new Promise((r) => setTimeout(r, 100));
    await handle.signal('assigned', { assigneeId: 'psd-investigator', reason: 'bench' });
    // Three years, four weeks at a time: every update and report done as it falls due.
    const end = startOfLondonDayMs(toLondonDate(addYears(toLondonDate(receivedAt), 3))) + 12 * 3600_000;
    let updates = 0;
    let reports = 0;
    while ((await env.currentTimeMs()) < end) {
      await env.sleep(28 * DAY);
      for (const t of (await handle.query(stateQuery)).openTasks) {
        // A web complaint under Schedule 3: updates in writing (C&M reg 34(3)); reports always to the IOPC (C&M reg 13).
        if (t.type === 'complainant-update') { await complete(t.id, 'psd-investigator', { method: 'letter' }); updates++; }
        if (t.type === 'long-running-report') { await complete(t.id, 'psd-investigator', { sentToLocalPolicingBody: true, sentToIopc: true }); reports++; }
      }
    }
    const complaint = await size(handle);
    record({ item: '4', what: `complaint investigated 3 years (${updates} updates, ${reports} reports): events`, probity: complaint.events, raw: LIMIT_EVENTS, unit: 'events', limit: `${LIMIT_EVENTS.toLocaleString('en-GB')} (Temporal's limit; raw column)`, better: 'lower' });
    record({ item: '4', what: 'complaint investigated 3 years: history size', probity: complaint.bytes / 1024, raw: LIMIT_BYTES / 1024, unit: 'KiB', limit: '50 MiB (Temporal\'s limit; raw column)', better: 'lower' });
    await handle.terminate('bench over');

    // ── A policy reviewed every two years for fifty years ─────────────────────────────────
    const policyId = `bench-policy-${Date.now().toString(36)}`;
    const today = toLondonDate(await env.currentTimeMs());
    let due = addCalendarDays(today, 60);
    await stack.db.policy.create({
      data: {
        id: policyId, ref: `PB${Date.now().toString(36).toUpperCase()}`, title: 'Bench policy', ownerId: 'policy-owner', version: '1.0',
        lastReviewedOn: new Date(`${addYears(due, -2)}T00:00:00Z`), lastReviewOutcome: 'no-amendments',
        equalityImpact: 'none', riskRating: 'low', nextReviewDue: new Date(`${due}T00:00:00Z`),
      },
    });
    const policyInput: PolicyReviewInput = {
      policyId, ref: policyId, ownerId: 'policy-owner', version: '1.0', nextReviewDue: due, sla: DEFAULT_SLA_POLICY,
      holidays: ENGLAND_AND_WALES.holidays().map((h) => h.date),
    };
    const started = await env.client.workflow.start(POLICY_REVIEW_WORKFLOW, { taskQueue, workflowId: policyReviewWorkflowId(policyId), args: [policyInput] });
    const policy = env.client.workflow.getHandle(started.workflowId);
    let largest = { events: 0, bytes: 0 };
    let runs = 0;
    for (let cycle = 0; cycle < 25; cycle++) {
      // Reviewed a week late: reminders before, then the overdue escalations, then the review.
      await env.sleep(Math.max(startOfLondonDayMs(addCalendarDays(due, 7)) + 12 * 3600_000 - (await env.currentTimeMs()), 1));
      const s = await size(env.client.workflow.getHandle(started.workflowId));
      if (s.events > largest.events) largest = s;
      await policy.executeUpdate(reviewedUpdate, { args: [{ actor: actor('policy-owner'), outcome: 'no-amendments' }] });
      runs++;
      due = addYears(due, 2);
    }
    record({ item: '4', what: `policy reviewed 25 times over 50 years: largest run's events (${runs} runs)`, probity: largest.events, raw: LIMIT_EVENTS, unit: 'events', limit: `${LIMIT_EVENTS.toLocaleString('en-GB')} (Temporal's limit; raw column)`, better: 'lower' });
    record({ item: '4', what: 'policy over 50 years: largest run\'s size', probity: largest.bytes / 1024, raw: LIMIT_BYTES / 1024, unit: 'KiB', limit: '50 MiB (Temporal\'s limit; raw column)', better: 'lower' });
    await policy.terminate('bench over').catch(() => undefined);
  } finally {
    worker.shutdown();
    await running;
    await env.teardown();
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: (await admin.listTopics()).filter((t) => t.startsWith('bench-history.')) }).catch(() => undefined);
    await admin.disconnect();
    process.env.KAFKA_TOPIC_PREFIX = previousPrefix;
  }
}
