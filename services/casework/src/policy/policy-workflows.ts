// Policy review workflows as the intake API sees them: start a policy's cycle (idempotently), read
// its state, record a review, change its owner. Temporal's errors become the same three plain
// outcomes as for complaints: not found (404), refused by the workflow's validator (409),
// unavailable (503). Also: ensurePolicyReviewCycles(), which gives every policy in the register
// its running workflow — called at intake start-up.
import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import type { Db } from '@probity/shared/db/client';
import type { SearchAttributePair } from '@temporalio/common';
import { DEFAULT_SLA_POLICY, ENGLAND_AND_WALES, endOfLondonDay, type Duration, type SlaPolicy } from '@probity/shared/domain/index';
import type { Logger } from '@probity/shared/log';
import { AssignedTo, NextDeadline, PolicyRef, SlaBreached, Stage } from '@probity/shared/temporal/search-attributes';
import {
  POLICY_REVIEW_WORKFLOW,
  changeOwnerUpdate,
  policyReviewWorkflowId,
  policyStateQuery,
  reviewedUpdate,
  type ChangeOwnerRequest,
  type PolicyReviewInput,
  type PolicyReviewState,
  type RecordReviewRequest,
} from '@probity/workflows/policy/contract';
import { policyStatus } from '@probity/workflows/policy/policy-status';
import { callTemporal, WorkflowNotFound, type TemporalProvider } from '@probity/shared/temporal/workflow-calls';
import { loadPolicyConfig, type PolicyConfig } from './policy-config';

/** What a workflow is started from: the policy's row in the register. */
export interface PolicyRow {
  id: string;
  ref: string;
  ownerId: string;
  version: string;
  nextReviewDue: Date;
}

export const civilDateOf = (d: Date) => d.toISOString().slice(0, 10);

/** The search attributes a policy's workflow starts with (then kept by the workflow itself). */
export function startSearchAttributes(p: PolicyRow, sla: SlaPolicy, now = Date.now()): SearchAttributePair[] {
  const due = civilDateOf(p.nextReviewDue);
  const status = policyStatus(due, now, ENGLAND_AND_WALES, sla);
  return [
    { key: PolicyRef, value: p.ref },
    { key: Stage, value: status },
    { key: SlaBreached, value: status === 'overdue' },
    { key: NextDeadline, value: new Date(endOfLondonDay(due)) },
    { key: AssignedTo, value: p.ownerId },
  ];
}

/** The workflow's input for a policy: no personal data, the SLA policy and holidays fixed at start. Pure. */
export function policyReviewInput(p: PolicyRow, opts: { sla: SlaPolicy; remindBefore?: Duration[]; holidays?: string[] }): PolicyReviewInput {
  return {
    policyId: p.id,
    ref: p.ref,
    ownerId: p.ownerId,
    version: p.version,
    nextReviewDue: civilDateOf(p.nextReviewDue),
    sla: opts.sla,
    ...(opts.remindBefore ? { remindBefore: opts.remindBefore } : {}),
    holidays: opts.holidays ?? ENGLAND_AND_WALES.holidays().map((h) => h.date),
  };
}

export interface PolicyWorkflows {
  /** The SLA policy new cycles start with, lead times included: the register is judged by it too. */
  readonly sla: SlaPolicy;
  /** Starts policy-review-<ref>; a running one is kept as it is (USE_EXISTING). */
  start(policy: PolicyRow): Promise<{ workflowId: string; runId: string }>;
  state(ref: string, timeoutMs?: number): Promise<PolicyReviewState>;
  /** Runs the `reviewed` update; starts the cycle first if the policy has none running. */
  recordReview(policy: PolicyRow, request: RecordReviewRequest): Promise<PolicyReviewState>;
  changeOwner(policy: PolicyRow, request: ChangeOwnerRequest): Promise<PolicyReviewState>;
}

export interface PolicyWorkflowOptions {
  /** The worker's task queue (config.TEMPORAL_TASK_QUEUE). */
  taskQueue: string;
  /** Reminder lead times (default: loadPolicyConfig(), i.e. POLICY_REVIEW_REMIND_BEFORE). */
  config?: PolicyConfig;
  holidays?: string[];
  queryTimeoutMs?: number;
  updateTimeoutMs?: number;
}

/** The client, or WorkflowUnavailable if Temporal cannot be reached within `ms`. */
export function policyWorkflows(temporal: TemporalProvider, opts: PolicyWorkflowOptions): PolicyWorkflows {
  const config = opts.config ?? loadPolicyConfig();
  const inputOptions = { sla: DEFAULT_SLA_POLICY, ...(config.remindBefore ? { remindBefore: config.remindBefore } : {}), ...(opts.holidays ? { holidays: opts.holidays } : {}) };
  const queryTimeoutMs = opts.queryTimeoutMs ?? 10_000;
  const updateTimeoutMs = opts.updateTimeoutMs ?? 30_000;

  const call = <T>(timeoutMs: number, fn: (client: Client) => Promise<T>) => callTemporal(temporal, timeoutMs, fn);

  const start = (policy: PolicyRow) =>
    call(updateTimeoutMs, async (client) => {
      const workflowId = policyReviewWorkflowId(policy.ref);
      const handle = await client.workflow.start<(input: PolicyReviewInput) => Promise<never>>(POLICY_REVIEW_WORKFLOW, {
        workflowId,
        taskQueue: opts.taskQueue,
        // A running cycle is the policy's cycle: starting again is harmless. A closed one (e.g.
        // terminated by ops) may be started afresh from the register.
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        args: [policyReviewInput(policy, inputOptions)],
        // As the workflow will keep them; set now so ops see the truth before a worker picks it up.
        typedSearchAttributes: startSearchAttributes(policy, config.sla),
      });
      return { workflowId, runId: handle.firstExecutionRunId };
    });

  /**
   * Runs an update on the policy's running cycle. With no cycle running (never started, or the
   * update raced a continue-as-new) the cycle is ensured and the update tried once more.
   */
  const update = async <T>(policy: PolicyRow, fn: (client: Client, workflowId: string) => Promise<T>): Promise<T> => {
    const workflowId = policyReviewWorkflowId(policy.ref);
    try {
      return await call(updateTimeoutMs, (c) => fn(c, workflowId));
    } catch (err) {
      if (!(err instanceof WorkflowNotFound)) throw err;
      await start(policy);
      return call(updateTimeoutMs, (c) => fn(c, workflowId));
    }
  };

  return {
    sla: config.sla,
    start,
    state: (ref, timeoutMs) => call(timeoutMs ?? queryTimeoutMs, (c) => c.workflow.getHandle(policyReviewWorkflowId(ref)).query(policyStateQuery)),
    recordReview: (policy, request) => update(policy, (c, id) => c.workflow.getHandle(id).executeUpdate(reviewedUpdate, { args: [request] })),
    changeOwner: (policy, request) => update(policy, (c, id) => c.workflow.getHandle(id).executeUpdate(changeOwnerUpdate, { args: [request] })),
  };
}

/**
 * Gives every policy in the register (or those named) its running review workflow. Idempotent:
 * a policy whose cycle runs keeps it. Throws WorkflowUnavailable when Temporal cannot be reached.
 */
export async function ensurePolicyReviewCycles(db: Db, workflows: PolicyWorkflows, opts: { refs?: string[] } = {}): Promise<string[]> {
  const policies = await db.policy.findMany({
    where: opts.refs ? { ref: { in: opts.refs } } : {},
    select: { id: true, ref: true, ownerId: true, version: true, nextReviewDue: true },
    orderBy: { ref: 'asc' },
  });
  const ids: string[] = [];
  for (const p of policies) ids.push((await workflows.start(p)).workflowId);
  return ids;
}

/**
 * ensurePolicyReviewCycles() at start-up, retried with backoff until it succeeds (intake runs while
 * Temporal is down), so that a seeded or restored register always gets its workflows.
 */
export function ensurePolicyReviewCyclesInBackground(deps: {
  db: Db;
  workflows: PolicyWorkflows;
  log: Logger;
  /** Only these policies (default: the whole register). */
  refs?: string[];
  firstRetryMs?: number;
  maxRetryMs?: number;
}): { stop(): Promise<void>; done: Promise<void> } {
  let stopped = false;
  let wake: (() => void) | undefined;
  const done = (async () => {
    let delay = deps.firstRetryMs ?? 2_000;
    while (!stopped) {
      try {
        const ids = await ensurePolicyReviewCycles(deps.db, deps.workflows, deps.refs ? { refs: deps.refs } : {});
        deps.log.info({ policies: ids.length }, 'policy review cycles running');
        return;
      } catch (err) {
        deps.log.warn({ err: (err as Error).message, retryInMs: delay }, 'could not start policy review cycles; retrying');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, delay).unref();
      });
      delay = Math.min(delay * 2, deps.maxRetryMs ?? 60_000);
    }
  })();
  return {
    done,
    async stop() {
      stopped = true;
      wake?.();
      await done;
    },
  };
}
