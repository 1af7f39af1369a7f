// The retention sweep's Temporal Schedule (policy §10.1): one run of workflow retentionSweep a
// day, at 02:30 London time, in the worker's namespace and on its task queue. Made to exist at
// start-up (the worker; infra/temporal-namespaces.ts for the local namespaces, tests included),
// so ops see it under Schedules in the Temporal UI. Idempotent: an existing schedule is kept —
// paused or not — and only its action is brought up to date when the policy or queue changed.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { DEFAULT_SLA_POLICY, ENGLAND_AND_WALES } from '@probity/shared/domain/index';
import {
  RETENTION_SCHEDULE_ID,
  RETENTION_SWEEP_WORKFLOW,
  RETENTION_SWEEP_WORKFLOW_ID,
  type RetentionSweepInput,
} from '@probity/workflows/retention/contract';
import type { retentionSweep } from '@probity/workflows/retention/retention-sweep';

export const RETENTION_SWEEP_AT = { hour: 2, minute: 30 } as const;
export const RETENTION_SWEEP_TIMEZONE = 'Europe/London';

/** The sweep's input: the SLA policy in force (its retention period) and the bank holidays. */
export function retentionSweepInput(): RetentionSweepInput {
  return { sla: DEFAULT_SLA_POLICY, holidays: ENGLAND_AND_WALES.holidays().map((h) => h.date) };
}

function action(taskQueue: string, input: RetentionSweepInput): ScheduleOptionsStartWorkflowAction<typeof retentionSweep> {
  return {
    type: 'startWorkflow',
    workflowType: RETENTION_SWEEP_WORKFLOW,
    workflowId: RETENTION_SWEEP_WORKFLOW_ID,
    taskQueue,
    args: [input],
    // A sweep is short; one stuck for a day is ended so the next day's can run.
    workflowRunTimeout: '23 hours',
  };
}

export type EnsureOutcome = 'created' | 'updated' | 'unchanged';

export async function ensureRetentionSchedule(client: Client, opts: { taskQueue: string; input?: RetentionSweepInput }): Promise<EnsureOutcome> {
  const input = opts.input ?? retentionSweepInput();
  try {
    await client.schedule.create({
      scheduleId: RETENTION_SCHEDULE_ID,
      spec: { calendars: [{ hour: RETENTION_SWEEP_AT.hour, minute: RETENTION_SWEEP_AT.minute }], timezone: RETENTION_SWEEP_TIMEZONE },
      action: action(opts.taskQueue, input),
      // One sweep at a time; after an outage, one catch-up run (a sweep covers every day missed).
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      state: { note: 'Disposes of personal data of closed cases whose retention has ended (§10.1)' },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  const handle = client.schedule.getHandle(RETENTION_SCHEDULE_ID);
  const current = await handle.describe();
  const same =
    current.action.type === 'startWorkflow' &&
    current.action.workflowType === RETENTION_SWEEP_WORKFLOW &&
    current.action.taskQueue === opts.taskQueue &&
    JSON.stringify(current.action.args) === JSON.stringify([input]);
  if (same) return 'unchanged';
  await handle.update((prev) => ({ ...prev, action: action(opts.taskQueue, input) }));
  return 'updated';
}
