// The machinery every case workflow shares: stages with timings, human tasks with due dates and
// escalation up the chain, the task-completion update, long-running reports, retention, search
// attributes for ops, and events. Deterministic workflow code.
import type { UpdateDefinition } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  type CancellationScope,
} from '@temporalio/workflow';
import type { Activities } from '@probity/activities/index';
import type { EventTopic } from '@probity/shared/events/schemas';
import type { Recipient } from '@probity/shared/events/schemas';
import {
  deadlineAtEndOf,
  dueOnAfterDeclaredHolidays,
  escalationStep,
  longRunningReportDue,
  resumedDueOn,
  toLondonDate,
  workingDaysSuspended,
  type IsoDate,
  retentionEndsOn,
  startOfLondonDayMs,
  type Anchor,
  type Deadline,
  type HolidayCalendar,
  type HolidayEvent,
  type SlaPolicy,
} from '@probity/shared/domain/index';
import { AssignedTo, CaseKind, CaseRef, Division, NextDeadline, SlaBreached, Stage } from '@probity/shared/temporal/search-attributes';
import type { Actor } from '@probity/shared/auth';
import type { Alert } from '@probity/shared/events/schemas';
import { background, swallowCancellation } from './background';
import { nowIso, sleepUntil, today } from './clock';
import type { StallEntry } from './contract';
import { checkReallocator, checkReason, type ReallocationRequest, type ReallocationResult } from './reallocation';
import { Stalls } from './stall';
import { TaskRefusal } from './task-rules';
import type { CaseTask, StageEntry } from './types';

export { TaskRefusal };

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export interface CaseBasics {
  caseId: string;
  ref: string;
  kind: 'complaint' | 'conduct';
  cal: HolidayCalendar;
  sla: SlaPolicy;
}

export interface CaseworkState<TType extends string = string> {
  stage: string;
  stages: StageEntry[];
  openTasks: CaseTask<TType>[];
  completedTasks: CaseTask<TType>[];
  slaBreached: boolean;
  /** Who is principally responsible now (assessor, then handler). */
  lead?: string;
  division?: string;
  /** What the case is waiting on that people must fix (empty when it is not stalled). */
  stalled: StallEntry[];
  /** Deadlines past the end of the bank holiday data (weekends only counted), as alerted. */
  calendarWarnings?: { taskId: string; dueOn: IsoDate; reason: string }[];
}

export interface TaskResult {
  task: CaseTask;
  payload: unknown;
}

/** What a case's completeTask update carries. */
export interface TaskCompletion {
  taskId: string;
  actor: Actor;
  /** Shape depends on the task type; validated by the workflow's update validator. */
  payload?: unknown;
}

/** Who may be given work on one kind of case (see Casework.handleReallocation). */
export interface ReallocationRules<TType extends string> {
  /** Who may complete the task (throws TaskRefusal): the new assignee must be able to. */
  checkActor(task: CaseTask<TType>, actor: Actor): void;
  /** Conflicts of interest: why `to` may not work on this case, if they may not. */
  conflict?(to: Actor): string | undefined;
}

/** How one kind of case reads and checks its task completions (see Casework.handleTaskCompletion). */
export interface TaskCompletionRules<TType extends string> {
  /** Who may complete the task (throws TaskRefusal). */
  checkActor(task: CaseTask<TType>, actor: Actor): void;
  /** The payload for the task's type, parsed (throws TaskRefusal naming each bad field). */
  parse(type: TType, payload: unknown): unknown;
  /** Rules of the case beyond the payload's shape (throws TaskRefusal). */
  check?(task: CaseTask<TType>, parsed: unknown, actor: Actor): void;
  /** Checks in the handler that need the world (an activity); undefined when there are none. */
  beforeComplete?(task: CaseTask<TType>, parsed: unknown): Promise<void> | undefined;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Patch: a case workflow completes when its case closes, and the daily retention Schedule
 * (workflows/src/retention) disposes of the personal data when retention ends (§10.1). Cases
 * closed under the code before it sleep through retention in their own workflow, as they did.
 */
export const COMPLETE_AT_CLOSURE = 'complete-at-closure';

/**
 * Patch: waiting for the allocation service has a deadline (SlaPolicy.allocation, default 4
 * hours); past it the case shows as stalled and the PSD manager has an inbox task, until the
 * assignment arrives. Histories from before it wait without a deadline, as they did.
 */
export const ALLOCATION_DEADLINE = 'allocation-deadline';

/**
 * Patch: an escalation's task count, breach, audit entry and event went from four activities to one, so
 * a deadline storm costs one activity per escalation (issue 12's storm benchmark). Histories from
 * before it keep the four calls.
 */
export const ESCALATION_IN_ONE_ACTIVITY = 'escalation-in-one-activity';

/**
 * Patch: a task due past the end of the bank holiday data alerts ops and the PSD managers once
 * per case (probity.alert 'calendar-beyond-coverage') and is listed in the state's
 * calendarWarnings, instead of silently counting weekends only.
 */
export const CALENDAR_COVERAGE_ALERT = 'calendar-coverage-alert';

export const DEFAULT_ALLOCATION_STALLED_AFTER_HOURS = 4;
const HOUR_MS = 3600 * 1000;

export class Casework<TType extends string = string> {
  readonly state: CaseworkState<TType>;
  /** What cannot go on until people fix it; its retryStalled signal handler is registered here. */
  readonly stalls: Stalls;
  private seq = 0;
  private readonly results = new Map<string, unknown>();
  /** Whole-case reallocations: work that would go to the key goes to the value. Empty unless reallocated. */
  private readonly reallocatedTo = new Map<string, string>();
  private readonly workflowId = workflowInfo().workflowId;
  /** Suspension (C&M reg 40): which task types' deadlines pause, since when, and each paused task's moved due date. */
  private pauses: (type: TType) => boolean = () => false;
  private suspendedSince: IsoDate | undefined;
  private pauseEpoch = 0;
  private readonly movedDueOn = new Map<string, IsoDate>();
  /** Bumped when holidays are declared to the running case: deadline watches restart from moved due dates. */
  private calendarEpoch = 0;

  constructor(readonly basics: CaseBasics) {
    this.stalls = new Stalls({
      stalled: (e) => this.tellStalled(e),
      resumed: (e) => this.tellResumed(e),
    });
    this.state = { stage: 'received', stages: [], openTasks: [], completedTasks: [], slaBreached: false, stalled: this.stalls.active };
  }

  /** A deterministic id for the next event or task of this workflow. */
  nextId(kind: string): string {
    this.seq += 1;
    return `${this.workflowId}:${kind}:${this.seq}`;
  }

  async emit(topic: EventTopic, data: Record<string, unknown>): Promise<void> {
    await acts.emit({ topic, id: this.nextId(topic), subject: this.basics.caseId, data: { caseId: this.basics.caseId, ref: this.basics.ref, ...data }, at: nowIso() });
  }

  async audit(actorId: string, action: string, detail: Record<string, unknown> = {}): Promise<void> {
    await acts.audit({ id: this.nextId('audit'), caseId: this.basics.caseId, at: nowIso(), actorId, action, detail });
  }

  /** Moves to a stage: timing row, case record, search attributes, audit and event. */
  async moveTo(stage: string, opts: { due?: Deadline; closed?: boolean } = {}): Promise<void> {
    const from = this.state.stage;
    const at = nowIso();
    const entry: StageEntry = { stage, enteredAt: at, ...(opts.due ? { dueAt: opts.due.dueAt } : {}) };
    this.state.stage = stage;
    this.state.stages.push(entry);
    this.syncSearchAttributes();
    await acts.recordStage({ caseId: this.basics.caseId, stage, at, dueAt: entry.dueAt, closed: opts.closed });
    await this.audit('system', 'stage-changed', { from, to: stage });
    await this.emit('case.stage-changed', { kind: this.basics.kind, from, to: stage, at, ...(entry.dueAt ? { dueAt: entry.dueAt } : {}) });
  }

  /** Opens a human task, tells the assignee, and watches its deadline (escalating on breach). */
  async openTask<T extends TType>(type: T, intendedFor: string, due: Deadline, notify?: Recipient[]): Promise<CaseTask<T>> {
    const assigneeId = this.currentHolder(intendedFor);
    notify ??= [{ personId: assigneeId }];
    const managerId = await this.stalls.until(() => acts.managerOf(assigneeId));
    const task: CaseTask<T> = {
      id: `${this.basics.ref}-${type}-${this.seq + 1}`,
      type,
      assigneeId,
      managerId,
      createdAt: nowIso(),
      dueAt: due.dueAt,
      escalations: 0,
    };
    this.seq += 1;
    this.state.openTasks.push(task);
    this.syncSearchAttributes();
    await acts.openTask({ id: task.id, caseId: this.basics.caseId, caseRef: this.basics.ref, workflowId: this.workflowId, type, assigneeId, dueAt: task.dueAt, createdAt: task.createdAt });
    await this.emit('case.task-assigned', { taskId: task.id, taskType: type, assigneeId, dueAt: task.dueAt, notify });
    await this.warnIfBeyondCalendar(task);
    // Ends quietly when its scope is cancelled (a withdrawn complaint's handling, C&M reg 38).
    void this.watchDeadline(task, due).catch(swallowCancellation);
    return task;
  }

  /** A due date past the holiday data: alerted once per case (patched), listed on the state every time. */
  private async warnIfBeyondCalendar(task: CaseTask<TType>): Promise<void> {
    const dueOn = toLondonDate(task.dueAt);
    const reason = this.basics.cal.beyondCoverage(dueOn);
    if (!reason || !patched(CALENDAR_COVERAGE_ALERT)) return;
    const first = !this.state.calendarWarnings?.length;
    (this.state.calendarWarnings ??= []).push({ taskId: task.id, dueOn, reason });
    if (!first) return;
    await this.audit('system', 'calendar-beyond-coverage', { taskId: task.id, dueOn, reason });
    await this.alert({
      kind: 'calendar-beyond-coverage',
      summary: `${this.what()} ${this.basics.ref}: task ${task.id} is due ${dueOn}, but ${reason}`,
      notifyRoles: ['ops', 'psd-manager'],
      detail: { taskId: task.id, dueOn, coverageEnds: this.basics.cal.coverage?.to ?? null },
    });
  }

  /**
   * Bank holidays declared while the case runs (a one-off proclaimed by government): they come in
   * by an update, so replay sees them at the same point. Deadlines computed from now on count
   * them; each open task whose deadline is counted in working days (`countsWorkingDays`) moves on
   * by a working day per declared holiday it spans, and its escalation watch restarts from there.
   * Returns the tasks whose due date moved.
   */
  async declareHolidays(events: readonly HolidayEvent[], countsWorkingDays: (type: TType) => boolean): Promise<CaseTask<TType>[]> {
    const fresh = events.filter((e) => !this.basics.cal.isHoliday(e.date));
    if (!fresh.length) return [];
    this.basics.cal = this.basics.cal.withHolidays(fresh);
    const moved: CaseTask<TType>[] = [];
    for (const task of this.state.openTasks.filter((t) => countsWorkingDays(t.type))) {
      const dueOn = this.movedDueOn.get(task.id) ?? toLondonDate(task.dueAt);
      const next = dueOnAfterDeclaredHolidays(toLondonDate(task.createdAt), dueOn, fresh.map((e) => e.date), this.basics.cal);
      if (next === dueOn) continue;
      this.movedDueOn.set(task.id, next);
      task.dueAt = deadlineAtEndOf(next).dueAt;
      await acts.rescheduleTask(task.id, task.dueAt);
      moved.push(task);
    }
    this.calendarEpoch += 1;
    this.syncSearchAttributes();
    return moved;
  }

  /** Who holds work meant for a person now: them, or whoever their work on this case was reallocated to. */
  currentHolder(personId: string): string {
    let holder = personId;
    for (let hops = 0; this.reallocatedTo.has(holder) && hops < 20; hops++) holder = this.reallocatedTo.get(holder)!;
    return holder;
  }

  /**
   * Registers the case's reallocate update: one open task, or the whole case (the lead's open
   * tasks and every task the lead would be given from now on) to another person. The validator
   * refuses the wrong person, a closed or unknown task, someone who may not do the work (PSD-only
   * tasks) or who is conflicted; the handler moves the work and tells the new assignee
   * (case.task-assigned), so the inbox and the notifications follow.
   */
  handleReallocation(update: UpdateDefinition<ReallocationResult, [ReallocationRequest]>, rules: ReallocationRules<TType>): void {
    setHandler(
      update,
      async ({ actor, to, taskId, reason }) => {
        if (taskId) {
          const task = this.findOpenTask(taskId)!;
          await this.reassign(task, to.id, actor.id, reason);
          return { taskIds: [task.id], lead: this.state.lead };
        }
        const from = this.state.lead!;
        this.reallocatedTo.set(from, to.id);
        this.state.lead = to.id;
        const moving = this.state.openTasks.filter((t) => t.assigneeId === from);
        for (const task of moving) await this.reassign(task, to.id, actor.id, reason);
        this.syncSearchAttributes();
        await this.audit(actor.id, 'case-reallocated', { from, to: to.id, reason, tasks: moving.map((t) => t.id) });
        return { taskIds: moving.map((t) => t.id), lead: to.id };
      },
      {
        validator: ({ actor, to, taskId, reason }) => {
          const task = taskId ? this.requireOpenTask(taskId) : undefined;
          checkReallocator(actor, task);
          checkReason(reason);
          const conflict = rules.conflict?.(to);
          if (conflict) throw new TaskRefusal(`${to.id} may not work on ${this.basics.ref}: ${conflict}`);
          const from = task ? task.assigneeId : this.state.lead;
          if (!from) throw new TaskRefusal(`${this.basics.ref} has no lead to reallocate from yet`);
          if (to.id === from) throw new TaskRefusal(`${task ? `task ${task.id}` : this.basics.ref} is already with ${to.id}`);
          const moving = task ? [task] : this.state.openTasks.filter((t) => t.assigneeId === from);
          if (!task && !moving.length && ['closed', 'retained', 'disposed'].includes(this.state.stage)) {
            throw new TaskRefusal(`${this.basics.ref} is ${this.state.stage}: there is no work to reallocate`);
          }
          // The new assignee must be able to complete what they are given (e.g. PSD-only tasks).
          for (const t of moving) rules.checkActor({ ...t, assigneeId: to.id, managerId: null }, to);
        },
      },
    );
  }

  /** Gives an open task to another person (e.g. to the handler once the case is allocated), telling them. */
  async handOver(task: CaseTask<TType>, toId: string, reason: string): Promise<void> {
    if (task.completedAt !== undefined || task.assigneeId === toId) return;
    await this.reassign(task, toId, 'system', reason);
  }

  /** Moves one open task to another person: their manager becomes the escalation point. */
  private async reassign(task: CaseTask<TType>, toId: string, byId: string, reason: string): Promise<void> {
    const from = task.assigneeId;
    task.assigneeId = toId;
    task.managerId = await this.stalls.until(() => acts.managerOf(toId));
    await acts.reassignTask(task.id, toId);
    await this.emit('case.task-assigned', { taskId: task.id, taskType: task.type, assigneeId: toId, dueAt: task.dueAt, notify: [{ personId: toId }] });
    await this.audit(byId, 'task-reallocated', { taskId: task.id, from, to: toId, reason });
  }

  /** The task types whose deadlines pause while the case is suspended. */
  pauseWhileSuspended(pauses: (type: TType) => boolean): void {
    this.pauses = pauses;
  }

  private isPaused(task: CaseTask<TType>): boolean {
    return this.suspendedSince !== undefined && this.pauses(task.type);
  }

  /** The case is suspended from `on`: the paused tasks' deadlines stop (no breach, no escalation). */
  suspend(on: IsoDate): void {
    this.suspendedSince = on;
    this.pauseEpoch += 1;
  }

  /**
   * The case resumes on `on`: each open paused task's due date moves on by the working days it was
   * suspended (counted from the day after it was opened), and its escalations run from there.
   * Returns the tasks whose due date moved.
   */
  async resume(on: IsoDate): Promise<CaseTask<TType>[]> {
    const since = this.suspendedSince;
    this.suspendedSince = undefined;
    const moved: CaseTask<TType>[] = [];
    if (since !== undefined) {
      for (const task of this.state.openTasks.filter((t) => this.pauses(t.type))) {
        const days = workingDaysSuspended(toLondonDate(task.createdAt), on, [{ from: since }], this.basics.cal);
        if (days <= 0) continue;
        const dueOn = resumedDueOn(this.movedDueOn.get(task.id) ?? toLondonDate(task.dueAt), days, this.basics.cal);
        this.movedDueOn.set(task.id, dueOn);
        task.dueAt = deadlineAtEndOf(dueOn).dueAt;
        await acts.rescheduleTask(task.id, task.dueAt);
        moved.push(task);
      }
    }
    this.pauseEpoch += 1;
    this.syncSearchAttributes();
    return moved;
  }

  /** Waits for a task to be completed (through the completeTask update) and returns its payload. */
  async awaitTask(task: CaseTask): Promise<unknown> {
    await condition(() => task.completedAt !== undefined);
    return this.results.get(task.id);
  }

  findOpenTask(taskId: string): CaseTask<TType> | undefined {
    return this.state.openTasks.find((t) => t.id === taskId);
  }

  findCompletedTask(taskId: string): CaseTask<TType> | undefined {
    return this.state.completedTasks.find((t) => t.id === taskId);
  }

  /** The open task with this id, or a TaskRefusal saying why it cannot be completed now. */
  requireOpenTask(taskId: string): CaseTask<TType> {
    const task = this.findOpenTask(taskId);
    if (task) return task;
    const done = this.findCompletedTask(taskId);
    const what = this.basics.kind === 'complaint' ? 'case' : 'matter';
    throw new TaskRefusal(
      done
        ? `task ${taskId} is already closed (${done.completedBy} at ${done.completedAt})`
        : `${what} ${this.basics.ref} has no open task ${taskId}; it is at stage ${this.state.stage} with open tasks: ${this.state.openTasks.map((t) => t.id).join(', ') || 'none'}`,
    );
  }

  /**
   * Registers the case's completeTask update: the validator refuses a closed or unknown task, the
   * wrong person, a bad payload or a broken rule of the case, saying which (the person sees it as
   * a 409); the handler records the completion, which wakes whoever awaits the task.
   */
  handleTaskCompletion(update: UpdateDefinition<CaseTask<TType>, [TaskCompletion]>, rules: TaskCompletionRules<TType>): void {
    setHandler(
      update,
      async ({ taskId, actor, payload }) => {
        const task = this.findOpenTask(taskId)!;
        const parsed = rules.parse(task.type, payload);
        // Only awaited when there is something to wait for, so the usual completion takes no extra turn.
        const pending = rules.beforeComplete?.(task, parsed);
        if (pending) await pending;
        return this.complete(task, actor, parsed);
      },
      {
        validator: ({ taskId, actor, payload }) => {
          const task = this.requireOpenTask(taskId);
          rules.checkActor(task, actor);
          const parsed = rules.parse(task.type, payload);
          rules.check?.(task, parsed, actor);
        },
      },
    );
  }

  /** Records a completion accepted by an update validator. */
  async complete(task: CaseTask<TType>, actor: Actor, payload: unknown): Promise<CaseTask<TType>> {
    this.closeTask(task, actor.id, payload);
    await acts.closeTask(task.id, task.completedAt!, actor.id);
    await this.audit(actor.id, `task-completed:${task.type}`, { taskId: task.id });
    return task;
  }

  /** Withdraws a task that the case no longer needs (e.g. update reminders once handling ends). */
  async withdraw(task: CaseTask<TType>, reason: string): Promise<void> {
    if (task.completedAt) return;
    this.closeTask(task, `system:${reason}`, undefined);
    await acts.closeTask(task.id, task.completedAt!, `system:${reason}`);
  }

  private closeTask(task: CaseTask<TType>, by: string, payload: unknown) {
    task.completedAt = nowIso();
    task.completedBy = by;
    this.results.set(task.id, payload);
    this.state.openTasks = this.state.openTasks.filter((t) => t.id !== task.id);
    this.state.completedTasks.push(task);
    this.syncSearchAttributes();
  }

  /**
   * Escalation per the SLA policy's chain: at the end of the due day the assignee's manager is
   * told (case.sla-breached); each further interval it goes up the chain (case.escalated), until
   * the task is done or the chain is exhausted.
   */
  private async watchDeadline(task: CaseTask<TType>, due: Deadline): Promise<void> {
    const { sla } = this.basics;
    // The calendar is read at each step: holidays declared while the task is open count.
    for (let k = 0; k < sla.escalation.chain.length; k++) {
      // Without a suspension this is one wait per step, as every case always had; a suspension
      // (a new update, so only in new histories) wakes the wait, holds it while paused and
      // restarts it from the moved due date.
      let step = escalationStep(due.dueOn, k, this.basics.cal, sla);
      for (;;) {
        if (this.isPaused(task)) {
          await condition(() => task.completedAt !== undefined || !this.isPaused(task));
          if (task.completedAt !== undefined) return;
        }
        const epoch = this.pauseEpoch;
        const calendarEpoch = this.calendarEpoch;
        step = escalationStep(this.movedDueOn.get(task.id) ?? due.dueOn, k, this.basics.cal, sla);
        const woke = await condition(
          () => task.completedAt !== undefined || (this.pauses(task.type) && this.pauseEpoch !== epoch) || this.calendarEpoch !== calendarEpoch,
          Math.max(step.at.dueAtMs - Date.now(), 1),
        );
        if (!woke) break;
        if (task.completedAt !== undefined) return;
      }
      task.escalations = k + 1;
      const first = !this.state.slaBreached;
      this.state.slaBreached = true;
      this.syncSearchAttributes();
      const to = step.recipient === 'manager' ? (task.managerId ?? (await this.headOfPsd())) : await this.headOfPsd();
      const topic = k === 0 ? 'case.sla-breached' : 'case.escalated';
      const data = { taskId: task.id, taskType: task.type, assigneeId: task.assigneeId, dueAt: task.dueAt, level: k + 1, notify: [{ personId: to }] };
      const detail = { taskId: task.id, level: k + 1, to };
      if (patched(ESCALATION_IN_ONE_ACTIVITY)) {
        await this.escalate({ taskId: task.id, escalations: task.escalations, first, topic, data, action: k === 0 ? 'sla-breached' : 'escalated', detail });
        continue;
      }
      await acts.recordEscalation(task.id, task.escalations);
      if (first) await acts.recordBreach(this.basics.caseId, this.state.stage, nowIso());
      await this.emit(topic, data);
      await this.audit('system', k === 0 ? 'sla-breached' : 'escalated', detail);
    }
  }

  /** One escalation's record, audit and event in a single activity (ESCALATION_IN_ONE_ACTIVITY). */
  private async escalate(e: {
    taskId: string; escalations: number; first: boolean; topic: EventTopic; data: Record<string, unknown>; action: string; detail: Record<string, unknown>;
  }): Promise<void> {
    const { taskId, escalations, first, topic, data, action, detail } = e;
    const { caseId, ref } = this.basics;
    const at = nowIso();
    await acts.escalate({
      taskId,
      escalations,
      ...(first && { breach: { caseId, stage: this.state.stage, at } }),
      // Ids in the order the separate calls drew them: the event's, then the audit entry's.
      event: { topic, id: this.nextId(topic), subject: caseId, data: { caseId, ref, ...data }, at },
      audit: { id: this.nextId('audit'), caseId, at, actorId: 'system', action, detail },
    });
  }

  /**
   * C&M reg 13 / Conduct reg 19: while the case is open, a report to the local policing body is
   * due 12 months after `openedOn`, then every 6 months. Each one is a task for `assignee()` (read
   * when it falls due), due by `deadline(reportDue)`, announced with case.report-due. Cancel the
   * returned scope when the case no longer needs them.
   */
  longRunningReports(opts: {
    taskType: TType;
    openedOn: Anchor;
    assignee: () => string;
    deadline: (reportDue: Deadline) => Deadline;
    /** Called with n once the n-th report's task is open. */
    onOpened?: (n: number) => void;
  }): CancellationScope {
    return background(async () => {
      for (let n = 1; ; n++) {
        const reportDue = longRunningReportDue(opts.openedOn, n, this.basics.cal, this.basics.sla);
        await sleepUntil(startOfLondonDayMs(reportDue.dueOn));
        const monthsOpen = 12 + 6 * (n - 1);
        const to = opts.assignee();
        const task = await this.openTask(opts.taskType, to, opts.deadline(reportDue), []);
        opts.onOpened?.(n);
        await this.emit('case.report-due', {
          taskId: task.id, taskType: task.type, assigneeId: task.assigneeId, dueAt: task.dueAt, n, monthsOpen, notify: [{ personId: to }],
        });
      }
    });
  }

  /**
   * §10.1: a closed case is kept for the retention period (from the day it closed), then its
   * personal data is disposed of. The case moves to 'retained' and its workflow completes; the
   * retention Schedule disposes of it when the period ends. Histories from before that change
   * sleep through the period here and then call `dispose` themselves.
   */
  async retain(dispose: () => Promise<void>): Promise<void> {
    const endsOn = retentionEndsOn(Date.now(), this.basics.cal, this.basics.sla);
    await this.moveTo('retained');
    if (patched(COMPLETE_AT_CLOSURE)) {
      // Nothing is left to do here; let an update that is still running answer first.
      await condition(allHandlersFinished);
      return;
    }
    await sleepUntil(startOfLondonDayMs(endsOn) + DAY_MS);
    await dispose();
    await this.moveTo('disposed');
  }

  /** The head of PSD (escalations, appeal chairs); stalls until one is configured. */
  headOfPsd(): Promise<string> {
    return this.stalls.until(() => acts.headOfPsd());
  }

  /**
   * Waits for the allocation service's assignment (`assigned()` turns true when its signal has
   * come). Past the deadline the case is stalled: the PSD manager gets an inbox task (and its
   * email), ops an alert, the search attribute Stalled is set — and all of it clears when the
   * assignment arrives.
   */
  async awaitAssignment(assigned: () => boolean, opts: { itemType: TType; managerId: string }): Promise<void> {
    if (!patched(ALLOCATION_DEADLINE)) {
      await condition(assigned);
      return;
    }
    const hours = this.basics.sla.allocation?.stalledAfterHours ?? DEFAULT_ALLOCATION_STALLED_AFTER_HOURS;
    if (await condition(assigned, hours * HOUR_MS)) return;
    const entry = this.stalls.mark('allocation', `no assignment from the allocation service within ${hours} hours of asking`);
    const item = await this.openTask(opts.itemType, opts.managerId, deadlineAtEndOf(this.basics.cal.addWorkingDays(today(), 1)));
    await this.audit('system', 'stalled', { kind: entry.kind, reason: entry.reason, taskId: item.id });
    await this.alert({ kind: 'allocation-stalled', summary: `${this.what()} ${this.basics.ref} has waited ${hours} hours for the allocation service`, notifyRoles: ['ops'], detail: { stage: this.state.stage, since: entry.since } });
    await condition(assigned);
    await this.withdraw(item, 'assigned');
    this.stalls.unmark(entry);
    await this.tellResumed(entry);
  }

  /** Raises an alert about this case (probity.alert: the notification service tells the roles named). */
  async alert(a: Pick<Alert, 'kind' | 'summary' | 'notifyRoles' | 'notify' | 'detail'>): Promise<void> {
    await this.emit('probity.alert', { workflowId: this.workflowId, ...a });
  }

  private what(): string {
    return this.basics.kind === 'complaint' ? 'complaint' : 'conduct matter';
  }

  private async tellStalled(entry: StallEntry): Promise<void> {
    await this.audit('system', 'stalled', { kind: entry.kind, reason: entry.reason });
    await this.alert({
      kind: 'cannot-proceed',
      summary: `${this.what()} ${this.basics.ref} cannot proceed at stage ${this.state.stage}: ${entry.reason}`,
      notifyRoles: ['psd-manager', 'ops'],
      detail: { stage: this.state.stage, since: entry.since },
    });
  }

  private async tellResumed(entry: StallEntry): Promise<void> {
    await this.audit('system', 'resumed', { kind: entry.kind });
    await this.alert({ kind: 'resumed', summary: `${this.what()} ${this.basics.ref} is going again (${entry.kind}: ${entry.reason})`, notifyRoles: ['ops'], detail: { stage: this.state.stage, since: entry.since } });
  }

  syncSearchAttributes(): void {
    const next = this.state.openTasks.map((t) => t.dueAt).sort()[0];
    upsertSearchAttributes([
      { key: CaseRef, value: this.basics.ref },
      { key: CaseKind, value: this.basics.kind },
      { key: Stage, value: this.state.stage },
      { key: SlaBreached, value: this.state.slaBreached },
      { key: NextDeadline, value: next ? new Date(next) : null },
      { key: AssignedTo, value: this.state.lead ?? null },
      { key: Division, value: this.state.division ?? null },
    ]);
  }
}
