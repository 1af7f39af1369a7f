// A public complaint's whole life (DOMAIN.md "Complaint"): first contact, PSD assessment and
// routing, IOPC referral, allocation, handling with 4-weekly complainant updates and long-running
// reports, outcome, the 28-day review window, closure, retention and disposal.
// Every clock is anchored at the case's own dates (receivedAt, handling start, told-on), never
// at an arbitrary "now", and computed in working days from the holidays given at start.
// The law's rules (DOMAIN.md "Access, conflicts and the complaint's route") are in the update
// validators (record-rules.ts): first contact and outside-Schedule-3 handling only where the law
// allows it, nobody on a case about themselves or their team, restricted cases, a review decided
// by the relevant review body, suspension pausing the clocks; the record the IOPC counts is
// written as the case goes (allegation coding, Schedule 3 grounds, outcomes per allegation).
import { CancellationScope, condition, isCancellation, patched, proxyActivities, setHandler } from '@temporalio/workflow';
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
  mayWorkOnCase,
  outcomeNotificationDue,
  pausesWhileSuspended,
  psdAssessmentDue,
  restrictionOf,
  reviewDecisionDue,
  reviewReopensHandling,
  reviewWindowCloses,
  startOfLondonDayMs,
  forceOwesLongRunningReports,
  lateComplaint,
  appropriateAuthorityOf,
  toLondonDate,
  withdrawalDuties,
  unsignedWithdrawalReplyBy,
  NOT_WITHDRAWABLE_STAGES,
  type Anchor,
  type ComplaintRoute,
  type IopcModeDecision,
  type UnsignedWithdrawal,
} from '@probity/shared/domain/index';
import { background } from '../casework/background';
import { Casework } from '../casework/casework';
import { conditionUntil, nowIso, sleepUntil, today } from '../casework/clock';
import {
  assignedSignal,
  completeTaskUpdate,
  reallocateUpdate,
  requestReviewUpdate,
  resumeUpdate,
  stateQuery,
  suspendUpdate,
  declareHolidaysUpdate,
  withdrawUpdate,
  indicateWithdrawalUpdate,
  withdrawalReplyUpdate,
  type Assignment,
  type ComplaintInput,
  type ComplaintState,
  type Task,
  type TaskType,
} from './contract';
import { checkActor, checkAssessment, lateReviewRefusal, parsePayload, TaskRefusal, type TaskPayload } from './task-rules';
import {
  checkAllegationOutcomes,
  checkAssessmentLaw,
  checkFirstContactResolution,
  checkNoConflict,
  checkNotSuspended,
  checkRestrictedWorker,
  checkResume,
  checkReviewer,
  checkReviewRecommendations,
  checkSuspend,
  frontLineResolutionRefusal,
  parseSuspensionReason,
  restrictedAsAssessed,
  reviewBodyOf,
  routeAfterDissatisfaction,
  routeAsAssessed,
  schedule3ReasonsAsDecided,
} from './record-rules';
import { REGULATIONS_IOPC_INVESTIGATES, investigatedForTheIopc, REGULATIONS_IOPC_MODE, REGULATIONS_REFERRAL_ANCHOR, REGULATIONS_UNSIGNED_WITHDRAWAL, REGULATIONS_UPDATES, REGULATIONS_WITHDRAWAL, checkChiefOfficerReferral, checkWithdrawalIndication, checkWithdrawalReply, parseWithdrawalIndication, parseWithdrawalReply, checkDeclaredHolidays, checkWithdrawal, countsWorkingDays, parseDeclaredHolidays, parseWithdrawal, checkDelayWeighed, checkLongRunningReport, checkUpdateMethod, handlingModeAfterIopc, referableOnItsFace } from './regulation-rules';
import { ComplainantUpdates } from './updates';

/** patched(): an upheld review, or dissatisfaction after initial handling, goes to a fresh assessment and allocation. */
const FRESH_ASSESSMENT = 'review-upheld-fresh-assessment';

const {
  chooseReviewer,
  closeSuspension,
  disposePersonalData,
  openReview,
  openSuspension,
  recordAllegationOutcomes,
  recordAssessment,
  recordIopcDecision,
  recordMovedUnderSchedule3,
  recordReviewDecision,
  recordRouting,
} = proxyActivities<Activities>({ startToCloseTimeout: '1 minute' });

export async function complaint(input: ComplaintInput): Promise<ComplaintState> {
  // Replaced (never changed in place) when holidays are declared to the running case.
  let cal = new HolidayCalendar(input.holidays);
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
  const allegationIds = input.allegations.map((a) => a.id);
  // The route as it stands: allocation's first look, then the assessment's, then any move under Sch 3.
  let route: ComplaintRoute = input.route;
  let restricted = restrictionOf(input.allegations as Parameters<typeof restrictionOf>[0]).restricted;
  let suspended: ComplaintState['suspended'] = undefined;
  const suspensions: NonNullable<ComplaintState['suspensions']> = [];
  let review: ComplaintState['review'] = undefined;
  // Made over 12 months after the incident: flagged for the handling decision (from the input; no command).
  const late = lateComplaint(input.incidentOn, input.receivedAt);
  // About the chief officer: the local policing body is the appropriate authority (PRA 2002 s.29).
  const authority = appropriateAuthorityOf(input.subjects.map((s) => s.rank));
  // The IOPC's mode decision, once a referral is made (read by the withdrawal's duties too).
  let iopcDecision: IopcModeDecision | undefined;
  // Withdrawn by the complainant (C&M reg 38): the handling below runs in this scope, cancelled then.
  let withdrawal: ComplaintState['withdrawal'] = undefined;
  let withdrawalRecorded = false;
  // Indicated without a signed notification (C&M reg 39): the letter and its reply, replaced by a later one.
  let withdrawalIndication: UnsignedWithdrawal | undefined = undefined;
  const handlingScope = new CancellationScope();

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
    restricted,
    schedule3Reasons: schedule3ReasonsAsDecided(route, handling).map((r) => r.code),
    suspended,
    suspensions,
    review,
    ...(late && { lateComplaint: late }),
    ...(authority === 'local-policing-body' && { appropriateAuthority: authority }),
    ...(withdrawal && { withdrawal }),
    ...(withdrawalIndication && { withdrawalIndication }),
    ...(cw.state.calendarWarnings?.length && { calendarWarnings: cw.state.calendarWarnings }),
  });

  setHandler(stateQuery, state);
  setHandler(assignedSignal, (a) => {
    assignment = a;
  });

  // Completing a task: the kit's update, with the complaint's own rules (record-rules.ts).
  cw.handleTaskCompletion(completeTaskUpdate, {
    checkActor: (task, actor) => checkActor(task, actor, authority),
    parse: parsePayload,
    check: (task, parsed, actor) => {
      checkNoConflict(actor, input.subjects, task.type);
      checkRestrictedWorker(actor, restricted, task.assigneeId);
      checkNotSuspended(task.type, suspended);
      switch (task.type) {
        case 'first-contact':
          checkFirstContactResolution((parsed as TaskPayload<'first-contact'>).resolved, route);
          break;
        case 'assessment': {
          const a = parsed as TaskPayload<'assessment'>;
          const assessed = routeAsAssessed(route, allegationIds, a);
          checkAssessmentLaw(a, assessed, restricted || restrictedAsAssessed(a.allegations));
          checkAssessment(a, assessed);
          checkDelayWeighed(a, late);
          checkChiefOfficerReferral(input.subjects, a);
          break;
        }
        case 'handling':
          checkAllegationOutcomes((parsed as TaskPayload<'handling'>).allegationOutcomes, { allegationIds, investigated: handlingMode === 'investigation' });
          break;
        case 'iopc-outcome':
          checkAllegationOutcomes((parsed as TaskPayload<'iopc-outcome'>).allegationOutcomes, { allegationIds, investigated: true });
          break;
        case 'review':
          if (review) checkReviewer(actor, review.body);
          checkReviewRecommendations(parsed as TaskPayload<'review'>);
          break;
        case 'complainant-update':
          checkUpdateMethod((parsed as TaskPayload<'complainant-update'>).method, { channel: input.channel, handling });
          break;
        case 'long-running-report':
          checkLongRunningReport(parsed as TaskPayload<'long-running-report'>);
          break;
      }
    },
  });

  // Reallocation by a manager; nobody who is a subject or in a subject's team (DOMAIN.md "Conflicts of interest").
  cw.handleReallocation(reallocateUpdate, {
    checkActor,
    conflict: (to) => {
      const p = mayWorkOnCase(to, input.subjects, 'be assigned');
      return p.allowed ? undefined : p.reason;
    },
  });

  // Suspension (C&M reg 40): the assessment and handling clocks pause until it is resumed.
  cw.pauseWhileSuspended(pausesWhileSuspended);
  setHandler(
    suspendUpdate,
    async ({ actor, reason }) => {
      const since = today();
      suspended = { since, reason };
      suspensions.push({ from: since, reason });
      cw.suspend(since);
      await openSuspension({ id: `${input.caseId}:suspension:${suspensions.length}`, caseId: input.caseId, reason, at: nowIso(), byId: actor.id });
      await cw.audit(actor.id, 'suspended', { reason, since });
      return state();
    },
    {
      validator: ({ actor, reason }) => {
        parseSuspensionReason(reason);
        checkSuspend(actor, input.subjects, { stage: cw.state.stage, suspendedSince: suspended?.since });
      },
    },
  );
  setHandler(
    resumeUpdate,
    async ({ actor }) => {
      const on = today();
      suspended = undefined;
      suspensions[suspensions.length - 1]!.to = on;
      const moved = await cw.resume(on);
      await closeSuspension({ id: `${input.caseId}:suspension:${suspensions.length}`, caseId: input.caseId, at: nowIso(), byId: actor.id });
      await cw.audit(actor.id, 'resumed', { on, tasks: moved.map((t) => ({ taskId: t.id, dueAt: t.dueAt })) });
      return state();
    },
    { validator: ({ actor }) => checkResume(actor, input.subjects, { stage: cw.state.stage, suspendedSince: suspended?.since }) },
  );

  // C&M reg 38: the complainant's signed withdrawal ends the handling; the record is kept.
  const withdrawalDutiesNow = () => withdrawalDuties({ handling, iopcDecision, underReviewBy: cw.state.stage === 'review' ? review?.body : undefined });
  const withdrawalFacts = () => ({ handlerId: handlerId ?? input.assessorId, stage: cw.state.stage, today: today(), receivedOn: toLondonDate(input.receivedAt), duties: withdrawalDutiesNow() });
  // Ends the handling (the scope below is cancelled) and returns once the withdrawal is recorded.
  const withdrawNow = async (w: NonNullable<ComplaintState['withdrawal']>) => {
    withdrawal = w;
    handlingScope.cancel();
    await condition(() => withdrawalRecorded);
  };
  // Whoever records anything of a withdrawal: nobody conflicted, a restricted case's own people, once.
  const checkWithdrawalActor = (actor: Parameters<typeof checkNoConflict>[0]) => {
    checkNoConflict(actor, input.subjects, 'withdrawal');
    checkRestrictedWorker(actor, restricted, handlerId ?? input.assessorId);
    if (withdrawal) throw new TaskRefusal(`the withdrawal was already recorded on ${withdrawal.recordedOn}`);
  };
  setHandler(
    withdrawUpdate,
    async ({ actor, notification }) => {
      const n = parseWithdrawal(notification);
      // The commands of the withdrawal path come after this marker (no earlier history has one).
      patched(REGULATIONS_WITHDRAWAL);
      await withdrawNow({ ...n, ...withdrawalDutiesNow(), recordedOn: today(), recordedById: actor.id });
      return state();
    },
    {
      validator: ({ actor, notification }) => {
        checkWithdrawalActor(actor);
        checkWithdrawal(actor, parseWithdrawal(notification), withdrawalFacts());
      },
    },
  );

  // C&M reg 39: a wish to withdraw without a signed notification. The appropriate authority writes
  // asking how the complainant wishes to proceed (the letter through the notification service); a
  // reply confirming it, or none within 28 days starting with the day after the letter was sent,
  // withdraws the complaint as if signed (reg 39(4)); a reply saying to go on leaves it running.
  const withdrawAsIfSigned = async (letter: UnsignedWithdrawal, because: 'confirmed' | 'no-reply', receivedOn: string, byId: string) => {
    const duties = withdrawalDutiesNow();
    const decided = duties.publicInterestDecidedBy === 'appropriate-authority' && letter.publicInterest;
    await withdrawNow({
      kind: 'withdraws', signedBy: 'complainant', receivedOn, ...(decided && { publicInterest: letter.publicInterest }), ...duties, recordedOn: today(), recordedById: byId, asIfSigned: because,
    });
  };
  // The durable timer of the reply period: ended by a reply, a later letter, a withdrawal or the case closing.
  const awaitWithdrawalReply = async (letter: UnsignedWithdrawal) => {
    const over = () => withdrawalIndication !== letter || withdrawal !== undefined || (NOT_WITHDRAWABLE_STAGES as readonly string[]).includes(cw.state.stage);
    if (await conditionUntil(over, startOfLondonDayMs(addCalendarDays(letter.replyBy, 1)))) return;
    await cw.audit('system', 'withdrawal-reply-period-ended', { letterSentOn: letter.letterSentOn, replyBy: letter.replyBy });
    await withdrawAsIfSigned(letter, 'no-reply', today(), 'system');
  };
  setHandler(
    indicateWithdrawalUpdate,
    async ({ actor, indication }) => {
      const i = parseWithdrawalIndication(indication);
      // The commands of the unsigned-withdrawal path come after this marker (no earlier history has one).
      patched(REGULATIONS_UNSIGNED_WITHDRAWAL);
      const letterSentOn = today();
      const letter: UnsignedWithdrawal = { ...i, letterSentOn, replyBy: unsignedWithdrawalReplyBy(letterSentOn), recordedById: actor.id };
      withdrawalIndication = letter;
      await cw.audit(actor.id, 'withdrawal-indicated', { kind: i.kind, indicatedOn: i.indicatedOn, indicatedBy: i.indicatedBy, letterSentOn, replyBy: letter.replyBy });
      await cw.emit('case.withdrawal-letter', { kind: i.kind, sentOn: letterSentOn, replyBy: letter.replyBy, notify: [{ complainant: true }, { personId: handlerId ?? input.assessorId }] });
      background(() => awaitWithdrawalReply(letter));
      return state();
    },
    {
      validator: ({ actor, indication }) => {
        checkWithdrawalActor(actor);
        checkWithdrawalIndication(actor, parseWithdrawalIndication(indication), { ...withdrawalFacts(), pending: withdrawalIndication });
      },
    },
  );
  setHandler(
    withdrawalReplyUpdate,
    async ({ actor, reply }) => {
      const r = parseWithdrawalReply(reply);
      const letter = withdrawalIndication!;
      withdrawalIndication = { ...letter, reply: { ...r, recordedById: actor.id } };
      await cw.audit(actor.id, 'withdrawal-reply-recorded', { answer: r.answer, receivedOn: r.receivedOn, receivedBy: r.receivedBy, letterSentOn: letter.letterSentOn });
      if (r.answer === 'confirms-withdrawal') await withdrawAsIfSigned(letter, 'confirmed', r.receivedOn, actor.id);
      return state();
    },
    {
      validator: ({ actor, reply }) => {
        checkWithdrawalActor(actor);
        checkWithdrawalReply(actor, parseWithdrawalReply(reply), { handlerId: handlerId ?? input.assessorId, today: today(), pending: withdrawalIndication });
      },
    },
  );

  // A bank holiday declared after the case started: later deadlines count it, open working-day ones move on.
  setHandler(
    declareHolidaysUpdate,
    async ({ actor, holidays }) => {
      const moved = await cw.declareHolidays(parseDeclaredHolidays(holidays), countsWorkingDays);
      cal = cw.basics.cal;
      await cw.audit(actor.id, 'holidays-declared', { dates: holidays.map((h) => h.date).join(','), tasks: moved.map((t) => ({ taskId: t.id, dueAt: t.dueAt })) });
      return state();
    },
    { validator: ({ actor, holidays }) => checkDeclaredHolidays(actor, holidays) },
  );

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

  try {
    await handlingScope.run(handle);
  } catch (err) {
    if (!(withdrawal && isCancellation(err))) throw err;
  }
  if (withdrawal) await endAsWithdrawn(withdrawal);
  return retain();

  // The complaint's handling, from first contact to closure: cancelled if the complainant withdraws.
  async function handle(): Promise<void> {
    // ── Resolved at first contact (§3.2.2): closed, complaints team told ──────────────────────
    const closeAsResolvedAtFirstContact = async () => {
      outcome = 'resolved-at-first-contact';
      await cw.moveTo('resolved-at-first-contact', { closed: true });
      await cw.emit('case.outcome', { outcome, resolution: 'resolved-at-first-contact', notify: [{ personId: input.complaintsTeamId }] });
    };

    let resolvedAtFirstContact = input.firstContact?.resolved === true;
    // Intake refuses these; a start that says otherwise still may not close the case (§3.2.2 within Sch 3).
    const frontLineRefusal = resolvedAtFirstContact ? frontLineResolutionRefusal(input.firstContact!, route, input.subjects) : undefined;
    if (frontLineRefusal && patched('first-contact-law')) {
      resolvedAtFirstContact = false;
      await cw.audit('system', 'first-contact-resolution-refused', { byId: input.firstContact!.byId, reason: frontLineRefusal });
    }
    if (!input.firstContact) {
      const due = firstContactDue(input.receivedAt, cal, sla);
      await cw.moveTo('first-contact', { due });
      const result = await taskDone(await cw.openTask('first-contact', input.assessorId, due));
      resolvedAtFirstContact = result.resolved;
    }

    if (resolvedAtFirstContact) {
      await closeAsResolvedAtFirstContact();
      return;
    }

    // Changed by the regulations issue (13); patched() at one point so running cases keep their path.
    const referralAnchored = patched(REGULATIONS_REFERRAL_ANCHOR);
    const updatesFromPrevious = patched(REGULATIONS_UPDATES);
    const iopcModeDrives = patched(REGULATIONS_IOPC_MODE);

    // ── Complainant updates (C&M reg 34): from the start of handling (the complaint is recorded
    // when received), each within four weeks of the previous notification, through every stage.
    const updates = updatesFromPrevious
      ? new ComplainantUpdates(cw, { handlingStartedOn: toLondonDate(input.receivedAt), sla, assignee: () => handlerId ?? input.assessorId })
      : undefined;
    updates?.start();

    // ── IOPC referral (C&M reg 4), a step of its own: due from when the complaint became referable.
    const referToTheIopc = async (becameReferableAt: Anchor) => {
      const due = iopcReferralDue(becameReferableAt, cal, sla);
      await cw.moveTo('iopc-referral', { due });
      const referral = await taskDone(await cw.openTask('iopc-referral', input.assessorId, due));
      iopcDecision = referral.iopcDecision;
      if (patched('record-iopc-decision')) {
        await recordIopcDecision({ caseId: input.caseId, at: nowIso(), iopcReference: referral.iopcReference, decision: referral.iopcDecision });
      }
    };
    // Referable on its face (the grounds are in the complaint as received): referred from receipt,
    // not after PSD's 10-working-day assessment.
    if (referralAnchored && referableOnItsFace(route)) await referToTheIopc(input.receivedAt);

    // ── PSD assessment and routing (§3.2.3), then allocation (§3.2.4) ─────────────────────────
    // Once at the start; again, fresh, when an upheld review or a complainant dissatisfied after
    // initial handling sends the case back (DOMAIN.md "Access, conflicts and the complaint's route").
    let reports: ReturnType<typeof cw.longRunningReports> | undefined;
    const assessAndAllocate = async (assessmentFrom: Anchor, again: boolean) => {
      // The earlier assignment is spent; the allocation service's next answer is awaited below.
      if (again) assignment = undefined;
      const assessmentDue = psdAssessmentDue(assessmentFrom, cal, sla);
      await cw.moveTo('assessment', { due: assessmentDue });
      const assessment = await taskDone(await cw.openTask('assessment', input.assessorId, assessmentDue));
      handling = assessment.handling;
      handlingMode = assessment.handlingMode;
      referToIopc = assessment.referToIopc;
      route = routeAsAssessed(route, allegationIds, assessment);
      restricted = restricted || restrictedAsAssessed(assessment.allegations);
      // Added after complaints were already running: patched() keeps their histories replayable.
      if (patched('record-routing-on-case')) {
        if (patched('record-assessment')) {
          await recordAssessment({
            caseId: input.caseId,
            at: nowIso(),
            handling,
            handlingMode,
            referToIopc,
            schedule3Reasons: schedule3ReasonsAsDecided(route, handling).map((r) => ({ code: r.code, allegationIds: r.allegationIds })),
            ...(assessment.allegations && {
              allegations: assessment.allegations.map((a) => ({ id: a.id, category: a.category, subCategory: a.subCategory, ...(a.factors && { factors: a.factors }) })),
            }),
            restricted,
          });
        } else {
          await recordRouting(input.caseId, handling, referToIopc);
        }
      }

      // ── IOPC referral (C&M reg 4): grounds the assessor found make it referable from today ───
      if (referToIopc && iopcDecision === undefined) await referToTheIopc(Date.now());
      // The IOPC's decision on the mode drives what follows (Sch 3 para 5): investigated unless it returned it.
      if (iopcModeDrives && iopcDecision !== undefined) handlingMode = handlingModeAfterIopc(iopcDecision, handlingMode);

      // ── Allocation (§3.2.4): the allocation service chooses and signals back ─────────────────
      await cw.moveTo('allocation');
      await cw.emit('allocation.requested', { workflowId: `complaint-${input.ref}`, mode: assessment.allocateTo, subjects: input.subjects });
      await cw.awaitAssignment(() => assignment !== undefined, { itemType: 'allocation-stalled', managerId: input.complaintsTeamId });
      handlerId = assignment!.assigneeId;
      cw.state.lead = handlerId;
      cw.state.division = assignment!.division;
      await cw.audit('allocation', 'allocated', { assigneeId: handlerId, division: assignment!.division ?? null, reason: assignment!.reason });
      await updates?.handOverTo(handlerId!);

      // ── Long-running reports (C&M reg 13): 12 months open, then every 6 months ──────────────
      // For a directed or independent investigation they are the IOPC's to make, not the force's.
      if (!reports && handlingMode === 'investigation' && (!iopcModeDrives || forceOwesLongRunningReports(iopcDecision))) {
        reports = cw.longRunningReports({
          taskType: 'long-running-report',
          openedOn: input.receivedAt,
          assignee: () => handlerId!,
          deadline: (due) => deadlineAtEndOf(cal.addWorkingDays(due.dueOn, 10)),
        });
      }
    };
    await assessAndAllocate(input.receivedAt, false);

    // Sent back for further handling: assessed afresh (under Schedule 3 now, with the review body's
    // findings before PSD) and allocated again by the allocation service, not handed straight back
    // to the handler whose outcome was found wanting. Cases started before go back to that handler.
    const handleAfresh = async () => {
      await cw.audit('system', 'assessed-afresh', { reviews, previousHandlerId: handlerId ?? null });
      updates?.start();
      await assessAndAllocate(Date.now(), true);
    };

    // ── Investigated by the IOPC or under its direction: the IOPC finishes it (PRA 2002 s.20(1)) ──
    const iopcFinishes = iopcModeDrives && investigatedForTheIopc(iopcDecision) && patched(REGULATIONS_IOPC_INVESTIGATES);
    if (iopcFinishes) {
      await finishedByTheIopc(iopcDecision as 'independent' | 'directed');
      return;
    }

    // ── Handling, repeated when a review is upheld or the complaint is moved under Schedule 3 ──
    for (let round = 1; ; round++) {
      const handlingStartedOn = today();
      await cw.moveTo('handling');
      updates?.start();
      // Before the regulations patch: an update within 4 weeks of handling starting, then every 4 weeks.
      const grid = updates ? undefined : background(async () => {
        for (let n = 1; ; n++) {
          const due = nextUpdateDue(handlingStartedOn, n, cal, sla);
          await sleepUntil(startOfLondonDayMs(addCalendarDays(due.dueOn, -7)));
          const task = await cw.openTask('complainant-update', handlerId!, due, []);
          await cw.emit('case.update-due', { taskId: task.id, taskType: task.type, assigneeId: task.assigneeId, dueAt: task.dueAt, n, notify: [{ personId: handlerId! }] });
        }
      });

      const handlingTask = await cw.openTask('handling', handlerId!, longRunningReportDue(input.receivedAt, 1 + reviews, cal, sla));
      const result = await taskDone(handlingTask);
      if (grid) {
        grid.cancel();
        for (const t of [...cw.state.openTasks]) if (t.type === 'complainant-update') await cw.withdraw(t, 'handling-finished');
      }
      outcome = result.outcome;
      if (result.allegationOutcomes && patched('record-allegation-outcomes')) {
        await recordAllegationOutcomes({
          caseId: input.caseId, at: nowIso(), round, handling, handlingMode: handlingMode ?? 'reasonable-and-proportionate', decidedById: handlerId!, outcomes: result.allegationOutcomes,
        });
      }

      // ── Outcome to the complainant within 5 working days (C&M reg 34) ──────────────────────
      const outcomeDue = outcomeNotificationDue(Date.now(), cal, sla);
      await cw.moveTo('outcome', { due: outcomeDue });
      await taskDone(await cw.openTask('outcome-notification', handlerId!, outcomeDue));
      toldOutcomeOn = today();
      // The outcome is the last progress notification (C&M reg 34(2)(b)); updates restart if handling reopens.
      updates?.notified(toldOutcomeOn);
      await updates?.stop('outcome-told');
      await cw.emit('case.outcome', { outcome, resolution: reviews === 0 ? 'finalised' : 'review-finalised', notify: [{ complainant: true }] });

      // ── Review window (C&M reg 29) ─────────────────────────────────────────────────────────
      const window = reviewWindowCloses(toldOutcomeOn, cal, sla);
      reviewWindowClosesOn = window.dueOn;
      reviewRequested = false;
      await cw.moveTo('review-window', { due: window });
      await cw.emit('case.review-window', { event: 'opened', closesOn: window.dueOn, notify: [{ complainant: true }] });
      const requested = await conditionUntil(() => reviewRequested, window.dueAtMs);
      if (!requested) break;
      if (!patched('review-by-review-body')) {
        // Cases started before: a review reopened handling at once.
        reviews += 1;
        await cw.audit('complainant', 'review-requested', { review: reviews });
        await cw.emit('case.review-window', { event: 'review-accepted', closesOn: window.dueOn, notify: [{ complainant: true }, { personId: handlerId! }] });
        continue;
      }
      if (handling === 'outside-schedule-3') {
        // Dissatisfied after initial handling: recorded under Schedule 3 and handled again — not reviewed.
        route = routeAfterDissatisfaction(route);
        handling = 'schedule-3';
        await recordMovedUnderSchedule3({ caseId: input.caseId, at: nowIso() });
        await cw.audit('complainant', 'recorded-under-schedule-3', { reason: 'dissatisfied-after-initial-handling' });
        await cw.emit('case.review-window', { event: 'recorded-under-schedule-3', closesOn: window.dueOn, notify: [{ complainant: true }, { personId: handlerId! }] });
        updates?.notified(today());
        if (patched(FRESH_ASSESSMENT)) await handleAfresh();
        continue;
      }
      // The relevant review body decides, as its own task (Sch 3 para 6A; C&M reg 29).
      reviews += 1;
      const body = reviewBodyOf({ handling, referToIopc, route, subjects: input.subjects });
      const reviewerId = await chooseReviewer(body.body!);
      review = { n: reviews, body: body.body!, reason: body.reason, reviewerId };
      await openReview({ caseId: input.caseId, n: reviews, body: body.body!, bodyReason: body.reason, appliedOn: today() });
      await cw.audit('complainant', 'review-requested', { review: reviews, body: body.body, reason: body.reason, reviewerId });
      await cw.emit('case.review-window', { event: 'review-accepted', closesOn: window.dueOn, notify: [{ complainant: true }, { personId: handlerId! }] });
      const reviewDue = reviewDecisionDue(Date.now(), cal, sla);
      await cw.moveTo('review', { due: reviewDue });
      const reviewTask = await cw.openTask('review', reviewerId, reviewDue);
      const decision = await taskDone(reviewTask);
      review = { ...review, outcome: decision.outcome };
      await recordReviewDecision({ caseId: input.caseId, n: reviews, reviewerId: reviewTask.completedBy!, at: nowIso(), decision });
      await cw.audit(reviewTask.completedBy!, `review-${decision.outcome}`, { review: reviews, body: body.body, recommendations: decision.recommendations.length });
      await cw.emit('case.outcome', { outcome, resolution: `review-${decision.outcome}`, notify: [{ complainant: true }, { personId: handlerId! }] });
      updates?.notified(today());
      // Only an upheld review sends the case back for further handling.
      if (!reviewReopensHandling(decision.outcome)) break;
      if (patched(FRESH_ASSESSMENT)) await handleAfresh();
    }

    reports?.cancel();
    for (const t of [...cw.state.openTasks]) await cw.withdraw(t, 'case-closed');
    await cw.moveTo('closed', { closed: true });
    await cw.emit('case.review-window', { event: 'closed', closesOn: reviewWindowClosesOn!, notify: [{ personId: handlerId! }] });

    // The IOPC keeps the complainant informed and tells them the outcome (s.20(1)); there is no
    // review by the force or the local policing body (Sch 3 para 25 is for the force's own
    // investigations). The force: its investigator under direction, then PSD records the outcome.
    async function finishedByTheIopc(mode: 'independent' | 'directed'): Promise<void> {
      await updates?.stop('kept-informed-by-the-iopc');
      await cw.audit('system', 'investigated-for-the-iopc', { mode, liaisonId: handlerId ?? null });
      if (mode === 'directed') {
        await cw.moveTo('handling');
        await taskDone(await cw.openTask('handling', handlerId!, longRunningReportDue(input.receivedAt, 1, cal, sla)));
      }
      await cw.moveTo('iopc-investigation');
      const task = await cw.openTask('iopc-outcome', handlerId!, longRunningReportDue(input.receivedAt, 1, cal, sla));
      const result = await taskDone(task);
      outcome = result.outcome;
      await recordAllegationOutcomes({
        caseId: input.caseId, at: nowIso(), round: 1, handling, handlingMode: 'investigation', decidedById: task.completedBy!, outcomes: result.allegationOutcomes!,
      });
      await cw.emit('case.outcome', { outcome, resolution: `iopc-${mode}-finalised`, notify: [{ personId: handlerId! }] });
      for (const t of [...cw.state.openTasks]) await cw.withdraw(t, 'case-closed');
      await cw.moveTo('closed', { closed: true });
    }
  }

  // ── Withdrawn (C&M reg 38): recorded; the IOPC told if it kept the referral, the review body if
  // under review; no task, update or deadline is left; the case is kept for retention.
  async function endAsWithdrawn(w: NonNullable<ComplaintState['withdrawal']>): Promise<void> {
    for (const t of [...cw.state.openTasks]) await cw.withdraw(t, 'complaint-withdrawn');
    outcome = 'withdrawn';
    await cw.audit(w.recordedById, 'complaint-withdrawn', {
      kind: w.kind, signedBy: w.signedBy, receivedOn: w.receivedOn, receivedBy: w.receivedBy, tellIopc: w.tellIopc, tellReviewBody: w.tellReviewBody ?? null,
      publicInterestDecidedBy: w.publicInterestDecidedBy, treatAsConductMatter: w.publicInterest?.treatAsConductMatter ?? null,
      ...(w.asIfSigned && { asIfSigned: w.asIfSigned }),
    });
    const notify: { personId: string }[] = [{ personId: input.complaintsTeamId }];
    if (handlerId && handlerId !== w.recordedById) notify.push({ personId: handlerId });
    if (w.tellIopc) notify.push({ personId: await cw.stalls.until(() => chooseReviewer('iopc')) });
    if (w.tellReviewBody && review) notify.push({ personId: review.reviewerId });
    await cw.moveTo('withdrawn', { closed: true });
    await cw.emit('case.outcome', { outcome, resolution: 'withdrawn', ...(w.asIfSigned && { withdrawnAsIfSigned: w.asIfSigned }), notify });
    withdrawalRecorded = true;
  }

  // ── Retention (§10.1): the workflow completes; the retention Schedule disposes ─────────
  async function retain(): Promise<ComplaintState> {
    await cw.retain(() => disposePersonalData(input.caseId));
    return state();
  }
}
