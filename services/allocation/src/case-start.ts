import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { DEFAULT_SLA_POLICY, ENGLAND_AND_WALES, type ComplaintRoute, type PoliceRank, type SlaPolicy } from '@probity/shared/domain/index';
import type { Envelope } from '@probity/shared/events/envelope';
import type { CaseReceived } from '@probity/shared/events/schemas';
import { CaseKind, CaseRef, Restricted, Stage } from '@probity/shared/temporal/search-attributes';
import { COMPLAINT_WORKFLOW, complaintWorkflowId, type ComplaintInput } from '@probity/workflows/complaint/contract';
import { appropriateAuthorityOf, restrictionOf } from '@probity/shared/domain/index';
import { liveWorkload, POOLS } from './assignment';
import { assessmentAllocatedId, caseAllocatedEvent, emitCaseAllocated } from './case-allocated';
import { decideOnce } from './decision';
import type { AllocationDeps } from './deps';
import { routeReceivedComplaint, toRoutingInput } from './routing';
import { subjectRanksFromRecord } from './subject-ranks';

// A new complaint (case.received): route it, choose the PSD handler who assesses it, start its
// workflow (once, ever) and announce the allocation. Every step is safe to repeat.

export interface StartFacts {
  route: ComplaintRoute;
  assessorId: string;
  complaintsTeamId: string;
  /** Each subject's rank from the record, in the event's order (subject-ranks.ts). */
  subjectRanks?: readonly (PoliceRank | null)[];
  sla?: SlaPolicy;
  holidays?: string[];
}

/** Bank holidays as the workflow wants them: YYYY-MM-DD strings. */
export const holidayDates = (): string[] => ENGLAND_AND_WALES.holidays().map((h) => h.date);

/** The workflow's input: fixed at start, no personal data. Pure. */
export function buildComplaintInput(received: CaseReceived, facts: StartFacts): ComplaintInput {
  return {
    caseId: received.caseId,
    ref: received.ref,
    channel: received.channel,
    receivedAt: received.receivedAt,
    allegations: received.allegations.map(({ id, category, subCategory }) => ({ id, category, ...(subCategory !== undefined && { subCategory }) })),
    subjects: received.subjects.map((s, i) => ({ ...s, ...(facts.subjectRanks?.[i] ? { rank: facts.subjectRanks[i] } : {}) })),
    route: facts.route,
    assessorId: facts.assessorId,
    complaintsTeamId: facts.complaintsTeamId,
    ...(received.firstContact ? { firstContact: { ...received.firstContact } } : {}),
    ...(received.incidentOn !== undefined && { incidentOn: received.incidentOn }),
    sla: facts.sla ?? DEFAULT_SLA_POLICY,
    holidays: facts.holidays ?? holidayDates(),
  };
}

export interface StartResult {
  workflowId: string;
  /** The run started now or earlier; absent when the case's workflow has already closed. */
  runId?: string;
}

/**
 * Starts a case workflow (complaint-<ref>, conduct-<ref>). A running workflow with that id is
 * reused (a redelivery starts nothing); a closed one is never started again — its case is done.
 */
export async function startCaseWorkflow<I>(
  client: Client,
  taskQueue: string,
  c: { workflowType: string; workflowId: string; kind: 'complaint' | 'conduct'; ref: string; input: I; restricted?: boolean },
): Promise<StartResult> {
  try {
    const handle = await client.workflow.start<(input: I) => Promise<unknown>>(c.workflowType, {
      workflowId: c.workflowId,
      taskQueue,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [c.input],
      typedSearchAttributes: [
        { key: CaseRef, value: c.ref },
        { key: CaseKind, value: c.kind },
        { key: Stage, value: 'received' },
        // Set once, at start: the workflow never upserts it, so a restricted case stays marked.
        ...(c.restricted ? [{ key: Restricted, value: true }] : []),
      ],
    });
    return { workflowId: c.workflowId, runId: handle.firstExecutionRunId };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId: c.workflowId };
    throw err;
  }
}

export function startComplaintWorkflow(client: Client, taskQueue: string, input: ComplaintInput, restricted = false): Promise<StartResult> {
  return startCaseWorkflow(client, taskQueue, {
    workflowType: COMPLAINT_WORKFLOW, workflowId: complaintWorkflowId(input.ref), kind: 'complaint', ref: input.ref, input, restricted,
  });
}

export async function handleCaseReceived(deps: AllocationDeps, event: Envelope<CaseReceived>): Promise<void> {
  const { db, log } = deps;
  const received = event.data;
  const { caseId, ref } = received;
  const route = routeReceivedComplaint(received);
  // Serious corruption is the counter-corruption unit's (DOMAIN.md "Restricted cases").
  const restricted = restrictionOf(toRoutingInput(received).allegations).restricted;

  const subjectRanks = await subjectRanksFromRecord(db, caseId, received.subjects);
  const decision = await decideOnce(db, {
    id: `allocation:${caseId}:assessment`,
    caseId,
    action: 'assessor-chosen',
    note: { handling: route.handling, referToIopc: route.referToIopc, restricted },
    now: deps.now,
    choose: async () => {
      // About the chief officer: the local policing body's people assess it (PRA 2002 s.29).
      const byLpb = appropriateAuthorityOf(subjectRanks) === 'local-policing-body';
      const { assignee, reason } = await (deps.workload ?? liveWorkload(db)).choose(byLpb ? POOLS.localPolicingBody() : POOLS.assessment(restricted), { subjects: received.subjects });
      return { purpose: 'assessment', assigneeId: assignee.id, reason: `${byLpb ? 'Assessment by the local policing body' : 'PSD assessment'}: ${reason}`, eventId: event.id };
    },
  });

  const complaintsTeamId = await (deps.workload ?? liveWorkload(db)).complaintsTeamId(received.subjects);
  const input = buildComplaintInput(received, { route, assessorId: decision.assigneeId, complaintsTeamId, subjectRanks });
  const started = await startComplaintWorkflow(deps.temporal, deps.taskQueue, input, restricted);
  if (!started.runId) log.warn({ caseId, ref, workflowId: started.workflowId }, 'workflow already closed; not started again');

  await emitCaseAllocated(
    deps.producer,
    deps.caseAllocatedTopic,
    caseAllocatedEvent(
      assessmentAllocatedId(caseId),
      { caseId, ref, purpose: 'assessment', assigneeId: decision.assigneeId, reason: decision.reason },
      decision.at,
    ),
  );
  log.info(
    { caseId, ref, eventId: event.id, workflowId: started.workflowId, runId: started.runId, assigneeId: decision.assigneeId, handling: route.handling, referToIopc: route.referToIopc },
    'complaint allocated for assessment',
  );
}
