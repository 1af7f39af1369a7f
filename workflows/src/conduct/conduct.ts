// A conduct matter's whole life (DOMAIN.md "Conduct matter"; policy §3.3): triage of the
// supervisor's concern (local reflective practice §3.3.7, chief inspector §3.3.4, PSD advice,
// formal request only via a chief inspector or above §3.3.5), PSD's severity assessment
// (§3.3.1–§3.3.2, §3.3.8), investigation with the officer's response window (Conduct reg 18),
// referral to a meeting, hearing or accelerated hearing with the response window after referral
// (reg 31), outcome and sanction, appeal from a meeting (reg 45), 12-month then 6-monthly reports
// (reg 19), reflective practice (RPRP, reg 70) with development actions, closure and retention.
// The officer's RPRP account never enters this workflow (§3.3.9): it is sealed in Postgres.
import { ApplicationFailure, CancellationScope, condition, isCancellation, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { Activities } from '@probity/activities/index';
import {
  HolidayCalendar,
  addDuration,
  appealAvailable,
  appealNoticeDue,
  deadlineAtEndOf,
  longRunningReportDue,
  officerResponseDue,
  responseAfterReferralDue,
  retentionEndsOn,
  rprpReviewDue,
  severityConsequence,
  startOfLondonDayMs,
  toLondonDate,
  triageConductConcern,
  type Anchor,
  type Deadline,
  type Duration,
  type ProceedingsForm,
  type Sanction,
} from '@probity/shared/domain/index';
import type { Recipient } from '@probity/shared/events/schemas';
import type { Actor } from '@probity/shared/auth';
import { isPsd } from '@probity/shared/auth';
import { Casework } from '../casework/casework';
import {
  assignedSignal,
  completeConductTaskUpdate,
  conductStateQuery,
  conductWorkflowId,
  lodgeAppealUpdate,
  recordOfficerResponseUpdate,
  requestFormalAssessmentUpdate,
  type Assignment,
  type ConductInput,
  type ConductState,
  type ConductTask,
  type ConductTaskType,
  type ResponseWindow,
  type RprpState,
} from './contract';
import {
  TaskRefusal,
  checkActor,
  checkDevelopmentReport,
  checkOutcome,
  checkPastDate,
  checkSanction,
  defaultPublishFrom,
  formalRequestRefusal,
  parsePayload,
  referralForm,
  type ConductTaskPayload,
} from './task-rules';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

const today = () => toLondonDate(Date.now());
const nowIso = () => new Date(Date.now()).toISOString();
const sleepUntil = async (ms: number) => {
  const wait = ms - Date.now();
  if (wait > 0) await sleep(wait);
};

/** Stages where the concern is still being triaged and a formal assessment may be requested (§3.3.5). */
const TRIAGE_STAGES = ['chief-inspector-discussion', 'psd-advice'];

export async function conduct(input: ConductInput): Promise<ConductState> {
  const cal = new HolidayCalendar(input.holidays);
  const { sla, timetable } = input;
  const cw = new Casework<ConductTaskType>({ caseId: input.caseId, ref: input.ref, kind: 'conduct', cal, sla });
  cw.state.division = input.subject.division;
  cw.state.lead = input.raisedBy.id;
  const raisedOn = toLondonDate(input.receivedAt);
  const due = (anchor: Anchor, d: Duration): Deadline => deadlineAtEndOf(addDuration(toLondonDate(anchor), d, cal));
  const supervisor: Recipient[] = [{ personId: input.raisedBy.id }];

  const triage = triageConductConcern({
    view: input.view,
    discussedWithChiefInspector: input.discussedWithChiefInspector,
    requester: input.view === 'possible-misconduct' ? input.raisedBy.person : undefined,
  });

  // Set as the matter goes; read earlier by the state query, hence `let` with explicit start values.
  let formalRequest: ConductState['formalRequest'] = undefined;
  let severity: ConductState['severity'] = undefined;
  let investigatorId: string | undefined = undefined;
  let assignment: Assignment | undefined = undefined;
  let form: ProceedingsForm | undefined = undefined;
  let finding: string | undefined = undefined;
  let sanction: Sanction | undefined = undefined;
  let outcome: string | undefined = undefined;
  let appealWindowClosesOn: string | undefined = undefined;
  let appeal: ConductState['appeal'] = undefined;
  let rprp: RprpState | undefined = undefined;
  let longRunningReports = 0;
  const responseWindows: ResponseWindow[] = [];

  const state = (): ConductState => ({
    ref: input.ref,
    stage: cw.state.stage,
    view: input.view,
    triage: { route: triage.route, basis: triage.basis, explanation: triage.explanation },
    formalRequest,
    severity,
    investigatorId,
    proceedingsForm: form,
    finding,
    sanction,
    responseWindows,
    appealWindowClosesOn,
    appeal,
    rprp,
    longRunningReports,
    outcome,
    slaBreached: cw.state.slaBreached,
    openTasks: cw.state.openTasks,
    completedTasks: cw.state.completedTasks,
    stages: cw.state.stages,
  });

  setHandler(conductStateQuery, state);
  setHandler(assignedSignal, (a) => {
    assignment = a;
  });

  // ── Task completion: the validator refuses the wrong actor, stage or payload, saying which ──
  const validateTask = (taskId: string, actor: Actor, payload: unknown): ConductTask => {
    const task = cw.requireOpenTask(taskId) as ConductTask;
    checkActor(task, actor);
    const parsed = parsePayload(task.type, payload);
    switch (task.type) {
      case 'chief-inspector-discussion': {
        const p = parsed as ConductTaskPayload<'chief-inspector-discussion'>;
        if (p.outcome === 'request-formal-assessment') {
          const refusal = formalRequestRefusal(actor);
          if (refusal) throw new TaskRefusal(refusal);
        }
        break;
      }
      case 'investigation-notice':
        checkPastDate('servedOn', (parsed as ConductTaskPayload<'investigation-notice'>).servedOn, today(), raisedOn);
        break;
      case 'referral-decision': {
        const p = parsed as ConductTaskPayload<'referral-decision'>;
        if (p.decision === 'refer-to-proceedings') referralForm(p);
        break;
      }
      case 'proceedings-outcome':
        checkOutcome(parsed as ConductTaskPayload<'proceedings-outcome'>, form!, input.subject.person);
        break;
      case 'appeal': {
        const p = parsed as ConductTaskPayload<'appeal'>;
        if (p.sanction) checkSanction(p.sanction, 'misconduct-meeting', input.subject.person, 'misconduct');
        break;
      }
      case 'reflective-discussion':
        checkPastDate('heldOn', (parsed as ConductTaskPayload<'reflective-discussion'>).heldOn, today(), raisedOn);
        break;
      case 'development-report':
        checkDevelopmentReport(parsed as ConductTaskPayload<'development-report'>, today(), rprp!.reviewDueOn);
        break;
      case 'rprp-review':
        checkPastDate('heldOn', (parsed as ConductTaskPayload<'rprp-review'>).heldOn, today(), raisedOn);
        break;
      default:
        break;
    }
    return task;
  };

  setHandler(
    completeConductTaskUpdate,
    async ({ taskId, actor, payload }) => {
      const task = cw.findOpenTask(taskId)!;
      const parsed = parsePayload(task.type, payload);
      if (task.type === 'reflective-discussion') {
        // The account itself is sealed in the RPRP record; it must be there before the discussion closes.
        if (!(await acts.rprpAccountRecorded(input.caseId))) {
          throw ApplicationFailure.nonRetryable(
            `record the officer's account in the reflective practice record first (POST /conduct-matters/${input.ref}/tasks/${taskId}/complete with "account"); it is sealed (§3.3.9) and never sent to the workflow`,
            'TaskRefusal',
          );
        }
        if (task.completedAt) throw ApplicationFailure.nonRetryable(`task ${taskId} is already closed`, 'TaskRefusal');
      }
      return cw.complete(task, actor, parsed);
    },
    { validator: ({ taskId, actor, payload }) => void validateTask(taskId, actor, payload) },
  );

  // ── §3.3.5: a formal PSD assessment is requested only via a chief inspector or above ────────
  setHandler(
    requestFormalAssessmentUpdate,
    async ({ actor }) => {
      formalRequest = { byId: actor.id, at: nowIso(), via: 'update' };
      await cw.audit(actor.id, 'formal-assessment-requested', { basis: '§3.3.5', via: 'update' });
      return state();
    },
    {
      validator: ({ actor, rationale }) => {
        const refusal = formalRequestRefusal(actor);
        if (refusal) throw new TaskRefusal(refusal);
        if (formalRequest) throw new TaskRefusal(`a formal assessment of ${input.ref} was already requested by ${formalRequest.byId} at ${formalRequest.at}`);
        if (!TRIAGE_STAGES.includes(cw.state.stage)) {
          throw new TaskRefusal(
            `matter ${input.ref} is at stage ${cw.state.stage}: a formal assessment can be requested only while the concern is being triaged (chief inspector discussion or PSD advice)`,
          );
        }
        if (typeof rationale !== 'string' || rationale.trim().length === 0) throw new TaskRefusal('rationale: say why a formal assessment is needed');
      },
    },
  );

  // ── The officer's response windows: Conduct reg 18 (notice) and reg 31 (after referral) ─────
  setHandler(
    recordOfficerResponseUpdate,
    async ({ actor, window }) => {
      const w = responseWindows.find((x) => x.kind === window)!;
      w.respondedOn = today();
      w.respondedBy = actor.id;
      await cw.audit(actor.id, 'officer-response-received', { window, basis: window === 'notice' ? 'Conduct reg 18' : 'Conduct reg 31' });
      return state();
    },
    {
      validator: ({ actor, window }) => {
        const basis = window === 'notice' ? 'Conduct reg 18' : 'Conduct reg 31';
        const w = responseWindows.find((x) => x.kind === window);
        if (!w) {
          throw new TaskRefusal(
            `no ${window === 'notice' ? 'investigation notice' : 'referral to proceedings'} has been given on ${input.ref}, so there is no response window (${basis}); it is at stage ${cw.state.stage}`,
          );
        }
        if (w.respondedOn) throw new TaskRefusal(`the officer's response (${basis}) was already recorded on ${w.respondedOn} by ${w.respondedBy}`);
        if (today() > w.closesOn) {
          throw new TaskRefusal(
            `the officer's response window (${basis}) opened on ${w.opensOn} and closed at the end of ${w.closesOn}; a late response is not recorded against it`,
          );
        }
        if (actor.id !== input.subject.personId && !isPsd(actor)) {
          throw new TaskRefusal(`only the officer concerned or PSD may record the officer's response; ${actor.id} is ${actor.role}`);
        }
      },
    },
  );

  // ── Conduct reg 45: appeal from a misconduct meeting within 7 working days of the outcome report ──
  setHandler(
    lodgeAppealUpdate,
    async ({ actor }) => {
      appeal = { lodgedOn: today(), lodgedBy: actor.id };
      await cw.audit(actor.id, 'appeal-lodged', { basis: 'Conduct reg 45' });
      return state();
    },
    {
      validator: ({ actor }) => {
        if (!form) throw new TaskRefusal(`no misconduct proceedings have been held on ${input.ref}: there is nothing to appeal`);
        const route = appealAvailable(form);
        if (!route.available) throw new TaskRefusal(route.reason);
        if (!appealWindowClosesOn) throw new TaskRefusal(`no appealable outcome has been reported on ${input.ref} (stage ${cw.state.stage})`);
        if (appeal) throw new TaskRefusal(`an appeal was already lodged on ${appeal.lodgedOn} by ${appeal.lodgedBy}`);
        if (today() > appealWindowClosesOn) {
          throw new TaskRefusal(
            `appeal refused as out of time: written notice of appeal must be given within 7 working days of the outcome report (Conduct reg 45); the window closed at the end of ${appealWindowClosesOn}`,
          );
        }
        if (actor.id !== input.subject.personId && !isPsd(actor)) {
          throw new TaskRefusal(`only the officer concerned (or PSD recording their written notice) may lodge an appeal; ${actor.id} is ${actor.role}`);
        }
      },
    },
  );

  const taskDone = async <T extends ConductTaskType>(task: ConductTask & { type: T }) => (await cw.awaitTask(task)) as ConductTaskPayload<T>;
  const open = async <T extends ConductTaskType>(type: T, assignee: string, deadline: Deadline, notify?: Recipient[]) =>
    (await cw.openTask(type, assignee, deadline, notify)) as ConductTask & { type: T };
  const allocated = (who: string | null, what: string): string => {
    if (!who) throw ApplicationFailure.nonRetryable(`matter ${input.ref} needs ${what} but none was allocated at start`);
    return who;
  };

  cw.syncSearchAttributes();

  // ── Triage (§3.3.4–§3.3.7) ─────────────────────────────────────────────────────────────────
  type Next = 'local' | 'chief-inspector' | 'psd-advice' | 'assessment';
  let next: Next;
  switch (triage.route) {
    case 'local-reflective-practice':
      next = 'local';
      break;
    case 'seek-psd-advice':
      next = 'psd-advice';
      break;
    case 'request-formal-assessment':
      formalRequest = { byId: input.raisedBy.id, at: input.receivedAt, via: 'intake' };
      next = 'assessment';
      break;
    case 'discuss-with-chief-inspector':
      next = 'chief-inspector';
      break;
    case 'formal-assessment-refused':
      // Intake refuses this; should one arrive anyway, the refusal's own advice is followed (§3.3.4).
      await cw.audit('system', 'formal-assessment-refused', { basis: '§3.3.5', reason: triage.explanation });
      next = 'chief-inspector';
      break;
  }
  await cw.audit('system', 'triaged', { route: triage.route, basis: triage.basis });

  /** Waits for a triage task or for a formal request made through the update, whichever first. */
  const taskOrFormalRequest = async <T extends ConductTaskType>(task: ConductTask & { type: T }) => {
    await condition(() => task.completedAt !== undefined || formalRequest !== undefined);
    if (task.completedAt === undefined) {
      await cw.withdraw(task, 'formal-assessment-requested');
      return undefined;
    }
    return taskDone(task);
  };

  if (next === 'chief-inspector') {
    const ci = allocated(input.chiefInspectorId, 'a chief inspector (§3.3.4)');
    const deadline = due(input.receivedAt, timetable.chiefInspectorDiscussion);
    cw.state.lead = ci;
    await cw.moveTo('chief-inspector-discussion', { due: deadline });
    const task = await open('chief-inspector-discussion', ci, deadline);
    const result = await taskOrFormalRequest(task);
    if (result === undefined) next = 'assessment';
    else if (result.outcome === 'not-misconduct') next = 'local';
    else if (result.outcome === 'still-uncertain') next = 'psd-advice';
    else {
      formalRequest = { byId: task.completedBy!, at: task.completedAt!, via: 'chief-inspector' };
      next = 'assessment';
    }
  }

  if (next === 'psd-advice') {
    const assessor = allocated(input.psdAssessorId, 'a PSD handler for advice');
    const deadline = due(Date.now(), timetable.psdAdvice);
    cw.state.lead = assessor;
    await cw.moveTo('psd-advice', { due: deadline });
    const task = await open('psd-advice', assessor, deadline);
    const result = await taskOrFormalRequest(task);
    if (result === undefined) next = 'assessment';
    else if (result.advice === 'local-handling') next = 'local';
    else {
      // PSD's advice to assess formally goes back through the chief inspector who was consulted (§3.3.5).
      formalRequest = { byId: input.chiefInspectorId ?? input.raisedBy.id, at: task.completedAt!, via: 'psd-advice' };
      next = 'assessment';
    }
  }

  // ── Clearly not misconduct: local reflective practice, no PSD contact (§3.3.7) ─────────────
  if (next === 'local') {
    cw.state.lead = input.reflectiveReviewerId;
    outcome = 'local-reflective-practice';
    await cw.moveTo('local-reflective-practice', { closed: true });
    await cw.audit('system', 'handled-locally', { basis: '§3.3.7', reviewerId: input.reflectiveReviewerId });
    const tell = [...supervisor, ...(input.reflectiveReviewerId !== input.raisedBy.id ? [{ personId: input.reflectiveReviewerId }] : [])];
    await cw.emit('case.outcome', { outcome, resolution: 'handled-locally', notify: tell });
    return retainThenDispose();
  }

  // ── PSD severity assessment (§3.3.1–§3.3.2, §3.3.8) ──────────────────────────────────────
  const assessor = allocated(input.psdAssessorId, 'a PSD assessor');
  await cw.audit(formalRequest!.byId, 'formal-assessment-accepted', { basis: '§3.3.5', via: formalRequest!.via });
  const assessmentDue = due(Date.now(), timetable.severityAssessment);
  cw.state.lead = assessor;
  await cw.moveTo('severity-assessment', { due: assessmentDue });
  const assessment = await taskDone(await open('severity-assessment', assessor, assessmentDue));
  severity = assessment.outcome;
  const consequence = severityConsequence(assessment.outcome);
  await cw.audit('system', 'severity-assessed', { outcome: assessment.outcome, next: consequence.next });

  if (consequence.next === 'close') return closeMatter('no-further-action', [...supervisor, { personId: assessor }]);
  if (consequence.next === 'reflective-practice-review') {
    await reflectivePractice('psd', assessment.instructions);
    return closeMatter('practice-requiring-improvement', [...supervisor, { personId: assessor }]);
  }

  // ── Investigation (misconduct / gross misconduct) ────────────────────────────────────────
  const authority = allocated(input.appropriateAuthorityId, 'an appropriate authority');
  await cw.moveTo('investigation');
  await cw.emit('allocation.requested', {
    workflowId: conductWorkflowId(input.ref),
    mode: 'psd-investigator',
    subjects: [{ personId: input.subject.personId, ...(input.subject.team ? { team: input.subject.team } : {}), ...(input.subject.division ? { division: input.subject.division } : {}) }],
  });
  await condition(() => assignment !== undefined);
  investigatorId = assignment!.assigneeId;
  cw.state.lead = investigatorId;
  await acts.recordProceedingsRole({ caseId: input.caseId, personId: investigatorId, role: 'investigator', at: nowIso() });
  await cw.audit('allocation', 'investigator-assigned', { assigneeId: investigatorId, reason: assignment!.reason });

  const noticeDue = due(Date.now(), timetable.investigationNotice);
  const notice = await taskDone(await open('investigation-notice', investigatorId, noticeDue));

  // Conduct reg 19: 12 months after the notice, then every 6 months, while the matter is open.
  const reports = background(async () => {
    for (let n = 1; ; n++) {
      const reportDue = longRunningReportDue(notice.servedOn, n, cal, sla);
      await sleepUntil(startOfLondonDayMs(reportDue.dueOn));
      const monthsOpen = 12 + 6 * (n - 1);
      const task = await open('long-running-report', authority, due(reportDue.dueOn, timetable.longRunningReport), []);
      longRunningReports = n;
      await cw.emit('case.report-due', {
        taskId: task.id, taskType: task.type, assigneeId: task.assigneeId, dueAt: task.dueAt, n, monthsOpen, notify: [{ personId: authority }],
      });
    }
  });

  await responseWindow('notice', notice.servedOn, officerResponseDue(notice.servedOn, cal, sla));

  await cw.moveTo('investigation-report');
  const report = await taskDone(await open('investigation-report', investigatorId, due(Date.now(), timetable.investigationReport)));
  await cw.audit(investigatorId, 'investigation-reported', { recommendation: report.recommendation });

  // ── Referral decision by the appropriate authority (Conduct reg 23) ─────────────────────────
  cw.state.lead = authority;
  const referralDue = due(Date.now(), timetable.referralDecision);
  await cw.moveTo('referral-decision', { due: referralDue });
  const referralTask = await open('referral-decision', authority, referralDue);
  const referral = await taskDone(referralTask);
  await acts.recordProceedingsRole({ caseId: input.caseId, personId: referralTask.completedBy!, role: 'appropriate-authority', at: nowIso() });

  if (referral.decision === 'no-case-to-answer') return finish('no-case-to-answer');
  if (referral.decision === 'refer-to-rprp') {
    await reflectivePractice('psd', referral.instructions);
    return finish('practice-requiring-improvement');
  }

  // ── Proceedings: meeting, hearing or accelerated hearing ─────────────────────────────────
  form = referralForm(referral);
  const referredOn = today();
  await cw.audit(authority, 'referred-to-proceedings', { form, severity: referral.severity ?? 'misconduct' });
  await responseWindow('referral', referredOn, responseAfterReferralDue(referredOn, cal, sla));

  const proceedingsDue = due(referredOn, timetable.proceedings[form]);
  await cw.moveTo('proceedings', { due: proceedingsDue });
  const outcomeTask = await open('proceedings-outcome', authority, proceedingsDue);
  const result = await taskDone(outcomeTask);
  await acts.recordProceedingsRole({ caseId: input.caseId, personId: outcomeTask.completedBy!, role: 'appropriate-authority', at: nowIso() });
  finding = result.finding;
  sanction = result.sanction;
  const outcomeOn = today();
  await cw.audit(outcomeTask.completedBy!, 'proceedings-outcome', { form, finding, sanction: sanction ?? null });

  if (result.finding === 'practice-requiring-improvement') {
    // The proceedings referred it to reflective practice; its records are sealed from them (§3.3.9).
    await reflectivePractice('proceedings', undefined);
    return finish('practice-requiring-improvement');
  }
  if (result.finding === 'not-proven') return finish('not-proven');

  const misconductFinding = result.finding;
  const appealRoute = appealAvailable(form);
  if (appealRoute.available) appealWindowClosesOn = appealNoticeDue(outcomeOn, cal, sla).dueOn;
  const outcomeRecord = {
    caseId: input.caseId,
    ref: input.ref,
    outcomeOn,
    form,
    finding: misconductFinding,
    sanction: result.sanction!,
    subjectKind: input.subject.person.kind,
    subjectRank: input.subject.person.kind === 'officer' ? input.subject.person.rank : null,
    standards: input.standards.map((s) => s.standard),
    publish: result.publish === true,
    publishFrom: result.publish === true ? (result.publishFrom ?? defaultPublishFrom(form, outcomeOn, appealWindowClosesOn)) : null,
  };
  await acts.recordMisconductOutcome(outcomeRecord);
  await cw.emit('case.outcome', { outcome: `${misconductFinding}:${result.sanction}`, resolution: 'proceedings-outcome', notify: [{ personId: investigatorId }] });

  // ── Appeal from a meeting (Conduct reg 45) ───────────────────────────────────────────────
  if (appealWindowClosesOn) {
    const window = deadlineAtEndOf(appealWindowClosesOn);
    await cw.moveTo('appeal-window', { due: window });
    const lodged = await condition(() => appeal !== undefined, Math.max(window.dueAtMs - Date.now(), 1));
    if (lodged) {
      const chair = await acts.headOfPsd();
      await acts.recordProceedingsRole({ caseId: input.caseId, personId: chair, role: 'appeal-chair', at: nowIso() });
      const appealDue = due(Date.now(), timetable.appealDecision);
      cw.state.lead = chair;
      await cw.moveTo('appeal', { due: appealDue });
      const decided = await taskDone(await open('appeal', chair, appealDue));
      appeal!.result = decided.result;
      if (decided.sanction) sanction = decided.sanction;
      if (decided.result === 'finding-overturned') finding = 'finding-overturned-on-appeal';
      await acts.recordAppealResult({ caseId: input.caseId, result: decided.result, ...(decided.sanction ? { sanction: decided.sanction } : {}) });
      await cw.audit(chair, 'appeal-decided', { result: decided.result });
    }
  }
  return finish(finding === 'finding-overturned-on-appeal' ? 'finding-overturned-on-appeal' : `${misconductFinding}:${sanction}`);

  // ── Helpers (hoisted) ────────────────────────────────────────────────────────────────────

  /** Ends an investigated matter: long-running reports stop, open report tasks are withdrawn. */
  async function finish(result: string): Promise<ConductState> {
    reports.cancel();
    for (const t of [...cw.state.openTasks]) if (t.type === 'long-running-report') await cw.withdraw(t, 'matter-closed');
    return closeMatter(result, [...supervisor, { personId: authority }]);
  }

  /**
   * An officer's response window: opens on `opensOn`, closes at the end of `closes`. The matter
   * moves on when the response is recorded or the window has closed.
   */
  async function responseWindow(kind: ResponseWindow['kind'], opensOn: string, closes: Deadline): Promise<void> {
    const w: ResponseWindow = { kind, opensOn, closesOn: closes.dueOn };
    responseWindows.push(w);
    await cw.moveTo(kind === 'notice' ? 'officer-response' : 'referral-response', { due: closes });
    await cw.audit('system', 'response-window-opened', { kind, opensOn, closesOn: closes.dueOn, basis: kind === 'notice' ? 'Conduct reg 18' : 'Conduct reg 31' });
    await condition(() => w.respondedOn !== undefined, Math.max(closes.dueAtMs - Date.now(), 1));
  }

  /**
   * Reflective practice review process (Conduct reg 70; §3.3.8): reflective discussion, a
   * development report whose actions are tasks with their own deadlines (escalated by the kit when
   * they slip), and the review at the officer's performance review within 12 months.
   */
  async function reflectivePractice(directedBy: RprpState['directedBy'], instructions: string | undefined): Promise<void> {
    const reviewerId = input.reflectiveReviewerId;
    const startedOn = today();
    const reviewDue = rprpReviewDue(startedOn, cal, sla);
    rprp = { directedBy, reviewerId, startedOn, reviewDueOn: reviewDue.dueOn, actions: [] };
    await acts.openRprpRecord({
      caseId: input.caseId,
      ref: input.ref,
      participantId: input.subject.personId,
      reviewerId,
      directedBy,
      ...(instructions !== undefined ? { instructions } : {}),
      reviewDueOn: reviewDue.dueOn,
    });
    cw.state.lead = reviewerId;
    await cw.moveTo('reflective-practice', { due: reviewDue });
    await cw.audit('system', 'reflective-practice-started', { directedBy, reviewerId, reviewDueOn: reviewDue.dueOn, basis: directedBy === 'psd' ? '§3.3.8' : 'Conduct reg 70' });

    const discussion = await taskDone(await open('reflective-discussion', reviewerId, due(Date.now(), timetable.reflectiveDiscussion)));
    await acts.recordRprpDates(input.caseId, { discussionHeldOn: discussion.heldOn });

    const report = await taskDone(await open('development-report', reviewerId, due(Date.now(), timetable.developmentReport)));
    for (const a of report.actions) {
      const owner = a.owner === 'participant' ? input.subject.personId : reviewerId;
      const task = await open('development-action', owner, deadlineAtEndOf(a.dueOn));
      rprp.actions.push({ id: a.id, owner: a.owner, dueOn: a.dueOn, taskId: task.id, done: false });
      void cw.awaitTask(task).then(() => {
        const entry = rprp?.actions.find((x) => x.taskId === task.id);
        if (entry && task.completedBy && !task.completedBy.startsWith('system:')) entry.done = true;
      });
    }

    const review = await taskDone(await open('rprp-review', reviewerId, reviewDue));
    rprp.reviewedOn = review.heldOn;
    for (const t of [...cw.state.openTasks]) if (t.type === 'development-action') await cw.withdraw(t, 'rprp-reviewed');
    await acts.recordRprpDates(input.caseId, { reviewedOn: review.heldOn });
    await cw.audit(reviewerId, 'reflective-practice-reviewed', { actions: rprp.actions.length, done: rprp.actions.filter((a) => a.done).length });
  }

  async function closeMatter(result: string, notify: Recipient[]): Promise<ConductState> {
    outcome = result;
    for (const t of [...cw.state.openTasks]) await cw.withdraw(t, 'matter-closed');
    await cw.moveTo('closed', { closed: true });
    await cw.emit('case.outcome', { outcome: result, resolution: 'closed', notify: dedupe(notify) });
    return retainThenDispose();
  }

  // ── Retention (§10.1), then disposal of personal data and sealed text ────────────────────
  async function retainThenDispose(): Promise<ConductState> {
    const endsOn = retentionEndsOn(Date.now(), cal, sla);
    await cw.moveTo('retained');
    await sleepUntil(startOfLondonDayMs(endsOn) + 24 * 3600 * 1000);
    await acts.disposePersonalData(input.caseId);
    await acts.disposeRprpRecord(input.caseId);
    await cw.moveTo('disposed');
    return state();
  }
}

function dedupe(notify: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return notify.filter((r) => {
    const key = 'personId' in r ? r.personId : 'complainant';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function swallowCancellation(err: unknown): void {
  if (!isCancellation(err)) throw err;
}

/** Runs a background loop in its own cancellable scope; cancelling it ends the loop quietly. */
function background(fn: () => Promise<void>): CancellationScope {
  const scope = new CancellationScope();
  void scope.run(fn).catch(swallowCancellation);
  return scope;
}
