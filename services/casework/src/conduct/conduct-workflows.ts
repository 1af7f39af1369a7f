// The conduct matter workflows as the intake API sees them: query a matter's state, complete a
// task, request a formal assessment, record the officer's response, lodge an appeal, extend a window,
// record the IOPC's decision on a referred matter. Temporal's
// errors become the same three plain outcomes as for complaints (complaint-workflows.ts): not
// found (404), refused by the workflow's validator (409), unavailable (503).
import {
  completeConductTaskUpdate,
  conductStateQuery,
  conductWorkflowId,
  CONDUCT_PREFIX,
  extendWindowUpdate,
  lodgeAppealUpdate,
  reallocateUpdate,
  recordIopcDecisionUpdate,
  recordOfficerResponseUpdate,
  requestFormalAssessmentUpdate,
  type AppealNotice,
  type CompleteConductTaskRequest,
  type ConductState,
  type ConductTask,
  type FormalAssessmentRequest,
  type IopcDecisionRecord,
  type OfficerResponse,
  type ReallocationRequest,
  type ReallocationResult,
  type WindowExtensionRequest,
} from '@probity/workflows/conduct/contract';
import { closedMatterRefusal } from '@probity/workflows/conduct/task-rules';
import { publicationStateQuery, publicationWorkflowId, withdrawEarlyUpdate, type EarlyWithdrawal, type PublicationState } from '@probity/workflows/publication/contract';
import { caseWorkflowCaller, refusingWhenClosed, type TemporalProvider } from '@probity/shared/temporal/workflow-calls';
import { parseReference } from '@probity/shared/cases/reference';

/** The workflow id of a conduct matter reference; null when the reference is not one. */
export function conductWorkflowIdForRef(ref: string): string | null {
  return parseReference(ref)?.prefix === CONDUCT_PREFIX ? conductWorkflowId(ref) : null;
}

export interface ConductWorkflows {
  state(ref: string): Promise<ConductState>;
  completeTask(ref: string, request: CompleteConductTaskRequest): Promise<ConductTask>;
  requestFormalAssessment(ref: string, request: FormalAssessmentRequest): Promise<ConductState>;
  recordOfficerResponse(ref: string, request: OfficerResponse): Promise<ConductState>;
  lodgeAppeal(ref: string, request: AppealNotice): Promise<ConductState>;
  extendWindow(ref: string, request: WindowExtensionRequest): Promise<ConductState>;
  recordIopcDecision(ref: string, request: IopcDecisionRecord): Promise<ConductState>;
  reallocate(ref: string, request: ReallocationRequest): Promise<ReallocationResult>;
  /** Its published hearing outcome withdrawn before its period ends (the publication workflow's withdrawEarly). */
  withdrawPublication(ref: string, request: EarlyWithdrawal): Promise<PublicationState>;
}

export function conductWorkflows(temporal: TemporalProvider, opts: { queryTimeoutMs?: number; updateTimeoutMs?: number } = {}): ConductWorkflows {
  const queryTimeoutMs = opts.queryTimeoutMs ?? 10_000;
  const updateTimeoutMs = opts.updateTimeoutMs ?? 30_000;

  const call = caseWorkflowCaller(temporal, conductWorkflowIdForRef, 'conduct matter');
  const update = refusingWhenClosed(call, conductStateQuery, closedMatterRefusal);
  const publication = refusingWhenClosed(
    caseWorkflowCaller(temporal, (ref) => (conductWorkflowIdForRef(ref) ? publicationWorkflowId(ref) : null), 'publication'),
    publicationStateQuery,
    (s) => `the outcome of ${s.ref} is already withdrawn`,
  );
  return {
    state: (ref) => call(ref, queryTimeoutMs, (c, id) => c.workflow.getHandle(id).query(conductStateQuery)),
    completeTask: (ref, request) =>
      update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(completeConductTaskUpdate, { args: [request] })),
    requestFormalAssessment: (ref, request) =>
      update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(requestFormalAssessmentUpdate, { args: [request] })),
    recordOfficerResponse: (ref, request) =>
      update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(recordOfficerResponseUpdate, { args: [request] })),
    lodgeAppeal: (ref, request) => update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(lodgeAppealUpdate, { args: [request] })),
    extendWindow: (ref, request) => update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(extendWindowUpdate, { args: [request] })),
    recordIopcDecision: (ref, request) => update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(recordIopcDecisionUpdate, { args: [request] })),
    reallocate: (ref, request) => update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(reallocateUpdate, { args: [request] })),
    withdrawPublication: (ref, request) => publication(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(withdrawEarlyUpdate, { args: [request] })),
  };
}
