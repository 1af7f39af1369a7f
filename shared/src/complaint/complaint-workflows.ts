// The complaint workflows as services see them: query a case's state, complete a task, ask for a
// review. Errors come back as WorkflowNotFound / WorkflowRefused / WorkflowUnavailable.
import {
  completeTaskUpdate,
  complaintWorkflowId,
  reallocateUpdate,
  requestReviewUpdate,
  resumeUpdate,
  stateQuery,
  suspendUpdate,
  withdrawUpdate,
  indicateWithdrawalUpdate,
  withdrawalReplyUpdate,
  type IndicateWithdrawalRequest,
  type WithdrawalReplyRequest,
  type CompleteTaskRequest,
  type ComplaintState,
  type ReallocationRequest,
  type ReallocationResult,
  type ResumeRequest,
  type ReviewRequest,
  type SuspendRequest,
  type Task,
  type WithdrawRequest,
} from '@probity/workflows/complaint/contract';
import { closedComplaintRefusal } from '@probity/workflows/complaint/task-rules';
import { COMPLAINT_PREFIX, parseReference } from '../cases/reference';
import { caseWorkflowCaller, refusingWhenClosed, type TemporalProvider } from '../temporal/workflow-calls';

/** The workflow id of a case reference; null when the reference names no workflow we host. */
export function workflowIdForRef(ref: string): string | null {
  const parsed = parseReference(ref);
  return parsed?.prefix === COMPLAINT_PREFIX ? complaintWorkflowId(ref) : null;
}

export interface ComplaintWorkflows {
  /** The workflow's state query; `timeoutMs` overrides the default deadline. */
  state(ref: string, timeoutMs?: number): Promise<ComplaintState>;
  completeTask(ref: string, request: CompleteTaskRequest): Promise<Task>;
  requestReview(ref: string, request: ReviewRequest): Promise<ComplaintState>;
  reallocate(ref: string, request: ReallocationRequest): Promise<ReallocationResult>;
  /** C&M reg 40: suspend the procedure (the workflow's validator decides who and when). */
  suspend(ref: string, request: SuspendRequest): Promise<ComplaintState>;
  /** C&M regs 40–41: resume it. */
  resume(ref: string, request: ResumeRequest): Promise<ComplaintState>;
  /** C&M reg 38: record the complainant's signed withdrawal (the workflow's validator decides who, when and what). */
  withdraw(ref: string, request: WithdrawRequest): Promise<ComplaintState>;
  /** C&M reg 39(1)–(2): record a wish to withdraw without a signed notification; the letter goes out. */
  indicateWithdrawal(ref: string, request: IndicateWithdrawalRequest): Promise<ComplaintState>;
  /** C&M reg 39(4): record the complainant's reply to that letter. */
  recordWithdrawalReply(ref: string, request: WithdrawalReplyRequest): Promise<ComplaintState>;
}

export function complaintWorkflows(temporal: TemporalProvider, opts: { queryTimeoutMs?: number; updateTimeoutMs?: number } = {}): ComplaintWorkflows {
  const queryTimeoutMs = opts.queryTimeoutMs ?? 10_000;
  const updateTimeoutMs = opts.updateTimeoutMs ?? 30_000;

  const call = caseWorkflowCaller(temporal, workflowIdForRef, 'complaint');
  const update = refusingWhenClosed(call, stateQuery, closedComplaintRefusal);

  return {
    state: (ref, timeoutMs) => call(ref, timeoutMs ?? queryTimeoutMs, (c, id) => c.workflow.getHandle(id).query(stateQuery)),
    completeTask: (ref, request) => update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(completeTaskUpdate, { args: [request] })),
    requestReview: (ref, request) =>
      update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(requestReviewUpdate, { args: [request] })),
    reallocate: (ref, request) => update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(reallocateUpdate, { args: [request] })),
    suspend: (ref, request) => update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(suspendUpdate, { args: [request] })),
    resume: (ref, request) => update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(resumeUpdate, { args: [request] })),
    withdraw: (ref, request) => update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(withdrawUpdate, { args: [request] })),
    indicateWithdrawal: (ref, request) => update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(indicateWithdrawalUpdate, { args: [request] })),
    recordWithdrawalReply: (ref, request) => update(ref, updateTimeoutMs, (c, id) => c.workflow.getHandle(id).executeUpdate(withdrawalReplyUpdate, { args: [request] })),
  };
}
