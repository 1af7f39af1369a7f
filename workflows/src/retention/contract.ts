// The retention sweep's public contract (policy §10.1): one run a day, started by the Temporal
// Schedule `retention-sweep` (created at start-up by the worker, see
// services/worker/src/retention-schedule.ts). Safe to import from services.
import type { SlaPolicy } from '@probity/shared/domain/index';

export const RETENTION_SWEEP_WORKFLOW = 'retentionSweep';
/** The Schedule's id, the same in every namespace (the system's and the tests'). */
export const RETENTION_SCHEDULE_ID = 'retention-sweep';
/** Ids of the runs the Schedule starts (Temporal appends the scheduled time). */
export const RETENTION_SWEEP_WORKFLOW_ID = 'retention-sweep';

/** Most disposals in one run before it continues as new (keeps every run's history short). */
export const DEFAULT_MAX_DISPOSALS_PER_RUN = 200;
/** How many closed cases are read at a time. */
export const DEFAULT_PAGE_SIZE = 50;

export interface RetentionSweepInput {
  /** The SLA policy whose retention period applies (§10.1) and the bank holidays it counts with. */
  sla: SlaPolicy;
  holidays: string[];
  pageSize?: number;
  maxDisposalsPerRun?: number;
  /** Handed on when a sweep continues as new: the same day, from where it had got to. */
  carry?: { sweptOn: string; after: { closedAt: string; caseId: string }; disposed: number; failed: string[] };
}

export interface RetentionSweepResult {
  /** The London day the sweep judged retention by. */
  sweptOn: string;
  /** Cases whose personal data this sweep disposed of. */
  disposed: number;
  /** Cases that were due but could not be disposed of (they stay for tomorrow's sweep; ops are alerted). */
  failed: string[];
}
