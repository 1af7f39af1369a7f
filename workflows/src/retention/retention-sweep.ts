// The daily retention sweep (policy §10.1): every closed case whose retention period has ended
// (isDueForDisposal, from the day it closed) has its personal data disposed of. Case workflows
// complete when their case closes (patch 'complete-at-closure'), so no workflow sleeps for six
// years; this one short run a day does the disposing, started by a Temporal Schedule.
//
// Idempotent: a disposed case leaves the list (Case.disposedAt), and disposing twice changes
// nothing. Audited: one audit entry per disposed case. Bounded: a run disposes of at most
// maxDisposalsPerRun cases, then continues as new from where it got to.
import { continueAsNew, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '@probity/activities/index';
import { HolidayCalendar, isDueForDisposal, retentionEndsOn } from '@probity/shared/domain/index';
import { nowIso, today } from '../casework/clock';
import { DEFAULT_MAX_DISPOSALS_PER_RUN, DEFAULT_PAGE_SIZE, type RetentionSweepInput, type RetentionSweepResult } from './contract';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // A case that cannot be disposed of after a few tries is left for tomorrow's sweep and reported.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2, maximumAttempts: 5 },
});

/** Patch: a sweep that leaves cases undisposed raises an alert (histories from before it do not). */
export const RETENTION_FAILED_ALERT = 'retention-failed-alert';

export async function retentionSweep(input: RetentionSweepInput): Promise<RetentionSweepResult> {
  const cal = new HolidayCalendar(input.holidays);
  const { sla } = input;
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  const maxPerRun = input.maxDisposalsPerRun ?? DEFAULT_MAX_DISPOSALS_PER_RUN;
  const sweptOn = input.carry?.sweptOn ?? today();
  // One id for the whole sweep of a day, across continue-as-new (written into each audit entry).
  const sweepId = workflowInfo().firstExecutionRunId;
  let after = input.carry?.after;
  let disposed = input.carry?.disposed ?? 0;
  const failed = [...(input.carry?.failed ?? [])];
  let inThisRun = 0;

  for (;;) {
    const page = await acts.closedCasesAwaitingDisposal({ ...(after ? { after } : {}), limit: pageSize });
    // Oldest closure first, and retention only grows with the closing day: the first case not
    // yet due means none after it is.
    const due = page.filter((c) => isDueForDisposal(c.closedAt, sweptOn, cal, sla));
    for (const c of due) {
      try {
        const r = await acts.disposeCase({ caseId: c.caseId, retentionEndedOn: retentionEndsOn(c.closedAt, cal, sla), sweepId });
        if (r.outcome === 'disposed') disposed += 1;
      } catch {
        failed.push(c.ref);
      }
      inThisRun += 1;
      after = { closedAt: c.closedAt, caseId: c.caseId };
    }
    if (due.length < page.length || page.length < pageSize) break;
    if (inThisRun >= maxPerRun) {
      return continueAsNew<typeof retentionSweep>({ ...input, carry: { sweptOn, after: after!, disposed, failed } });
    }
  }
  if (failed.length > 0 && patched(RETENTION_FAILED_ALERT)) {
    // Left for tomorrow's sweep, and said: personal data kept past its time is a breach of §10.1.
    await acts.emit({
      topic: 'probity.alert',
      id: `${sweepId}:retention-failed`,
      subject: 'retention-sweep',
      data: {
        kind: 'retention-failed',
        workflowId: workflowInfo().workflowId,
        summary: `the retention sweep of ${sweptOn} could not dispose of ${failed.length} case(s) due for disposal: ${failed.slice(0, 20).join(', ')}`,
        detail: { sweptOn, failed: failed.length, disposed },
        notifyRoles: ['psd-manager', 'ops'],
      },
      at: nowIso(),
    });
  }
  return { sweptOn, disposed, failed };
}
