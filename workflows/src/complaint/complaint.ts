// A public complaint's whole life (DOMAIN.md "Complaint"): first contact, PSD assessment and
// routing, IOPC referral, allocation, handling with 4-weekly complainant updates and long-running
// reports, outcome, the 28-day review window, closure, retention and disposal.
// Every clock is anchored at the case's own dates (receivedAt, handling start, told-on), never
// at an arbitrary "now", and computed in working days from the holidays given at start.
import { patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '@probity/activities/index';
import {
  HolidayCalendar,
  addCalendarDays,
  deadlineAtEndOf,
  firstContactDue,
  iopcReferralDue,
  isReviewApplicationInTime,
  longRunningReportDue,
  nextUpdateDue,
  outcomeNotificationDue,
  psdAssessmentDue,
  reviewWindowCloses,
  startOfLondonDayMs,
} from '@probity/shared/domain/index';
import { background } from '../casework/background';
import { Casework } from '../casework/casework';
import { conditionUntil, sleepUntil, today } from '../casework/clock';
import {
  assignedSignal,
  completeTaskUpdate,
  reallocateUpdate,
  requestReviewUpdate,
  stateQuery,
  type Assignment,
  type ComplaintInput,
  type ComplaintState,
  type Task,
  type TaskType,
} from './contract';
import { checkActor, checkAssessment, lateReviewRefusal, parsePayload, TaskRefusal, type TaskPayload } from './task-rules';

const { disposePersonalData, recordRouting } = proxyActivities<Activities>({ startToCloseTimeout: '1 minute' });

export async function complaint(input: ComplaintInput): Promise<ComplaintState> {
  const cal = new HolidayCalendar(input.holidays);
  const sla = input.sla;
  const cw = new Casework<TaskType>({ caseId: input.caseId, ref: input.ref, kind: 'complaint', cal, sla });
  cw.state.lead = input.assessorId;

  let handling = input.route.handling;
  let referToIopc = input.route.referToIopc;
  // Set once known; read earlier by the state query, hence `let` with an explicit start value.
  let handlingMode: ComplaintState['handlingMode'] = undefined;
  let handlerId: string | undefined = undefined;
  let assignment: Assignment | undefined;
  let outcome: string | undefined;
  let toldOutcomeOn: string | undefined;
  let reviewWindowClosesOn: string | undefined;
  let reviewRequested = false;
  let reviews = 0;

  const state = (): ComplaintState => ({
    ref: input.ref,
    stage: cw.state.stage,
    handling,
    handlingMode,
    referToIopc,
    division: cw.state.division,
    handlerId,
    slaBreached: cw.state.slaBreached,
    openTasks: cw.state.openTasks,
    completedTasks: cw.state.completedTasks,
    stages: cw.state.stages,
    stalled: cw.state.stalled,
    outcome,
    toldOutcomeOn,
    reviewWindowClosesOn,
    reviews,
  });

  setHandler(stateQuery, state);
  setHandler(assignedSignal, (a) => {
    assignment = a;
  });

  // Completing a task: the kit's update, with the complaint's own rules (§3.2.3 for the assessment).
  cw.handleTaskCompletion(completeTaskUpdate, {
    checkActor,
    parse: parsePayload,
    check: (task, parsed) => {
      if (task.type === 'assessment') checkAssessment(parsed as TaskPayload<'assessment'>, input.route);
    },
  });

  // Reallocation by a manager; nobody in a subject's own team (DOMAIN.md "Conflicts of interest").
  cw.handleReallocation(reallocateUpdate, {
    checkActor,
    conflict: (to) => (input.subjects.some((s) => s.personId === to.id || (s.team !== undefined && s.team === to.team)) ? 'they are a subject or in a subject’s team' : undefined),
  });

  // C&M reg 29: a review may be applied for within 28 days from the day after being told.
  setHandler(
    requestReviewUpdate,
    async (_req) => {
      reviewRequested = true;
      return state();
    },
    {
      validator: (_req) => {
        if (toldOutcomeOn && !isReviewApplicationInTime(toldOutcomeOn, Date.now(), cal, sla)) {
          throw new TaskRefusal(lateReviewRefusal(reviewWindowClosesOn, toldOutcomeOn));
        }
        if (cw.state.stage !== 'review-window') {
          throw new TaskRefusal(`no review can be requested while case ${input.ref} is at stage ${cw.state.stage}`);
        }
        if (reviewRequested) throw new TaskRefusal('a review has already been requested and is being handled');
      },
    },
  );

  const taskDone = async <T extends TaskType>(task: Task & { type: T }) => (await cw.awaitTask(task)) as TaskPayload<T>;

  cw.syncSearchAttributes();

  // ── Resolved at first contact (§3.2.2): closed, complaints team told ──────────────────────
  const closeAsResolvedAtFirstContact = async () => {
    outcome = 'resolved-at-first-contact';
    await cw.moveTo('resolved-at-first-contact', { closed: true });
    await cw.emit('case.outcome', { outcome, resolution: 'resolved-at-first-contact', notify: [{ personId: input.complaintsTeamId }] });
  };

  let resolvedAtFirstContact = input.firstContact?.resolved === true;
  if (!input.firstContact) {
    const due = firstContactDue(input.receivedAt, cal, sla);
    await cw.moveTo('first-contact', { due });
    const result = await taskDone(await cw.openTask('first-contact', input.assessorId, due));
    resolvedAtFirstContact = result.resolved;
  }

  if (resolvedAtFirstContact) {
    await closeAsResolvedAtFirstContact();
    return retain();
  }

  // ── PSD assessment and routing (§3.2.3) ──────────────────────────────────────────────────
  const assessmentDue = psdAssessmentDue(input.receivedAt, cal, sla);
  await cw.moveTo('assessment', { due: assessmentDue });
  const assessment = await taskDone(await cw.openTask('assessment', input.assessorId, assessmentDue));
  handling = assessment.handling;
  handlingMode = assessment.handlingMode;
  referToIopc = assessment.referToIopc;
  // Added after complaints were already running: patched() keeps their histories replayable.
  if (patched('record-routing-on-case')) await recordRouting(input.caseId, handling, referToIopc);

  // ── IOPC referral check (C&M reg 4): by the end of the next working day ──────────────────
  if (referToIopc) {
    const due = iopcReferralDue(Date.now(), cal, sla);
    await cw.moveTo('iopc-referral', { due });
    await taskDone(await cw.openTask('iopc-referral', input.assessorId, due));
  }

  // ── Allocation (§3.2.4): the allocation service chooses and signals back ─────────────────
  await cw.moveTo('allocation');
  await cw.emit('allocation.requested', { workflowId: `complaint-${input.ref}`, mode: assessment.allocateTo, subjects: input.subjects });
  await cw.awaitAssignment(() => assignment !== undefined, { itemType: 'allocation-stalled', managerId: input.complaintsTeamId });
  handlerId = assignment!.assigneeId;
  cw.state.lead = handlerId;
  cw.state.division = assignment!.division;
  await cw.audit('allocation', 'allocated', { assigneeId: handlerId, division: assignment!.division ?? null, reason: assignment!.reason });

  // ── Long-running reports (C&M reg 13): 12 months open, then every 6 months ──────────────
  const reports =
    handlingMode === 'investigation'
      ? cw.longRunningReports({
          taskType: 'long-running-report',
          openedOn: input.receivedAt,
          assignee: () => handlerId!,
          deadline: (due) => deadlineAtEndOf(cal.addWorkingDays(due.dueOn, 10)),
        })
      : undefined;

  // ── Handling, repeated when a review is upheld ───────────────────────────────────────────
  for (;;) {
    const handlingStartedOn = today();
    await cw.moveTo('handling');
    // C&M reg 34: an update within 4 weeks of handling starting, then every 4 weeks.
    const updates = background(async () => {
      for (let n = 1; ; n++) {
        const due = nextUpdateDue(handlingStartedOn, n, cal, sla);
        await sleepUntil(startOfLondonDayMs(addCalendarDays(due.dueOn, -7)));
        const task = await cw.openTask('complainant-update', handlerId!, due, []);
        await cw.emit('case.update-due', { taskId: task.id, taskType: task.type, assigneeId: task.assigneeId, dueAt: task.dueAt, n, notify: [{ personId: handlerId! }] });
      }
    });

    const handlingTask = await cw.openTask('handling', handlerId!, longRunningReportDue(input.receivedAt, 1 + reviews, cal, sla));
    const result = await taskDone(handlingTask);
    updates.cancel();
    for (const t of [...cw.state.openTasks]) if (t.type === 'complainant-update') await cw.withdraw(t, 'handling-finished');
    outcome = result.outcome;

    // ── Outcome to the complainant within 5 working days (C&M reg 34) ──────────────────────
    const outcomeDue = outcomeNotificationDue(Date.now(), cal, sla);
    await cw.moveTo('outcome', { due: outcomeDue });
    await taskDone(await cw.openTask('outcome-notification', handlerId!, outcomeDue));
    toldOutcomeOn = today();
    await cw.emit('case.outcome', { outcome, resolution: reviews === 0 ? 'finalised' : 'review-finalised', notify: [{ complainant: true }] });

    // ── Review window (C&M reg 29) ─────────────────────────────────────────────────────────
    const window = reviewWindowCloses(toldOutcomeOn, cal, sla);
    reviewWindowClosesOn = window.dueOn;
    reviewRequested = false;
    await cw.moveTo('review-window', { due: window });
    await cw.emit('case.review-window', { event: 'opened', closesOn: window.dueOn, notify: [{ complainant: true }] });
    const requested = await conditionUntil(() => reviewRequested, window.dueAtMs);
    if (!requested) break;
    reviews += 1;
    await cw.audit('complainant', 'review-requested', { review: reviews });
    await cw.emit('case.review-window', { event: 'review-accepted', closesOn: window.dueOn, notify: [{ complainant: true }, { personId: handlerId! }] });
    // A review reopens handling.
  }

  reports?.cancel();
  for (const t of [...cw.state.openTasks]) await cw.withdraw(t, 'case-closed');
  await cw.moveTo('closed', { closed: true });
  await cw.emit('case.review-window', { event: 'closed', closesOn: reviewWindowClosesOn!, notify: [{ personId: handlerId! }] });
  return retain();

  // ── Retention (§10.1): the workflow completes; the retention Schedule disposes ─────────
  async function retain(): Promise<ComplaintState> {
    await cw.retain(() => disposePersonalData(input.caseId));
    return state();
  }
}
