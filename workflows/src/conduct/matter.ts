// One conduct matter's state and the handlers that read and change it, in one place (the
// workflow's stages in ./triage.ts, ./proceedings.ts and ./reflective-practice.ts move it on).
// The state query, the completeTask update and the matter's own updates are all registered by
// register(); each validator refuses with the rule's reason (§ numbers, Conduct regs).
import { ApplicationFailure, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '@probity/activities/index';
import {
  HolidayCalendar,
  addDuration,
  appealAvailable,
  deadlineAtEndOf,
  rprpReviewDue,
  toLondonDate,
  triageConductConcern,
  type Anchor,
  type Deadline,
  type Duration,
  type ProceedingsForm,
  type Sanction,
  type TriageRoute,
} from '@probity/shared/domain/index';
import type { Recipient } from '@probity/shared/events/schemas';
import { isPsd, type Actor } from '@probity/shared/auth';
import { Casework } from '../casework/casework';
import { nowIso, today } from '../casework/clock';
import {
  assignedSignal,
  completeConductTaskUpdate,
  reallocateUpdate,
  conductStateQuery,
  extendWindowUpdate,
  lodgeAppealUpdate,
  PSD_OPENS_ASSESSMENT,
  recordIopcDecisionUpdate,
  recordOfficerResponseUpdate,
  requestFormalAssessmentUpdate,
  type AppealNotice,
  type IopcDecisionRecord,
  type RecordableConduct,
  type Assignment,
  type ConductInput,
  type ConductState,
  type ConductTask,
  type ConductTaskType,
  type FormalAssessmentRequest,
  type OfficerResponse,
  type ResponseWindow,
  type RprpState,
  type WindowExtensionRequest,
} from './contract';
import { iopcDecisionRefusal } from './iopc-rules';
import { checkStaffAppeal, isPoliceStaff, notForPoliceStaff, type StaffOutcome } from './staff-rules';
import { appealRouteFor, checkDocumentsSupplied, checkLongRunningReport, checkOutcomeReportGiven, checkWindowExtension } from './regulation-rules';
import {
  TaskRefusal,
  checkActor,
  checkDevelopmentReport,
  checkOutcome,
  checkPastDate,
  checkSanction,
  formalRequestRefusal,
  lateAppealRefusal,
  psdOpensAssessmentRefusal,
  parsePayload,
  referralForm,
  type ConductTaskPayload,
} from './task-rules';

export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Stages where the concern is still being triaged and a formal assessment may be requested (§3.3.5). */
const TRIAGE_STAGES = ['chief-inspector-discussion', 'psd-advice'];

const basisOf = (window: ResponseWindow['kind']) => (window === 'notice' ? 'Conduct reg 18' : 'Conduct reg 31');

export class ConductMatter {
  readonly cw: Casework<ConductTaskType>;
  readonly cal: HolidayCalendar;
  readonly raisedOn: string;
  /** The supervisor who raised it, told of the outcome. */
  readonly supervisor: Recipient[];
  readonly triage: TriageRoute;

  // Set as the matter goes; read at any time by the state query.
  formalRequest: ConductState['formalRequest'] = undefined;
  severity: ConductState['severity'] = undefined;
  investigatorId: string | undefined = undefined;
  assignment: Assignment | undefined = undefined;
  form: ProceedingsForm | undefined = undefined;
  finding: string | undefined = undefined;
  sanction: Sanction | undefined = undefined;
  outcome: string | undefined = undefined;
  appealWindowClosesOn: string | undefined = undefined;
  /** Conduct reg 43/45: set by the outcome-report step (matters from before it have neither). */
  outcomeReportGivenOn: string | undefined = undefined;
  appealRoute: ConductState['appealRoute'] = undefined;
  /** The day of the meeting's outcome (the outcome report follows it). */
  outcomeOn: string | undefined = undefined;
  /** Conduct reg 30: the referral, and the day its notice and documents were supplied. */
  referredOn: string | undefined = undefined;
  referralDocumentsSuppliedOn: string | undefined = undefined;
  /** From the referral decision: a final written warning was live (Conduct reg 42(5)). */
  liveFinalWrittenWarning = false;
  readonly extensions: NonNullable<ConductState['extensions']> = [];
  appeal: ConductState['appeal'] = undefined;
  rprp: RprpState | undefined = undefined;
  longRunningReports = 0;
  /** Set by reflective practice under REG70_FROM_AGREEMENT: the review is 12 months from the report's agreement. */
  rprpReviewFromAgreement = false;
  readonly responseWindows: ResponseWindow[] = [];
  /** Set by the staff procedure (./staff-procedure.ts): the matter left the Conduct Regulations' path. */
  procedure: ConductState['procedure'] = undefined;
  staffOutcome: StaffOutcome | undefined = undefined;
  /** Set by ./iopc-referral.ts: recorded under Sch 3 (C&M reg 7), its referral and the IOPC's decision. */
  recordable: RecordableConduct | undefined = undefined;

  constructor(readonly input: ConductInput) {
    this.cal = new HolidayCalendar(input.holidays);
    this.cw = new Casework<ConductTaskType>({ caseId: input.caseId, ref: input.ref, kind: 'conduct', cal: this.cal, sla: input.sla });
    this.cw.state.division = input.subject.division;
    this.cw.state.lead = input.raisedBy.id;
    this.raisedOn = toLondonDate(input.receivedAt);
    this.supervisor = [{ personId: input.raisedBy.id }];
    this.triage = triageConductConcern({
      view: input.view,
      discussedWithChiefInspector: input.discussedWithChiefInspector,
      requester: input.view === 'possible-misconduct' ? input.raisedBy.person : undefined,
      openedByPsd: input.source !== undefined,
    });
  }

  get ref(): string {
    return this.input.ref;
  }

  get sla() {
    return this.input.sla;
  }

  get timetable() {
    return this.input.timetable;
  }

  state(): ConductState {
    return {
      ref: this.input.ref,
      stage: this.cw.state.stage,
      view: this.input.view,
      triage: { route: this.triage.route, basis: this.triage.basis, explanation: this.triage.explanation },
      formalRequest: this.formalRequest,
      severity: this.severity,
      investigatorId: this.investigatorId,
      proceedingsForm: this.form,
      finding: this.finding,
      sanction: this.sanction,
      responseWindows: this.responseWindows,
      appealWindowClosesOn: this.appealWindowClosesOn,
      ...(this.outcomeReportGivenOn ? { outcomeReportGivenOn: this.outcomeReportGivenOn } : {}),
      ...(this.appealRoute ? { appealRoute: this.appealRoute } : {}),
      ...(this.referralDocumentsSuppliedOn ? { referralDocumentsSuppliedOn: this.referralDocumentsSuppliedOn } : {}),
      ...(this.extensions.length > 0 ? { extensions: this.extensions } : {}),
      ...(this.procedure ? { procedure: this.procedure } : {}),
      ...(this.staffOutcome ? { staffOutcome: this.staffOutcome } : {}),
      ...(this.recordable ? { recordable: this.recordable } : {}),
      appeal: this.appeal,
      rprp: this.rprp,
      longRunningReports: this.longRunningReports,
      outcome: this.outcome,
      slaBreached: this.cw.state.slaBreached,
      openTasks: this.cw.state.openTasks,
      completedTasks: this.cw.state.completedTasks,
      stages: this.cw.state.stages,
      stalled: this.cw.state.stalled,
    };
  }

  /** Every query, signal and update of the matter. */
  register(): void {
    setHandler(conductStateQuery, () => this.state());
    setHandler(assignedSignal, (a) => {
      this.assignment = a;
    });
    this.cw.handleTaskCompletion(completeConductTaskUpdate, {
      checkActor,
      parse: parsePayload,
      check: (task, parsed, actor) => this.checkTask(task, parsed, actor),
      beforeComplete: (task) => (task.type === 'reflective-discussion' ? this.requireSealedAccount(task) : undefined),
    });
    // Reallocation by a manager; never to the officer concerned or their own team (conflicts of interest).
    this.cw.handleReallocation(reallocateUpdate, {
      checkActor,
      conflict: (to) =>
        to.id === this.input.subject.personId || (this.input.subject.team !== undefined && to.team === this.input.subject.team) ? 'they are the officer concerned or in their team' : undefined,
    });
    setHandler(requestFormalAssessmentUpdate, (r) => this.requestFormalAssessment(r), { validator: (r) => this.validateFormalRequest(r) });
    setHandler(recordOfficerResponseUpdate, (r) => this.recordOfficerResponse(r), { validator: (r) => this.validateOfficerResponse(r) });
    setHandler(lodgeAppealUpdate, (r) => this.lodgeAppeal(r), { validator: (r) => this.validateAppeal(r) });
    setHandler(extendWindowUpdate, (r) => this.extendWindow(r), { validator: (r) => this.validateExtension(r) });
    setHandler(recordIopcDecisionUpdate, (r) => this.recordIopcDecision(r), { validator: (r) => this.validateIopcDecision(r) });
  }

  // ── Helpers for the stages ───────────────────────────────────────────────────────────────

  /** A due day `d` after `anchor` (working days from the matter's calendar), ending at its end. */
  due(anchor: Anchor, d: Duration): Deadline {
    return deadlineAtEndOf(addDuration(toLondonDate(anchor), d, this.cal));
  }

  open<T extends ConductTaskType>(type: T, assignee: string, deadline: Deadline, notify?: Recipient[]): Promise<ConductTask & { type: T }> {
    return this.cw.openTask(type, assignee, deadline, notify);
  }

  async taskDone<T extends ConductTaskType>(task: ConductTask & { type: T }): Promise<ConductTaskPayload<T>> {
    return (await this.cw.awaitTask(task)) as ConductTaskPayload<T>;
  }

  /** Someone the matter needed at start (chosen by allocation); the matter cannot go on without them. */
  allocated(who: string | null, what: string): string {
    if (!who) throw ApplicationFailure.nonRetryable(`matter ${this.input.ref} needs ${what} but none was allocated at start`);
    return who;
  }

  /** Closes the matter with its result and tells those involved; then retention (§10.1). */
  async close(result: string, notify: Recipient[]): Promise<ConductState> {
    this.outcome = result;
    for (const t of [...this.cw.state.openTasks]) await this.cw.withdraw(t, 'matter-closed');
    await this.cw.moveTo('closed', { closed: true });
    await this.cw.emit('case.outcome', { outcome: result, resolution: 'closed', notify: dedupe(notify) });
    return this.retain();
  }

  /** Retention (§10.1): the workflow completes; the retention Schedule disposes of personal data and sealed RPRP text. */
  async retain(): Promise<ConductState> {
    await this.cw.retain(async () => {
      await acts.disposePersonalData(this.input.caseId);
      await acts.disposeRprpRecord(this.input.caseId);
    });
    return this.state();
  }

  // ── Task completion: the rules of each conduct task beyond its payload's shape ────────────

  private checkTask(task: ConductTask, parsed: unknown, actor: Actor): void {
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
        checkPastDate('servedOn', (parsed as ConductTaskPayload<'investigation-notice'>).servedOn, today(), this.raisedOn);
        break;
      case 'referral-decision': {
        const p = parsed as ConductTaskPayload<'referral-decision'>;
        if (p.decision === 'refer-to-proceedings') referralForm(p);
        break;
      }
      case 'referral-notice':
        checkDocumentsSupplied((parsed as ConductTaskPayload<'referral-notice'>).suppliedOn, this.referredOn ?? this.raisedOn, today());
        break;
      case 'proceedings-outcome':
        checkOutcome(parsed as ConductTaskPayload<'proceedings-outcome'>, this.form!, this.input.subject.person, { liveFinalWrittenWarning: this.liveFinalWrittenWarning });
        break;
      case 'long-running-report':
        checkLongRunningReport(parsed as ConductTaskPayload<'long-running-report'>);
        break;
      case 'outcome-report':
        checkOutcomeReportGiven((parsed as ConductTaskPayload<'outcome-report'>).givenToOfficerOn, this.outcomeOn ?? this.raisedOn, today());
        break;
      case 'appeal': {
        const p = parsed as ConductTaskPayload<'appeal'>;
        if (p.sanction) checkSanction(p.sanction, 'misconduct-meeting', this.input.subject.person, 'misconduct');
        break;
      }
      case 'reflective-discussion':
        checkPastDate('heldOn', (parsed as ConductTaskPayload<'reflective-discussion'>).heldOn, today(), this.raisedOn);
        break;
      case 'development-report':
        // Conduct reg 70(6): agreed today, so the review (and every action) falls within 12 months of today.
        checkDevelopmentReport(
          parsed as ConductTaskPayload<'development-report'>,
          today(),
          this.rprpReviewFromAgreement ? rprpReviewDue(today(), this.cal, this.input.sla).dueOn : this.rprp!.reviewDueOn,
        );
        break;
      case 'rprp-review':
        checkPastDate('heldOn', (parsed as ConductTaskPayload<'rprp-review'>).heldOn, today(), this.raisedOn);
        break;
      case 'staff-appeal': {
        const p = parsed as ConductTaskPayload<'staff-appeal'>;
        checkStaffAppeal(this.staffOutcome!, p.result, p.outcome);
        break;
      }
      default:
        break;
    }
  }

  /** The account itself is sealed in the RPRP record (§3.3.9); it must be there before the discussion closes. */
  private async requireSealedAccount(task: ConductTask): Promise<void> {
    if (!(await acts.rprpAccountRecorded(this.input.caseId))) {
      throw ApplicationFailure.nonRetryable(
        `record the officer's account in the reflective practice record first (POST /conduct-matters/${this.input.ref}/tasks/${task.id}/complete with "account"); it is sealed (§3.3.9) and never sent to the workflow`,
        'TaskRefusal',
      );
    }
    if (task.completedAt) throw ApplicationFailure.nonRetryable(`task ${task.id} is already closed`, 'TaskRefusal');
  }

  // ── §3.3.5: a formal PSD assessment is requested only via a chief inspector or above ────────

  private async requestFormalAssessment({ actor, source, sourceDetail }: FormalAssessmentRequest): Promise<ConductState> {
    // Only requests with a source are new (older validators refused PSD below chief inspector rank).
    if (source !== undefined && patched(PSD_OPENS_ASSESSMENT)) {
      const detail = source === 'other' ? sourceDetail!.trim() : undefined;
      this.formalRequest = { byId: actor.id, at: nowIso(), via: 'update', source, ...(detail ? { sourceDetail: detail } : {}) };
      await this.cw.audit(actor.id, 'severity-assessment-opened-by-psd', { basis: 'appropriate authority (§3.3.5 is force policy, not law)', source });
      return this.state();
    }
    this.formalRequest = { byId: actor.id, at: nowIso(), via: 'update' };
    await this.cw.audit(actor.id, 'formal-assessment-requested', { basis: '§3.3.5', via: 'update' });
    return this.state();
  }

  private validateFormalRequest({ actor, rationale, source, sourceDetail }: FormalAssessmentRequest): void {
    // With a source, PSD opens it for the appropriate authority; without, the §3.3.5 routing rule applies.
    const refusal = source !== undefined ? psdOpensAssessmentRefusal(actor, source, sourceDetail) : formalRequestRefusal(actor);
    if (refusal) throw new TaskRefusal(refusal);
    if (this.formalRequest) {
      throw new TaskRefusal(`a formal assessment of ${this.input.ref} was already requested by ${this.formalRequest.byId} at ${this.formalRequest.at}`);
    }
    if (!TRIAGE_STAGES.includes(this.cw.state.stage)) {
      throw new TaskRefusal(
        `matter ${this.input.ref} is at stage ${this.cw.state.stage}: a formal assessment can be requested only while the concern is being triaged (chief inspector discussion or PSD advice)`,
      );
    }
    if (typeof rationale !== 'string' || rationale.trim().length === 0) throw new TaskRefusal('rationale: say why a formal assessment is needed');
  }

  // ── The officer's response windows: Conduct reg 18 (notice) and reg 31 (after referral) ─────

  private async recordOfficerResponse({ actor, window }: OfficerResponse): Promise<ConductState> {
    const w = this.responseWindows.find((x) => x.kind === window)!;
    w.respondedOn = today();
    w.respondedBy = actor.id;
    await this.cw.audit(actor.id, 'officer-response-received', { window, basis: basisOf(window) });
    return this.state();
  }

  private validateOfficerResponse({ actor, window }: OfficerResponse): void {
    const basis = basisOf(window);
    const w = this.responseWindows.find((x) => x.kind === window);
    if (!w && this.underStaffProcedure()) throw new TaskRefusal(notForPoliceStaff(`officer's response window (${basis})`, this.input.subject.person));
    if (!w && window === 'referral' && this.form === 'accelerated-hearing') {
      throw new TaskRefusal(`${this.input.ref} goes to an accelerated hearing, which follows Part 5's own notice and periods: there is no Conduct reg 31 response window`);
    }
    if (!w && window === 'referral' && this.form && !this.referralDocumentsSuppliedOn) {
      throw new TaskRefusal(
        `the notice of referral and its documents (Conduct reg 30) have not been supplied to the officer yet: the reg 31 window opens on the first working day after they are`,
      );
    }
    if (!w) {
      throw new TaskRefusal(
        `no ${window === 'notice' ? 'investigation notice' : 'referral to proceedings'} has been given on ${this.input.ref}, so there is no response window (${basis}); it is at stage ${this.cw.state.stage}`,
      );
    }
    if (w.respondedOn) throw new TaskRefusal(`the officer's response (${basis}) was already recorded on ${w.respondedOn} by ${w.respondedBy}`);
    if (today() > w.closesOn) {
      throw new TaskRefusal(
        `the officer's response window (${basis}) opened on ${w.opensOn} and closed at the end of ${w.closesOn}; a late response is not recorded against it`,
      );
    }
    if (actor.id !== this.input.subject.personId && !isPsd(actor)) {
      throw new TaskRefusal(`only the officer concerned or PSD may record the officer's response; ${actor.id} is ${actor.role}`);
    }
  }

  // ── Conduct reg 45: appeal from a misconduct meeting within 7 working days of the outcome report ──

  private async lodgeAppeal({ actor }: AppealNotice): Promise<ConductState> {
    this.appeal = { lodgedOn: today(), lodgedBy: actor.id };
    await this.cw.audit(actor.id, 'appeal-lodged', { basis: this.procedure === 'police-staff' ? 'police-staff misconduct procedure' : 'Conduct reg 45' });
    return this.state();
  }

  private validateAppeal({ actor }: AppealNotice): void {
    if (this.underStaffProcedure()) return this.validateStaffAppeal(actor);
    if (!this.form) throw new TaskRefusal(`no misconduct proceedings have been held on ${this.input.ref}: there is nothing to appeal`);
    const route = appealAvailable(this.form);
    if (!route.available) throw new TaskRefusal(route.reason);
    const byRegulation = appealRouteFor(this.form, this.input.subject.person);
    if (byRegulation.route === 'police-appeals-tribunal') throw new TaskRefusal(byRegulation.reason);
    if (!this.appealWindowClosesOn && this.outcomeOn && !this.outcomeReportGivenOn && this.cw.state.stage === 'outcome-report') {
      throw new TaskRefusal(
        `the outcome report (Conduct reg 43) has not been given to the officer yet: the appeal window (Conduct reg 45(3)) runs 7 working days from the first working day after it is`,
      );
    }
    if (!this.appealWindowClosesOn) throw new TaskRefusal(`no appealable outcome has been reported on ${this.input.ref} (stage ${this.cw.state.stage})`);
    if (this.appeal) throw new TaskRefusal(`an appeal was already lodged on ${this.appeal.lodgedOn} by ${this.appeal.lodgedBy}`);
    if (today() > this.appealWindowClosesOn) throw new TaskRefusal(lateAppealRefusal(this.appealWindowClosesOn));
    if (actor.id !== this.input.subject.personId && !isPsd(actor)) {
      throw new TaskRefusal(`only the officer concerned (or PSD recording their written notice) may lodge an appeal; ${actor.id} is ${actor.role}`);
    }
  }

  // ── Police staff: not subject to the Conduct Regulations (./staff-rules.ts) ─────────────────

  /**
   * A staff matter that is not on the Conduct Regulations' path: in the staff procedure, or not yet
   * past the assessment. A staff matter already in Conduct proceedings (started before the staff
   * procedure existed) keeps them, so its running steps are not refused.
   */
  private underStaffProcedure(): boolean {
    return isPoliceStaff(this.input.subject.person) && (this.procedure === 'police-staff' || (this.form === undefined && this.responseWindows.length === 0));
  }

  private validateStaffAppeal(actor: Actor): void {
    if (this.procedure !== 'police-staff' || this.staffOutcome === undefined) {
      throw new TaskRefusal(`no outcome has been given under the police-staff misconduct procedure on ${this.input.ref} (stage ${this.cw.state.stage}): there is nothing to appeal`);
    }
    if (!this.appealWindowClosesOn) throw new TaskRefusal(`the police-staff outcome ${this.staffOutcome} carries no appeal (only a written warning or dismissal does)`);
    if (this.appeal) throw new TaskRefusal(`an appeal was already lodged on ${this.appeal.lodgedOn} by ${this.appeal.lodgedBy}`);
    if (today() > this.appealWindowClosesOn) throw new TaskRefusal(`the police-staff appeal window closed at the end of ${this.appealWindowClosesOn}; a late appeal is not accepted`);
    if (actor.id !== this.input.subject.personId && !isPsd(actor)) {
      throw new TaskRefusal(`only the member of staff concerned (or PSD recording their written notice) may lodge an appeal; ${actor.id} is ${actor.role}`);
    }
  }

  // ── Sch 3 paras 14–15: the IOPC's decision on a recordable conduct matter referred to it (C&M reg 7) ──

  private async recordIopcDecision({ actor, decision, iopcReference }: IopcDecisionRecord): Promise<ConductState> {
    this.recordable!.iopcDecision = { decision, recordedOn: today(), byId: actor.id, iopcReference: iopcReference.trim() };
    await this.cw.audit(actor.id, 'iopc-decision-recorded', { decision, basis: 'PRA 2002 Sch 3 paras 14–15' });
    return this.state();
  }

  private validateIopcDecision({ actor, decision, iopcReference }: IopcDecisionRecord): void {
    const refusal = iopcDecisionRefusal(this.recordable, this.cw.state.stage, { actor, decision, iopcReference });
    if (refusal) throw new TaskRefusal(refusal);
  }

  // ── Extensions for exceptional circumstances: Conduct reg 45(3)(a) and reg 31(1)(b) ───────

  /** The window an extension would move: the appeal window, or the open response after referral. */
  private windowToExtend(window: WindowExtensionRequest['window']): { closesOn: string } | undefined {
    if (window === 'appeal') return this.appealWindowClosesOn && !this.appeal && this.cw.state.stage === 'appeal-window' ? { closesOn: this.appealWindowClosesOn } : undefined;
    const w = this.responseWindows.find((x) => x.kind === 'referral');
    return w && !w.respondedOn && this.cw.state.stage === 'referral-response' ? w : undefined;
  }

  private async extendWindow({ actor, window, closesOn, reason }: WindowExtensionRequest): Promise<ConductState> {
    const from = this.windowToExtend(window)!.closesOn;
    if (window === 'appeal') this.appealWindowClosesOn = closesOn;
    else this.responseWindows.find((x) => x.kind === 'referral')!.closesOn = closesOn;
    this.extensions.push({ window, from, to: closesOn, byId: actor.id, reason: reason.trim() });
    await this.cw.audit(actor.id, 'window-extended', { window, from, to: closesOn, basis: window === 'appeal' ? 'Conduct reg 45(3)(a)' : 'Conduct reg 31(1)(b)' });
    return this.state();
  }

  private validateExtension(r: WindowExtensionRequest): void {
    if (this.underStaffProcedure()) {
      throw new TaskRefusal(notForPoliceStaff(r.window === 'appeal' ? 'extension of a Conduct reg 45 appeal window' : 'extension of a Conduct reg 31 response window', this.input.subject.person));
    }
    if (r.window !== 'appeal' && r.window !== 'referral') throw new TaskRefusal("window must be 'appeal' or 'referral'");
    // The appropriate authority (reg 45) or the chair of the proceedings (reg 31): PSD acts for both here.
    if (!isPsd(r.actor)) {
      throw new TaskRefusal(
        `only the ${r.window === 'appeal' ? 'appropriate authority' : 'person chairing the proceedings'} (PSD) may extend the window; ${r.actor.id} is ${r.actor.role}`,
      );
    }
    checkWindowExtension(r, this.windowToExtend(r.window), today());
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
