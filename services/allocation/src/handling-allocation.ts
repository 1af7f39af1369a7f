import type { Envelope } from '@probity/shared/events/envelope';
import type { AllocationRequested } from '@probity/shared/events/schemas';
import { assignedSignal, type Assignment } from '@probity/workflows/complaint/contract';
import { liveWorkload, POOLS } from './assignment';
import { caseAllocatedEvent, emitCaseAllocated, handlingAllocatedId } from './case-allocated';
import { decideOnce } from './decision';
import type { AllocationDeps } from './deps';
import { signalOnce } from './signal-once';
import { subjectRanksFromRecord } from './subject-ranks';
import { appropriateAuthorityOf } from '@probity/shared/domain/index';

// The workflow asks for a handler (allocation.requested, §3.2.4): to a division with guidance
// to resolve, or to a PSD investigator. Choose, hand the workflow the assignee, announce it.

type Mode = AllocationRequested['mode'];

/** Who may handle in each mode; never a subject or their team, and for a division never their division. */
export const HANDLING_RULES: Record<Mode, { pools: (restricted: boolean) => ReturnType<typeof POOLS.division>; label: string }> = {
  division: { pools: POOLS.division, label: 'Allocated to a division (§3.2.4)' },
  'psd-investigator': { pools: POOLS.investigation, label: 'Allocated to a PSD investigator' },
};

export async function handleAllocationRequested(deps: AllocationDeps, event: Envelope<AllocationRequested>): Promise<void> {
  const { db, log } = deps;
  const { caseId, ref, workflowId, mode, subjects } = event.data;
  const rule = HANDLING_RULES[mode];
  const decisionId = `allocation:${caseId}:handling:${event.id}`;

  const decision = await decideOnce(db, {
    id: decisionId,
    caseId,
    action: 'handler-chosen',
    note: { mode, workflowId },
    now: deps.now,
    choose: async () => {
      // A restricted case stays with the counter-corruption unit whatever the mode asked for.
      const restricted = (await db.case.findUnique({ where: { id: caseId }, select: { restricted: true } }))?.restricted === true;
      // About the chief officer: handled by the local policing body's people, not PSD or a division (PRA 2002 s.29).
      const byLpb = appropriateAuthorityOf(await subjectRanksFromRecord(db, caseId, subjects)) === 'local-policing-body';
      const { assignee, reason, escalated } = await (deps.workload ?? liveWorkload(db)).choose(byLpb ? POOLS.localPolicingBody() : rule.pools(restricted), { subjects });
      const division = mode === 'division' && !restricted && !escalated && !byLpb ? assignee.division : undefined;
      return {
        purpose: 'handling',
        assigneeId: assignee.id,
        ...(division !== undefined ? { division } : {}),
        reason: `${byLpb ? 'Allocated to the local policing body (the appropriate authority)' : rule.label}${division !== undefined ? `: division ${division}` : ''}; ${reason}`,
        eventId: event.id,
      };
    },
  });

  const assignment: Assignment = {
    assigneeId: decision.assigneeId,
    ...(decision.division !== undefined ? { division: decision.division } : {}),
    reason: decision.reason,
  };
  await signalOnce(deps.temporal, workflowId, assignedSignal, [assignment], decisionId);

  await emitCaseAllocated(
    deps.producer,
    deps.caseAllocatedTopic,
    caseAllocatedEvent(
      handlingAllocatedId(caseId, event.id),
      { caseId, ref, purpose: 'handling', ...assignment },
      decision.at,
    ),
  );
  log.info({ caseId, ref, eventId: event.id, workflowId, mode, assigneeId: decision.assigneeId, division: decision.division }, 'case allocated for handling');
}
