// Disciplinary proceedings for misconduct or gross misconduct (DOMAIN.md "Conduct matter"): an
// investigator from the allocation service, the written notice (Conduct reg 17) and the officer's
// response window (reg 18), the investigation report, the appropriate authority's referral
// decision (reg 23), the response window after referral (reg 31), the meeting, hearing or
// accelerated hearing and its outcome, the appeal from a meeting (reg 45), and the reports to the
// local policing body at 12 months and every 6 months after (reg 19) while it runs.
import { patched } from '@temporalio/workflow';
import {
  appealAvailable,
  appealNoticeDue,
  deadlineAtEndOf,
  officerResponseDue,
  toLondonDate,
  responseAfterReferralDue,
  type Deadline,
} from '@probity/shared/domain/index';
import { conditionUntil, nowIso, today } from '../casework/clock';
import { conductWorkflowId, type ConductState, type ResponseWindow } from './contract';
import { acts, type ConductMatter } from './matter';
import { reflectivePractice } from './reflective-practice';
import { defaultPublishFrom, referralForm } from './task-rules';
import { OUTCOME_REPORT_PERIOD, REFERRAL_NOTICE_PERIOD, appealRouteFor, responseAfterReferralApplies } from './regulation-rules';

/**
 * Patch (issue 13): the response after referral runs from the first working day after the reg 30
 * notice and documents are supplied (Conduct reg 31(1)), not from the referral decision, and an
 * accelerated hearing has no reg 31 window (Part 5). Matters referred before it keep their window.
 */
export const REG31_FROM_DOCUMENTS = 'conduct-reg31-from-documents';

/**
 * Patch (issue 13): the reports to the local policing body run from when the allegation first came
 * to the appropriate authority's attention (Conduct reg 19(2)), not from the investigation notice,
 * and stop when the investigation is completed (reg 19(1)). Matters from before keep their reports.
 */
export const REG19_FROM_ATTENTION = 'conduct-reg19-from-attention';

/**
 * Patch (issue 13): after a meeting's misconduct finding the chair's outcome report (Conduct reg
 * 43) is given to the officer, and the reg 45 appeal window runs from it; a senior officer has no
 * appeal meeting (reg 45(1)). Meetings decided before it keep the window from the outcome day.
 */
export const REG45_FROM_OUTCOME_REPORT = 'conduct-reg45-from-outcome-report';

/**
 * `investigatedByIopc`: the IOPC investigated independently (Sch 3 para 19; C&M reg 7 referral),
 * so the force has no investigator, notice or reports of its own and goes to the referral decision.
 */
export async function proceedings(m: ConductMatter, opts: { investigatedByIopc?: boolean } = {}): Promise<ConductState> {
  const { cw, input, timetable } = m;
  const { cal, sla } = m;
  const authority = m.allocated(input.appropriateAuthorityId, 'an appropriate authority');

  // Conduct reg 19(2): the relevant periods run from "the day on which the allegation first came to
  // the attention of the appropriate authority" — here the day PSD, acting for it, took the formal
  // request (§3.3.5) — and the reports are due while the investigation is not completed.
  const reportsFromAttention = patched(REG19_FROM_ATTENTION);
  const startReports = (openedOn: string) =>
    cw.longRunningReports({
      taskType: 'long-running-report',
      openedOn,
      assignee: () => authority,
      deadline: (reportDue) => m.due(reportDue.dueOn, timetable.longRunningReport),
      onOpened: (n) => {
        m.longRunningReports = n;
      },
    });
  let reports = reportsFromAttention && !opts.investigatedByIopc ? startReports(toLondonDate(m.formalRequest?.at ?? input.receivedAt)) : undefined;
  /** Ends the investigated matter: reports stop, open report tasks are withdrawn. */
  const finish = async (result: string): Promise<ConductState> => {
    reports?.cancel();
    for (const t of [...cw.state.openTasks]) if (t.type === 'long-running-report') await cw.withdraw(t, 'matter-closed');
    return m.close(result, [...m.supervisor, { personId: authority }]);
  };
  // Told of a misconduct outcome: the force's investigator, or the appropriate authority after the IOPC's investigation.
  let investigatorId = authority;

  // ── The force's investigation (not when the IOPC investigated independently) ──────────────
  if (!opts.investigatedByIopc) {
    // The allocation service chooses the investigator and signals back.
    await cw.moveTo('investigation');
    await cw.emit('allocation.requested', {
      workflowId: conductWorkflowId(input.ref),
      mode: 'psd-investigator',
      subjects: [{ personId: input.subject.personId, ...(input.subject.team ? { team: input.subject.team } : {}), ...(input.subject.division ? { division: input.subject.division } : {}) }],
    });
    await cw.awaitAssignment(() => m.assignment !== undefined, { itemType: 'allocation-stalled', managerId: authority });
    investigatorId = m.assignment!.assigneeId;
    m.investigatorId = investigatorId;
    cw.state.lead = investigatorId;
    await acts.recordProceedingsRole({ caseId: input.caseId, personId: investigatorId, role: 'investigator', at: nowIso() });
    await cw.audit('allocation', 'investigator-assigned', { assigneeId: investigatorId, reason: m.assignment!.reason });

    const noticeDue = m.due(Date.now(), timetable.investigationNotice);
    const notice = await m.taskDone(await m.open('investigation-notice', investigatorId, noticeDue));

    // Before REG19_FROM_ATTENTION: 12 months after the notice, then every 6 months, while the matter is open.
    reports ??= startReports(notice.servedOn);

    await responseWindow(m, 'notice', notice.servedOn, officerResponseDue(notice.servedOn, cal, sla));

    await cw.moveTo('investigation-report');
    const report = await m.taskDone(await m.open('investigation-report', investigatorId, m.due(Date.now(), timetable.investigationReport)));
    await cw.audit(investigatorId, 'investigation-reported', { recommendation: report.recommendation });
    // Conduct reg 19(1): reports are for an investigation "not completed"; with its report (reg 21) no new period begins.
    if (reportsFromAttention) reports.cancel();
  }

  // ── Referral decision by the appropriate authority (Conduct reg 23) ─────────────────────────
  cw.state.lead = authority;
  const referralDue = m.due(Date.now(), timetable.referralDecision);
  await cw.moveTo('referral-decision', { due: referralDue });
  const referralTask = await m.open('referral-decision', authority, referralDue);
  const referral = await m.taskDone(referralTask);
  await acts.recordProceedingsRole({ caseId: input.caseId, personId: referralTask.completedBy!, role: 'appropriate-authority', at: nowIso() });

  if (referral.decision === 'no-case-to-answer') return finish('no-case-to-answer');
  if (referral.decision === 'refer-to-rprp') {
    await reflectivePractice(m, 'psd', referral.instructions);
    return finish('practice-requiring-improvement');
  }

  // ── Proceedings: meeting, hearing or accelerated hearing ─────────────────────────────────
  const form = referralForm(referral);
  m.form = form;
  m.liveFinalWrittenWarning = referral.liveFinalWrittenWarning === true;
  const referredOn = today();
  m.referredOn = referredOn;
  await cw.audit(authority, 'referred-to-proceedings', { form, severity: referral.severity ?? 'misconduct' });
  if (patched(REG31_FROM_DOCUMENTS)) {
    // Conduct reg 30: the notice of referral and the documents; reg 31's 15 working days begin the next working day.
    const noticeDue = m.due(referredOn, timetable.referralNotice ?? REFERRAL_NOTICE_PERIOD);
    await cw.moveTo('referral-notice', { due: noticeDue });
    const supplied = await m.taskDone(await m.open('referral-notice', authority, noticeDue));
    m.referralDocumentsSuppliedOn = supplied.suppliedOn;
    await cw.audit(authority, 'referral-documents-supplied', { suppliedOn: supplied.suppliedOn, basis: 'Conduct reg 30' });
    if (responseAfterReferralApplies(form)) {
      await responseWindow(m, 'referral', supplied.suppliedOn, responseAfterReferralDue(supplied.suppliedOn, cal, sla));
    } else {
      await cw.audit('system', 'no-reg-31-window', { form, basis: 'Conduct Part 5 (accelerated misconduct hearing)' });
    }
  } else {
    await responseWindow(m, 'referral', referredOn, responseAfterReferralDue(referredOn, cal, sla));
  }

  const proceedingsDue = m.due(referredOn, timetable.proceedings[form]);
  await cw.moveTo('proceedings', { due: proceedingsDue });
  const outcomeTask = await m.open('proceedings-outcome', authority, proceedingsDue);
  const result = await m.taskDone(outcomeTask);
  await acts.recordProceedingsRole({ caseId: input.caseId, personId: outcomeTask.completedBy!, role: 'appropriate-authority', at: nowIso() });
  m.finding = result.finding;
  m.sanction = result.sanction;
  const outcomeOn = today();
  await cw.audit(outcomeTask.completedBy!, 'proceedings-outcome', { form, finding: m.finding, sanction: m.sanction ?? null });

  if (result.finding === 'practice-requiring-improvement') {
    // The proceedings referred it to reflective practice; its records are sealed from them (§3.3.9).
    await reflectivePractice(m, 'proceedings', undefined);
    return finish('practice-requiring-improvement');
  }
  if (result.finding === 'not-proven') return finish('not-proven');

  // ── Misconduct found: the outcome kept for publication (PEEL), the appeal window opened ───
  const misconductFinding = result.finding;
  m.outcomeOn = outcomeOn;
  if (form === 'misconduct-meeting' && patched(REG45_FROM_OUTCOME_REPORT)) {
    // Conduct reg 43: the chair's outcome report, given to the officer; the reg 45 window runs from it.
    const reportDue = m.due(outcomeOn, OUTCOME_REPORT_PERIOD);
    await cw.moveTo('outcome-report', { due: reportDue });
    const report = await m.taskDone(await m.open('outcome-report', authority, reportDue));
    m.outcomeReportGivenOn = report.givenToOfficerOn;
    const route = appealRouteFor(form, input.subject.person);
    if (route.route === 'internal') {
      m.appealRoute = 'appeal-meeting';
      m.appealWindowClosesOn = appealNoticeDue(report.givenToOfficerOn, cal, sla).dueOn;
    } else {
      m.appealRoute = 'police-appeals-tribunal';
    }
    await cw.audit(authority, 'outcome-report-given', { givenOn: report.givenToOfficerOn, appealRoute: m.appealRoute, basis: 'Conduct regs 43, 45' });
  } else {
    const appealRoute = appealAvailable(form);
    if (appealRoute.available) m.appealWindowClosesOn = appealNoticeDue(outcomeOn, cal, sla).dueOn;
  }
  await acts.recordMisconductOutcome({
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
    publishFrom: result.publish === true ? (result.publishFrom ?? defaultPublishFrom(form, outcomeOn, m.appealWindowClosesOn)) : null,
    // An argument only (no new command): older histories replay unchanged.
    nameWithheldBecause: result.nameWithheldBecause ?? null,
  });
  await cw.emit('case.outcome', { outcome: `${misconductFinding}:${result.sanction}`, resolution: 'proceedings-outcome', notify: [{ personId: investigatorId }] });

  if (m.appealWindowClosesOn) await appealFromMeeting(m, m.appealWindowClosesOn);
  return finish(m.finding === 'finding-overturned-on-appeal' ? 'finding-overturned-on-appeal' : `${misconductFinding}:${m.sanction}`);
}

/**
 * An officer's response window: opens on `opensOn`, closes at the end of `closes`. The matter
 * moves on when the response is recorded (recordOfficerResponse update) or the window has closed.
 */
async function responseWindow(m: ConductMatter, kind: ResponseWindow['kind'], opensOn: string, closes: Deadline): Promise<void> {
  const w: ResponseWindow = { kind, opensOn, closesOn: closes.dueOn };
  m.responseWindows.push(w);
  await m.cw.moveTo(kind === 'notice' ? 'officer-response' : 'referral-response', { due: closes });
  await m.cw.audit('system', 'response-window-opened', { kind, opensOn, closesOn: closes.dueOn, basis: kind === 'notice' ? 'Conduct reg 18' : 'Conduct reg 31' });
  // An extension (Conduct reg 31(1)(b), extendWindow update) moves closesOn: wait on to the new end.
  let closesOn = w.closesOn;
  for (;;) {
    await conditionUntil(() => w.respondedOn !== undefined || w.closesOn !== closesOn, deadlineAtEndOf(closesOn).dueAtMs);
    if (w.respondedOn !== undefined || w.closesOn === closesOn) return;
    closesOn = w.closesOn;
    await m.cw.moveTo('referral-response', { due: deadlineAtEndOf(closesOn) });
  }
}

/** Conduct reg 45: the officer may appeal from a meeting until the window closes; the head of PSD chairs it. */
async function appealFromMeeting(m: ConductMatter, closesOn: string): Promise<void> {
  const { cw, input } = m;
  // An extension for exceptional circumstances (Conduct reg 45(3)(a)) moves the close: wait on to it.
  for (;;) {
    const window = deadlineAtEndOf(closesOn);
    await cw.moveTo('appeal-window', { due: window });
    await conditionUntil(() => m.appeal !== undefined || m.appealWindowClosesOn !== closesOn, window.dueAtMs);
    if (m.appeal !== undefined) break;
    if (m.appealWindowClosesOn === closesOn) return;
    closesOn = m.appealWindowClosesOn!;
  }
  const chair = await cw.headOfPsd();
  await acts.recordProceedingsRole({ caseId: input.caseId, personId: chair, role: 'appeal-chair', at: nowIso() });
  const appealDue = m.due(Date.now(), m.timetable.appealDecision);
  cw.state.lead = chair;
  await cw.moveTo('appeal', { due: appealDue });
  const decided = await m.taskDone(await m.open('appeal', chair, appealDue));
  m.appeal!.result = decided.result;
  if (decided.sanction) m.sanction = decided.sanction;
  if (decided.result === 'finding-overturned') m.finding = 'finding-overturned-on-appeal';
  await acts.recordAppealResult({ caseId: input.caseId, result: decided.result, ...(decided.sanction ? { sanction: decided.sanction } : {}) });
  await cw.audit(chair, 'appeal-decided', { result: decided.result });
}

