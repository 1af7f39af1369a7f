import type { Client } from '@temporalio/client';
import { DEFAULT_SLA_POLICY, triageConductConcern, type SlaPolicy, type SupervisorView } from '@probity/shared/domain/index';
import type { Envelope } from '@probity/shared/events/envelope';
import type { CaseReceived } from '@probity/shared/events/schemas';
import { PermanentError } from '@probity/shared/kafka';
import {
  CONDUCT_WORKFLOW,
  DEFAULT_CONDUCT_TIMETABLE,
  STANDARDS,
  conductWorkflowId,
  type AssessmentSource,
  type ConductInput,
  type ConductTimetable,
  type Standard,
} from '@probity/workflows/conduct/contract';
import { liveWorkload, NoCandidateError, POOLS } from './assignment';
import { assessmentAllocatedId, caseAllocatedEvent, emitCaseAllocated } from './case-allocated';
import { holidayDates, startCaseWorkflow, type StartResult } from './case-start';
import { asPerson, chiefInspectorInChain, loadChain, reflectiveReviewer, type ChainPerson } from './conduct-people';
import { decideOnce } from './decision';
import type { AllocationDeps } from './deps';

// A new conduct matter (case.received, kind 'conduct'): find the people it involves — the
// supervisor's chief inspector (§3.3.4), the PSD handler who advises and assesses (chosen like a
// complaint's assessor), the appropriate authority and the officer's line manager for reflective
// practice — start its workflow (once, ever) and announce the allocation. A matter that stays local
// (§3.3.7) gets no PSD handler at all. Every step is safe to repeat.

export interface ConductFacts {
  raisedBy: ChainPerson;
  subject: ChainPerson & { team: string; division: string };
  view: SupervisorView;
  discussedWithChiefInspector: boolean;
  /** PSD raised it for the appropriate authority: where the allegation came from (§3.3.5 is advice, not a bar). */
  source?: ConductInput['source'];
  chiefInspectorId: string | null;
  psdAssessorId: string | null;
  appropriateAuthorityId: string | null;
  reflectiveReviewerId: string;
  sla?: SlaPolicy;
  timetable?: ConductTimetable;
  holidays?: string[];
}

const isStandard = (s: string): s is Standard => (STANDARDS as readonly string[]).includes(s);

/** The workflow's input: fixed at start, no account of what happened. Pure. */
export function buildConductInput(received: CaseReceived, facts: ConductFacts): ConductInput {
  return {
    caseId: received.caseId,
    ref: received.ref,
    receivedAt: received.receivedAt,
    standards: received.allegations.map(({ id, category }) => {
      if (!isStandard(category)) throw new PermanentError(`conduct matter ${received.ref} names an unknown standard: ${category}`);
      return { id, standard: category };
    }),
    subject: { personId: facts.subject.id, team: facts.subject.team, division: facts.subject.division, person: asPerson(facts.subject) },
    raisedBy: { id: facts.raisedBy.id, person: asPerson(facts.raisedBy) },
    view: facts.view,
    discussedWithChiefInspector: facts.discussedWithChiefInspector,
    ...(facts.source ? { source: facts.source } : {}),
    chiefInspectorId: facts.chiefInspectorId,
    psdAssessorId: facts.psdAssessorId,
    appropriateAuthorityId: facts.appropriateAuthorityId,
    reflectiveReviewerId: facts.reflectiveReviewerId,
    sla: facts.sla ?? DEFAULT_SLA_POLICY,
    timetable: facts.timetable ?? DEFAULT_CONDUCT_TIMETABLE,
    holidays: facts.holidays ?? holidayDates(),
  };
}

export function startConductWorkflow(client: Client, taskQueue: string, input: ConductInput): Promise<StartResult> {
  return startCaseWorkflow(client, taskQueue, {
    workflowType: CONDUCT_WORKFLOW, workflowId: conductWorkflowId(input.ref), kind: 'conduct', ref: input.ref, input,
  });
}

export async function handleConductReceived(deps: AllocationDeps, event: Envelope<CaseReceived>): Promise<void> {
  const { db, log } = deps;
  const received = event.data;
  const { caseId, ref } = received;

  const row = await db.case.findUnique({ where: { id: caseId }, select: { kind: true } });
  // Intake stores the case before announcing it (outbox): a missing row is a fault to retry.
  if (!row) throw new Error(`case ${caseId} is not in the case record; cannot allocate it`);
  const matter = await db.conductMatter.findUnique({ where: { caseId } });
  if (row.kind !== 'conduct' || !matter) {
    // The event contradicts the case record (intake writes both in one transaction): nothing to start.
    log.error({ caseId, ref, eventId: event.id, recordKind: row.kind }, 'case.received says conduct but the case record is not a conduct matter; not allocated');
    return;
  }

  const people = await loadChain(db, [matter.raisedById, matter.subjectPersonId]);
  const raisedBy = people.get(matter.raisedById);
  const subjectRow = await db.person.findUnique({ where: { id: matter.subjectPersonId } });
  if (!raisedBy || !subjectRow) throw new PermanentError(`conduct matter ${ref} names a person who is not in the Person table`);
  const subject = { ...subjectRow };

  const view = matter.supervisorView as SupervisorView;
  const triage = triageConductConcern({
    view,
    discussedWithChiefInspector: matter.discussedWithChiefInspector,
    requester: view === 'possible-misconduct' ? asPerson(raisedBy) : undefined,
    openedByPsd: matter.source !== null,
  });
  const source = matter.source !== null ? { source: matter.source as AssessmentSource, ...(matter.sourceDetail ? { sourceDetail: matter.sourceDetail } : {}) } : undefined;
  const local = triage.route === 'local-reflective-practice';
  const chiefInspectorId = chiefInspectorInChain(people, raisedBy.id, [subject.id]);
  if (!chiefInspectorId && (triage.route === 'discuss-with-chief-inspector' || triage.route === 'formal-assessment-refused')) {
    throw new NoCandidateError(`no active officer of chief inspector rank or above in ${raisedBy.id}'s line management to discuss ${ref} with (§3.3.4)`);
  }
  const reviewerId = reflectiveReviewer(subject, raisedBy.id, people);

  // Allocation decided once: PSD's assessor for anything that may reach PSD; the line manager when it stays local.
  const decision = await decideOnce(db, {
    id: `allocation:${caseId}:assessment`,
    caseId,
    action: local ? 'local-handling-chosen' : 'assessor-chosen',
    note: { kind: 'conduct', route: triage.route, basis: triage.basis },
    now: deps.now,
    choose: async () => {
      if (local) {
        return { purpose: 'handling', assigneeId: reviewerId, reason: 'Local reflective practice with the line manager, no PSD contact (§3.3.7)', eventId: event.id };
      }
      const { assignee, reason } = await (deps.workload ?? liveWorkload(db)).choose(POOLS.assessment(false), { subjects: received.subjects });
      return { purpose: 'assessment', assigneeId: assignee.id, reason: `PSD advice and severity assessment: ${reason}`, eventId: event.id };
    },
  });
  // The first active PSD manager stands for the appropriate authority, as for the complaints team.
  const appropriateAuthorityId = local ? null : await (deps.workload ?? liveWorkload(db)).complaintsTeamId(received.subjects);

  const input = buildConductInput(received, {
    raisedBy,
    subject,
    view,
    discussedWithChiefInspector: matter.discussedWithChiefInspector,
    ...(source ? { source } : {}),
    chiefInspectorId,
    psdAssessorId: local ? null : decision.assigneeId,
    appropriateAuthorityId,
    reflectiveReviewerId: reviewerId,
  });
  const started = await startConductWorkflow(deps.temporal, deps.taskQueue, input);
  if (!started.runId) log.warn({ caseId, ref, workflowId: started.workflowId }, 'workflow already closed; not started again');

  await emitCaseAllocated(
    deps.producer,
    deps.caseAllocatedTopic,
    caseAllocatedEvent(
      assessmentAllocatedId(caseId),
      { caseId, ref, purpose: decision.purpose, assigneeId: decision.assigneeId, reason: decision.reason },
      decision.at,
    ),
  );
  log.info(
    { caseId, ref, eventId: event.id, workflowId: started.workflowId, runId: started.runId, route: triage.route, assigneeId: decision.assigneeId, chiefInspectorId },
    'conduct matter allocated',
  );
}
