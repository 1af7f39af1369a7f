// The policy review cycle never ends (P02 §7.1), so its history must stay bounded: over 50 years
// of two-yearly review periods — most reviewed in time, one left overdue for years, escalating all
// the while — no run's history grows past DEFAULT_HISTORY_LIMIT + HISTORY_STEP_MAX events.
// Time skipping (Java test server), real activities on the real Postgres and Kafka.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { DEFAULT_SLA_POLICY, ENGLAND_AND_WALES, addCalendarDays, addYears, startOfLondonDayMs, toLondonDate } from '@probity/shared/domain/index';
import { uniqueId } from '@probity/shared/testing/temporal';
import { POLICY_REVIEW_WORKFLOW, policyReviewWorkflowId, policyStateQuery, reviewedUpdate, type PolicyReviewInput } from '../src/policy/contract';
import { DEFAULT_HISTORY_LIMIT, HISTORY_STEP_MAX, type policyReview } from '../src/policy/policy-review';
import { actor, createWorld, type World } from './world';

const run = uniqueId('bound');
const ref = `PB-${run.toUpperCase()}`;
const policyId = `${run}-policy`;
let w: World;

beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.env.client.workflow.getHandle(policyReviewWorkflowId(ref)).terminate('test over').catch(() => undefined);
  if (w) {
    await w.db.policyReview.deleteMany({ where: { policyId } });
    await w.db.policy.deleteMany({ where: { id: policyId } });
    await w.close();
  }
});

async function skipToNoonOf(date: string) {
  const target = startOfLondonDayMs(date) + 12 * 3600 * 1000;
  const now = await w.env.currentTimeMs();
  if (target > now) await w.env.sleep(target - now);
}

/** Every run of the workflow, oldest first: its run id and how many events its history has. */
async function runs(handle: WorkflowHandle): Promise<{ runId: string; events: number; continuedAsNew: boolean }[]> {
  const out = [];
  let runId: string | undefined = (await handle.describe()).runId;
  while (runId) {
    const history = await w.env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
    const last = history.events!.at(-1)!;
    out.unshift({ runId, events: history.events!.length, continuedAsNew: Boolean(last.workflowExecutionContinuedAsNewEventAttributes) });
    runId = history.events![0]!.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
  }
  return out;
}

describe('the policy review cycle over 50 years', () => {
  it('keeps every run’s history under its bound, reviewed in time or overdue for years', { timeout: 600_000 }, async () => {
    const startedOn = toLondonDate(await w.env.currentTimeMs());
    const due1 = addCalendarDays(startedOn, 60);
    await w.db.policy.create({
      data: {
        id: policyId, ref, title: 'Fifty-year policy', ownerId: 'policy-owner', version: '1.0',
        lastReviewedOn: new Date(`${addYears(due1, -2)}T00:00:00Z`), lastReviewOutcome: 'no-amendments',
        equalityImpact: 'no differential impact', riskRating: 'low', nextReviewDue: new Date(`${due1}T00:00:00Z`),
      },
    });
    const input: PolicyReviewInput = {
      policyId, ref, ownerId: 'policy-owner', version: '1.0', nextReviewDue: due1,
      sla: DEFAULT_SLA_POLICY, holidays: ENGLAND_AND_WALES.holidays().map((h) => h.date),
      // No historyLimit: the default bound is what is shown.
    };
    await w.env.client.workflow.start<typeof policyReview>(POLICY_REVIEW_WORKFLOW, { taskQueue: w.taskQueue, workflowId: policyReviewWorkflowId(ref), args: [input] });
    const handle = w.env.client.workflow.getHandle<typeof policyReview>(policyReviewWorkflowId(ref));

    const until = addYears(startedOn, 50);
    let cycle = 1;
    while (toLondonDate(await w.env.currentTimeMs()) < until) {
      const s = await handle.query(policyStateQuery);
      expect(s.cycle).toBe(cycle);
      if (cycle === 3) {
        // Left overdue for three years: escalations every 5 working days, well past the limit.
        await skipToNoonOf(addYears(s.nextReviewDue, 3));
        const overdue = await handle.query(policyStateQuery);
        expect(overdue.status).toBe('overdue');
        expect(overdue.escalations).toBeGreaterThan(100);
      } else {
        await skipToNoonOf(addCalendarDays(s.nextReviewDue, -3));
      }
      const reviewed = await handle.executeUpdate(reviewedUpdate, { args: [{ actor: actor('policy-owner'), outcome: 'no-amendments' }] });
      cycle += 1;
      expect(reviewed.cycle).toBe(cycle);
    }

    const all = await runs(handle);
    const longest = Math.max(...all.map((r) => r.events));
    expect(longest).toBeLessThanOrEqual(DEFAULT_HISTORY_LIMIT + HISTORY_STEP_MAX);
    // The limit was reached in the overdue years (runs ended by it, not only by reviews) …
    expect(all.filter((r) => r.events > DEFAULT_HISTORY_LIMIT).length).toBeGreaterThanOrEqual(1);
    // … and every run but the current one continued as new; 50 years is some 25 review periods.
    expect(all.slice(0, -1).every((r) => r.continuedAsNew)).toBe(true);
    expect(cycle).toBeGreaterThanOrEqual(25);
    expect((await handle.query(policyStateQuery)).continuedAsNew).toBe(all.length - 1);
    expect(await w.db.policyReview.count({ where: { policyId } })).toBe(cycle - 1);
  });
});
