// The conduct matter workflow on the time-skipping test server, with the real activities writing
// to the real Postgres and publishing on the real Kafka broker (DOMAIN.md "Conduct matter").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer } from 'kafkajs';
import { loadConfig } from '@probity/shared/config';
import { ENGLAND_AND_WALES, addCalendarDays, addMonths, toLondonDate } from '@probity/shared/domain/index';
import { EncryptionCodec } from '@probity/shared/temporal/codec';
import { AssignedTo, CaseKind, CaseRef, Stage } from '@probity/shared/temporal/search-attributes';
import { recordRprpAccount, readSealedRprpRecord } from '@probity/activities/rprp';
import { conductStateQuery, conductWorkflowId, extendWindowUpdate, lodgeAppealUpdate, recordOfficerResponseUpdate, requestFormalAssessmentUpdate } from '../src/conduct/contract';
import type { conduct } from '../src/conduct/conduct';
import { closedMatterRefusal } from '../src/conduct/task-rules';
import {
  PEOPLE,
  actor,
  collectEvents,
  complete,
  eventsOf,
  openTaskOf,
  refusal,
  skipToNoonOf,
  startConduct,
  stateOf,
  todayIn,
  waitFor,
  waitForStage,
  type Collected,
  type ConductHandle,
} from './conduct-world';
import { createWorld, type World } from './world';

let w: World;
let events: { byCase: Map<string, Collected[]>; consumer: Consumer };
beforeAll(async () => {
  w = await createWorld();
  events = await collectEvents();
});
afterAll(async () => {
  await events?.consumer.disconnect();
  await w?.close();
});

const cal = ENGLAND_AND_WALES;
const PSD = new Set<string>([PEOPLE.assessor, PEOPLE.authority, PEOPLE.investigator, PEOPLE.head, 'psd-handler-2']);
const notified = (evs: Collected['event'][]) => evs.flatMap((e) => (e.data.notify ?? []).map((r) => ('personId' in r ? r.personId : 'complainant')));

/**
 * The matter's timeline as stage names, from its case record. The workflow's state shows a stage
 * as soon as it is entered and the activity records it just after, so this waits (bounded) until
 * the record has caught up with the workflow's current stage.
 */
async function stagesOf(caseId: string): Promise<string[]> {
  const handle = w.env.client.workflow.getHandle(conductWorkflowId((await w.db.case.findUniqueOrThrow({ where: { id: caseId } })).ref));
  let stages: string[] = [];
  for (let i = 0; i < 50; i++) {
    const current = (await handle.query(conductStateQuery)).stage;
    stages = (await w.db.stageTiming.findMany({ where: { caseId }, orderBy: { enteredAt: 'asc' } })).map((s) => s.stage);
    if (stages.at(-1) === current) return stages;
    await new Promise((r) => setTimeout(r, 100));
  }
  return stages;
}

const severity = (outcome: string, over: Record<string, unknown> = {}) => ({ outcome, rationale: 'assessed against §3.3.1', ...over });

/** Severity assessment → misconduct → investigator assigned → notice served today. */
async function toInvestigation(handle: ConductHandle) {
  await complete(handle, 'severity-assessment', PEOPLE.assessor, severity('misconduct'));
  await waitForStage(handle, 'investigation');
  await handle.signal('assigned', { assigneeId: PEOPLE.investigator, reason: 'test allocation' });
  const servedOn = await todayIn(w);
  await complete(handle, 'investigation-notice', PEOPLE.investigator, { servedOn, method: 'in-person' });
  await waitForStage(handle, 'officer-response');
  return servedOn;
}

/** Conduct reg 30: the appropriate authority records the notice and documents supplied (today unless given). */
async function supplyReferralDocuments(handle: ConductHandle, suppliedOn?: string) {
  await waitForStage(handle, 'referral-notice');
  await complete(handle, 'referral-notice', PEOPLE.authority, { suppliedOn: suppliedOn ?? (await todayIn(w)) });
}

/** Conduct reg 43: the meeting's outcome report is given to the officer (today unless given). */
async function giveOutcomeReport(handle: ConductHandle, givenToOfficerOn?: string) {
  await waitForStage(handle, 'outcome-report');
  await complete(handle, 'outcome-report', PEOPLE.authority, { givenToOfficerOn: givenToOfficerOn ?? (await todayIn(w)) });
}

/** From the reg 18 window to the outcome of a misconduct meeting, the officer responding in time each time. */
async function toMeetingOutcome(handle: ConductHandle, outcome: Record<string, unknown>) {
  await handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.subject), window: 'notice' }] });
  await complete(handle, 'investigation-report', PEOPLE.investigator, { recommendation: 'case-to-answer', summary: 'evidence supports the allegation' });
  await complete(handle, 'referral-decision', PEOPLE.authority, { decision: 'refer-to-proceedings', severity: 'misconduct', rationale: 'case to answer' });
  await supplyReferralDocuments(handle);
  await waitForStage(handle, 'referral-response');
  await handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.investigator), window: 'referral' }] });
  await complete(handle, 'proceedings-outcome', PEOPLE.authority, outcome);
}

describe('triage of a supervisor’s concern (§3.3.4–§3.3.7)', () => {
  it('clearly not misconduct: local reflective practice, closed, no PSD task and no PSD notification (§3.3.7)', async () => {
    const { handle, input } = await startConduct(w, { view: 'clearly-not-misconduct' });
    const s = await waitForStage(handle, 'retained');
    expect(s.outcome).toBe('local-reflective-practice');
    expect(s.triage).toMatchObject({ route: 'local-reflective-practice', basis: '§3.3.7' });
    expect([...s.openTasks, ...s.completedTasks]).toEqual([]);
    expect(await stagesOf(input.caseId)).toEqual(['local-reflective-practice', 'retained']);
    expect((await w.db.case.findUniqueOrThrow({ where: { id: input.caseId } })).closedAt).not.toBeNull();
    expect(await w.db.task.count({ where: { caseId: input.caseId } })).toBe(0);
    const outcome = await eventsOf(events.byCase, input.caseId, 'case.outcome');
    expect(outcome[0]!.data).toMatchObject({ outcome: 'local-reflective-practice', resolution: 'handled-locally' });
    expect(notified(outcome)).toEqual([PEOPLE.sergeant]);
    expect(notified(outcome).some((p) => PSD.has(p))).toBe(false);
    // Ops can find it in the Temporal UI.
    const attrs = (await handle.describe()).typedSearchAttributes;
    expect([attrs.get(CaseKind), attrs.get(CaseRef), attrs.get(Stage), attrs.get(AssignedTo)]).toEqual(['conduct', input.ref, 'retained', PEOPLE.sergeant]);
  });

  it('on the cusp: the chief inspector discusses it and finds it is not misconduct → local', async () => {
    const { handle, input } = await startConduct(w, { view: 'on-the-cusp' });
    const task = await openTaskOf(handle, 'chief-inspector-discussion');
    expect(task.assigneeId).toBe(PEOPLE.chiefInspector);
    expect((await stateOf(handle)).triage).toMatchObject({ route: 'discuss-with-chief-inspector', basis: '§3.3.4' });
    // The task is the chief inspector's, not the sergeant's.
    expect(await refusal(complete(handle, 'chief-inspector-discussion', PEOPLE.sergeant, { outcome: 'not-misconduct', rationale: 'x' })))
      .toMatch(/north-sergeant may not complete task .*only the assignee \(north-chief-inspector\)/);
    await complete(handle, 'chief-inspector-discussion', PEOPLE.chiefInspector, { outcome: 'not-misconduct', rationale: 'rude but not misconduct' });
    const s = await waitForStage(handle, 'retained');
    expect(s.outcome).toBe('local-reflective-practice');
    expect(await stagesOf(input.caseId)).toEqual(['chief-inspector-discussion', 'local-reflective-practice', 'retained']);
    const assigned = await eventsOf(events.byCase, input.caseId, 'case.task-assigned');
    expect(notified(assigned)).toEqual([PEOPLE.chiefInspector]);
    expect(notified(await eventsOf(events.byCase, input.caseId, 'case.outcome')).some((p) => PSD.has(p))).toBe(false);
  });

  it('on the cusp and still uncertain after the chief inspector: PSD advice, which may say handle it locally', async () => {
    const { handle } = await startConduct(w, { view: 'on-the-cusp' });
    await complete(handle, 'chief-inspector-discussion', PEOPLE.chiefInspector, { outcome: 'still-uncertain', rationale: 'borderline' });
    const advice = await openTaskOf(handle, 'psd-advice');
    expect(advice.assigneeId).toBe(PEOPLE.assessor);
    // Only PSD gives PSD advice.
    expect(await refusal(complete(handle, 'psd-advice', PEOPLE.chiefInspector, { advice: 'local-handling', rationale: 'x' }))).toMatch(/may not complete task|only PSD/);
    await complete(handle, 'psd-advice', PEOPLE.assessor, { advice: 'local-handling', rationale: 'reflective practice will do' });
    expect((await waitForStage(handle, 'retained')).outcome).toBe('local-reflective-practice');
  });

  it('already discussed with the chief inspector: straight to PSD advice, which may say assess it formally', async () => {
    const { handle, input } = await startConduct(w, { view: 'on-the-cusp', discussedWithChiefInspector: true });
    await complete(handle, 'psd-advice', PEOPLE.assessor, { advice: 'formal-assessment', rationale: 'could justify a written warning' });
    const s = await waitForStage(handle, 'severity-assessment');
    expect(s.triage.route).toBe('seek-psd-advice');
    expect(s.formalRequest).toMatchObject({ byId: PEOPLE.chiefInspector, via: 'psd-advice' });
    expect(await stagesOf(input.caseId)).toEqual(['psd-advice', 'severity-assessment']);
  });

  it('a formal assessment is accepted from a chief inspector — raised by one, or requested by one during the discussion (§3.3.5)', async () => {
    const raised = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    const s1 = await waitForStage(raised.handle, 'severity-assessment');
    expect(s1.formalRequest).toMatchObject({ byId: PEOPLE.chiefInspector, via: 'intake' });
    expect((await openTaskOf(raised.handle, 'severity-assessment')).assigneeId).toBe(PEOPLE.assessor);

    const cusp = await startConduct(w, { view: 'on-the-cusp' });
    const discussion = await openTaskOf(cusp.handle, 'chief-inspector-discussion');
    const after = await cusp.handle.executeUpdate(requestFormalAssessmentUpdate, { args: [{ actor: actor(PEOPLE.chiefInspector), rationale: 'dishonesty alleged' }] });
    expect(after.formalRequest).toMatchObject({ byId: PEOPLE.chiefInspector, via: 'update' });
    const s2 = await waitForStage(cusp.handle, 'severity-assessment');
    expect(s2.completedTasks.find((t) => t.id === discussion.id)?.completedBy).toBe('system:formal-assessment-requested');
  });

  it('refuses a formal assessment request below chief inspector rank, saying why (§3.3.5)', async () => {
    const { handle } = await startConduct(w, { view: 'on-the-cusp' });
    await openTaskOf(handle, 'chief-inspector-discussion');
    const request = (by: string) => handle.executeUpdate(requestFormalAssessmentUpdate, { args: [{ actor: actor(by), rationale: 'I think it is misconduct' }] });
    expect(await refusal(request(PEOPLE.sergeant))).toBe(
      'A sergeant cannot request a formal PSD assessment of conduct: requests must come via an officer of at least the rank of chief inspector (§3.3.5). ' +
        'Discuss the matter with your chief inspector, who can make the request (§3.3.4).',
    );
    expect(await refusal(request(PEOPLE.inspector))).toMatch(/^An inspector cannot request a formal PSD assessment/);
    expect(await refusal(request('psd-handler-2'))).toMatch(/^Police staff \(grade psd-handler\) cannot request/);
    expect((await stateOf(handle)).stage).toBe('chief-inspector-discussion');

    // Should a sergeant's direct request reach the workflow at all, the refusal's advice is followed.
    const direct = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.sergeant });
    const s = await waitForStage(direct.handle, 'chief-inspector-discussion');
    expect(s.triage).toMatchObject({ route: 'formal-assessment-refused', basis: '§3.3.5' });
    expect(s.triage.explanation).toMatch(/A sergeant cannot request/);
    // And once past triage, nobody may request one.
    await complete(direct.handle, 'chief-inspector-discussion', PEOPLE.chiefInspector, { outcome: 'request-formal-assessment', rationale: 'agree' });
    await waitForStage(direct.handle, 'severity-assessment');
    expect(await refusal(direct.handle.executeUpdate(requestFormalAssessmentUpdate, { args: [{ actor: actor(PEOPLE.chiefInspector), rationale: 'again' }] })))
      .toMatch(/already requested by north-chief-inspector/);
  });
});

describe('PSD opens the severity assessment for the appropriate authority (§3.3.5 is force policy, not law)', () => {
  it('PSD staff, refused by the §3.3.5 rank rule, open the assessment with a source; a bad source is refused with the reason', async () => {
    const { handle } = await startConduct(w, { view: 'on-the-cusp' });
    const discussion = await openTaskOf(handle, 'chief-inspector-discussion');
    const open = (by: string, source?: unknown, sourceDetail?: unknown) =>
      handle.executeUpdate(requestFormalAssessmentUpdate, { args: [{ actor: actor(by), rationale: 'whistleblower report of dishonesty', source, sourceDetail } as never] });
    // The supervisor advice stays: without a source, PSD staff are refused by the rank rule.
    expect(await refusal(open('psd-handler-2'))).toMatch(/^Police staff \(grade psd-handler\) cannot request/);
    // Only PSD may open it with a source.
    expect(await refusal(open(PEOPLE.sergeant, 'whistleblower'))).toMatch(/only PSD, acting for the appropriate authority, may open a severity assessment/);
    expect(await refusal(open('psd-handler-2', 'rumour'))).toMatch(/^source: where the allegation came from, one of: supervisor-referral, psd-own-motion/);
    expect(await refusal(open('psd-handler-2', 'other', '  '))).toBe("sourceDetail: say what the source was when source is 'other'");
    expect((await stateOf(handle)).stage).toBe('chief-inspector-discussion');

    const after = await open('psd-handler-2', 'other', 'anonymous letter to the chief constable');
    expect(after.formalRequest).toMatchObject({ byId: 'psd-handler-2', via: 'update', source: 'other', sourceDetail: 'anonymous letter to the chief constable' });
    const s = await waitForStage(handle, 'severity-assessment');
    expect(s.completedTasks.find((t) => t.id === discussion.id)?.completedBy).toBe('system:formal-assessment-requested');
    expect((await openTaskOf(handle, 'severity-assessment')).assigneeId).toBe(PEOPLE.assessor);
  });
});

describe('police staff are not subject to the Police (Conduct) Regulations 2020: the police-staff misconduct procedure, its outcome kept for the statistics and lessons', () => {
  const staff = { kind: 'staff', grade: 'call-handler' } as const;

  it('a staff matter assessed as misconduct goes to the staff outcome and its own appeal, never a Conduct regs notice, meeting or hearing', async () => {
    const { handle } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector, subject: staff });
    await complete(handle, 'severity-assessment', PEOPLE.assessor, severity('misconduct'));
    const s = await waitForStage(handle, 'staff-misconduct-procedure');
    expect(s.procedure).toBe('police-staff');
    expect((await openTaskOf(handle, 'staff-misconduct-outcome')).assigneeId).toBe(PEOPLE.authority);
    // The Conduct Regulations' steps are refused with the reason.
    expect(await refusal(handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.subject), window: 'notice' }] })))
      .toMatch(/member of police staff \(grade call-handler\), who is not subject to the Police \(Conduct\) Regulations 2020.*there is no officer's response window \(Conduct reg 18\)/);
    expect(await refusal(handle.executeUpdate(extendWindowUpdate, { args: [{ actor: actor(PEOPLE.authority), window: 'appeal', closesOn: '2099-01-01', reason: 'x' }] })))
      .toMatch(/not subject to the Police \(Conduct\) Regulations 2020 \(they apply to police officers\): there is no extension of a Conduct reg 45 appeal window/);
    expect(await refusal(handle.executeUpdate(lodgeAppealUpdate, { args: [{ actor: actor(PEOPLE.subject) }] }))).toMatch(/no outcome has been given under the police-staff misconduct procedure/);
    // A Conduct regs sanction is not a staff outcome.
    expect(await refusal(complete(handle, 'staff-misconduct-outcome', PEOPLE.authority, { outcome: 'reduction-in-rank', rationale: 'x' })))
      .toMatch(/outcome must be one of the police-staff procedure's outcomes: no-case-to-answer, management-action, first-written-warning, final-written-warning, dismissal/);

    await complete(handle, 'staff-misconduct-outcome', PEOPLE.authority, { outcome: 'final-written-warning', rationale: 'proven' });
    const window = await waitForStage(handle, 'staff-appeal-window');
    expect(window.appealRoute).toBe('police-staff-appeal');
    expect(window.appealWindowClosesOn).toBe(ENGLAND_AND_WALES.addWorkingDays(await todayIn(w), 10));
    await handle.executeUpdate(lodgeAppealUpdate, { args: [{ actor: actor(PEOPLE.subject) }] });
    await waitForStage(handle, 'staff-appeal');
    await openTaskOf(handle, 'staff-appeal');
    expect(await refusal(complete(handle, 'staff-appeal', PEOPLE.head, { result: 'outcome-varied', outcome: 'dismissal', rationale: 'x' })))
      .toBe('outcome: an appeal may vary final-written-warning only to a lesser outcome, not dismissal');
    await complete(handle, 'staff-appeal', PEOPLE.head, { result: 'outcome-varied', outcome: 'first-written-warning', rationale: 'mitigation' });
    const done = await waitForStage(handle, 'retained');
    expect(done.outcome).toBe('police-staff:first-written-warning');
    expect(done.staffOutcome).toBe('first-written-warning');
    expect(done.proceedingsForm).toBeUndefined();
    expect(done.completedTasks.map((t) => t.type)).not.toContain('investigation-notice');
    // The record the statistics and lessons read: the outcome after the appeal, the matter finalised — never the officers' publication.
    const caseId = (await w.db.conductMatter.findUniqueOrThrow({ where: { ref: done.ref } })).caseId;
    expect(await w.db.staffMisconductOutcome.findUniqueOrThrow({ where: { caseId } })).toMatchObject({
      outcome: 'first-written-warning', decidedOutcome: 'final-written-warning', appealResult: 'outcome-varied', standards: ['authority-respect-and-courtesy'],
    });
    expect((await w.db.case.findUniqueOrThrow({ where: { id: caseId } })).finalisedAt).not.toBeNull();
    expect(await w.db.allegation.count({ where: { caseId, finalisedAt: null } })).toBe(0);
    expect(await w.db.misconductOutcome.count({ where: { caseId } })).toBe(0);
  });

  it('management action under the staff procedure carries no appeal and closes the matter', async () => {
    const { handle } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector, subject: staff });
    await complete(handle, 'severity-assessment', PEOPLE.assessor, severity('practice-requiring-improvement', { instructions: 'coach on call handling' }));
    await complete(handle, 'staff-misconduct-outcome', PEOPLE.authority, { outcome: 'management-action', rationale: 'coaching' });
    const done = await waitForStage(handle, 'retained');
    expect(done.outcome).toBe('police-staff:management-action');
    expect(done.rprp).toBeUndefined();
    expect(done.appealWindowClosesOn).toBeUndefined();
    const caseId = (await w.db.conductMatter.findUniqueOrThrow({ where: { ref: done.ref } })).caseId;
    expect(await w.db.staffMisconductOutcome.findUniqueOrThrow({ where: { caseId } })).toMatchObject({ outcome: 'management-action', decidedOutcome: 'management-action', appealResult: null });
  });
});

describe('PSD severity assessment (§3.3.1–§3.3.2, §3.3.8)', () => {
  it('refuses management advice citing §3.3.2; no further action closes the matter', async () => {
    const { handle, input } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    expect(await refusal(complete(handle, 'severity-assessment', PEOPLE.assessor, severity('management-advice'))))
      .toMatch(/invalid severity-assessment payload — outcome: 'management-advice' no longer exists: it was removed from the outcomes available \(§3\.3\.2\)/);
    expect(await refusal(complete(handle, 'severity-assessment', PEOPLE.assessor, severity('practice-requiring-improvement'))))
      .toMatch(/instructions: practice requiring improvement must come from PSD with instructions \(§3\.3\.8\)/);
    await complete(handle, 'severity-assessment', PEOPLE.assessor, severity('no-further-action'));
    const s = await waitForStage(handle, 'retained');
    expect(s).toMatchObject({ severity: 'no-further-action', outcome: 'no-further-action' });
    expect(await stagesOf(input.caseId)).toEqual(['severity-assessment', 'closed', 'retained']);
  });
});

describe('investigation and proceedings (Conduct regs 18, 31, 45)', () => {
  it('misconduct → notice → response in time → meeting → a sanction it may give → appeal lodged in time', async () => {
    const { handle, input } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector, standards: ['authority-respect-and-courtesy', 'discreditable-conduct'] });
    const servedOn = await toInvestigation(handle);
    const [requested] = await eventsOf(events.byCase, input.caseId, 'allocation.requested');
    expect(requested!.data).toMatchObject({ workflowId: `conduct-${input.ref}`, mode: 'psd-investigator', subjects: [{ personId: PEOPLE.subject }] });

    const s = await stateOf(handle);
    expect(s.investigatorId).toBe(PEOPLE.investigator);
    expect(s.responseWindows[0]).toMatchObject({ kind: 'notice', opensOn: servedOn, closesOn: cal.addWorkingDays(servedOn, 10) });
    // Someone other than the officer or PSD may not record the response.
    expect(await refusal(handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.sergeant), window: 'notice' }] })))
      .toMatch(/only the officer concerned or PSD/);

    // A sanction the meeting cannot give is refused, naming what it may give.
    await handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.subject), window: 'notice' }] });
    await complete(handle, 'investigation-report', PEOPLE.investigator, { recommendation: 'case-to-answer', summary: 'evidence supports it' });
    expect(await refusal(complete(handle, 'referral-decision', PEOPLE.authority, { decision: 'refer-to-proceedings', severity: 'misconduct', form: 'misconduct-hearing', rationale: 'x' })))
      .toMatch(/goes to a misconduct meeting, not a misconduct hearing/);
    await complete(handle, 'referral-decision', PEOPLE.authority, { decision: 'refer-to-proceedings', severity: 'misconduct', rationale: 'case to answer' });
    await supplyReferralDocuments(handle);
    const referred = await waitForStage(handle, 'referral-response');
    const referredOn = referred.responseWindows[1]!.opensOn;
    expect(referred.responseWindows[1]!.closesOn).toBe(cal.addWorkingDays(referredOn, 15));
    await handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.subject), window: 'referral' }] });
    expect(await refusal(complete(handle, 'proceedings-outcome', PEOPLE.authority, { finding: 'misconduct', sanction: 'dismissal-without-notice', publish: true })))
      .toMatch(/a misconduct meeting cannot give dismissal without notice .* it may give written warning, final written warning/);
    expect(await refusal(complete(handle, 'proceedings-outcome', PEOPLE.authority, { finding: 'misconduct', sanction: 'management-advice', publish: true })))
      .toMatch(/'management-advice' is no longer a sanction.*§3\.3\.2/);
    await complete(handle, 'proceedings-outcome', PEOPLE.authority, { finding: 'misconduct', sanction: 'final-written-warning', publish: true });
    const outcomeOn = await todayIn(w);
    await giveOutcomeReport(handle);

    const inWindow = await waitForStage(handle, 'appeal-window');
    expect(inWindow.appealWindowClosesOn).toBe(cal.addWorkingDays(outcomeOn, 7));
    const published = await w.db.misconductOutcome.findUniqueOrThrow({ where: { caseId: input.caseId } });
    expect(published).toMatchObject({
      ref: input.ref, form: 'misconduct-meeting', finding: 'misconduct', sanction: 'final-written-warning', subjectKind: 'officer', subjectRank: 'constable',
      standards: ['authority-respect-and-courtesy', 'discreditable-conduct'], publish: true,
    });
    // A meeting's outcome is published once its appeal window has closed.
    expect(published.publishFrom!.toISOString().slice(0, 10)).toBe(addCalendarDays(inWindow.appealWindowClosesOn!, 1));

    // Day 6 of 7: in time.
    await skipToNoonOf(w, cal.addWorkingDays(outcomeOn, 6));
    const lodged = await handle.executeUpdate(lodgeAppealUpdate, { args: [{ actor: actor(PEOPLE.subject) }] });
    expect(lodged.appeal).toMatchObject({ lodgedBy: PEOPLE.subject });
    const appealTask = await openTaskOf(handle, 'appeal');
    expect(appealTask.assigneeId).toBe(PEOPLE.head);
    expect(await refusal(complete(handle, 'appeal', PEOPLE.head, { result: 'sanction-varied', sanction: 'reduction-in-rank' }))).toMatch(/cannot give reduction in rank/);
    await complete(handle, 'appeal', PEOPLE.head, { result: 'sanction-varied', sanction: 'written-warning' });
    const done = await waitForStage(handle, 'retained');
    expect(done).toMatchObject({ finding: 'misconduct', sanction: 'written-warning', outcome: 'misconduct:written-warning' });
    expect(await w.db.misconductOutcome.findUniqueOrThrow({ where: { caseId: input.caseId } })).toMatchObject({ sanction: 'written-warning', appealResult: 'sanction-varied' });

    // Who worked on the proceedings is recorded (the §3.3.9 seal is keyed on it).
    // Everyone with a part, assigned or acting: the assessor, the investigator, the appropriate authority
    // deciding the referral and presiding, the appeal chair.
    const roles = await w.db.conductProceedingsRole.findMany({ where: { caseId: input.caseId } });
    expect(roles.map((r) => `${r.role}:${r.personId}`).sort()).toEqual([
      `appeal-chair:${PEOPLE.head}`,
      `appropriate-authority:${PEOPLE.authority}`,
      `investigator:${PEOPLE.investigator}`,
      `presiding-officer:${PEOPLE.authority}`,
      `referral-decision-maker:${PEOPLE.authority}`,
      `severity-assessor:${PEOPLE.assessor}`,
    ]);
    expect(await stagesOf(input.caseId)).toEqual([
      'severity-assessment', 'investigation', 'officer-response', 'investigation-report', 'referral-decision', 'referral-notice', 'referral-response',
      'proceedings', 'outcome-report', 'appeal-window', 'appeal', 'closed', 'retained',
    ]);
  });

  it('response windows close after 10 and 15 working days; an appeal after 7 working days is out of time', async () => {
    const { handle, input } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    const servedOn = await toInvestigation(handle);
    const closes = cal.addWorkingDays(servedOn, 10);

    // The last day of the reg 18 window: still open. The next working day: closed, and the matter moved on.
    await skipToNoonOf(w, closes);
    expect((await stateOf(handle)).stage).toBe('officer-response');
    await skipToNoonOf(w, cal.addWorkingDays(closes, 1));
    await waitForStage(handle, 'investigation-report');
    expect(await refusal(handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.subject), window: 'notice' }] })))
      .toBe(`the officer's response window (Conduct reg 18) opened on ${servedOn} and closed at the end of ${closes}; a late response is not recorded against it`);
    expect(await refusal(handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.subject), window: 'referral' }] })))
      .toMatch(/no referral to proceedings has been given .* no response window \(Conduct reg 31\)/);

    await complete(handle, 'investigation-report', PEOPLE.investigator, { recommendation: 'case-to-answer', summary: 'evidence supports it' });
    await complete(handle, 'referral-decision', PEOPLE.authority, { decision: 'refer-to-proceedings', severity: 'misconduct', rationale: 'case to answer' });
    await supplyReferralDocuments(handle);
    const referral = (await waitForStage(handle, 'referral-response')).responseWindows[1]!;
    expect(referral.closesOn).toBe(cal.addWorkingDays(referral.opensOn, 15));
    await skipToNoonOf(w, cal.addWorkingDays(referral.closesOn, 1));
    await waitForStage(handle, 'proceedings');
    expect(await refusal(handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.subject), window: 'referral' }] })))
      .toMatch(/\(Conduct reg 31\) opened on .* closed at the end of/);

    await complete(handle, 'proceedings-outcome', PEOPLE.authority, { finding: 'misconduct', sanction: 'written-warning', publish: true });
    await giveOutcomeReport(handle);
    const { appealWindowClosesOn } = await waitForStage(handle, 'appeal-window');
    await skipToNoonOf(w, cal.addWorkingDays(appealWindowClosesOn!, 1));
    // The window closed unused and the matter with it: its workflow has completed (§10.1), and a
    // late appeal is refused from its final state (intake answers it so), citing Conduct reg 45.
    const closed = await w.client.workflow.getHandle<typeof conduct>(handle.workflowId).result();
    expect(closed.stage).toBe('retained');
    expect(closedMatterRefusal(closed)).toBe(
      `appeal refused as out of time: written notice of appeal must be given within 7 working days of the outcome report (Conduct reg 45); the window closed at the end of ${appealWindowClosesOn}`,
    );
    expect(await handle.executeUpdate(lodgeAppealUpdate, { args: [{ actor: actor(PEOPLE.subject) }] }).then(() => 'accepted', (e: Error) => e.name)).toBe('WorkflowNotFoundError');
    expect(closed.appeal).toBeUndefined();
    expect(await stagesOf(input.caseId)).toContain('appeal-window');
  });

  it('reports to the local policing body at 12 months, then 6 months later, while the investigation runs (Conduct reg 19)', async () => {
    const { handle, input } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    const servedOn = await toInvestigation(handle);
    await skipToNoonOf(w, addMonths(servedOn, 12));
    const first = await waitFor(handle, 'the 12-month report', (s) => s.longRunningReports === 1);
    const report = first.openTasks.find((t) => t.type === 'long-running-report')!;
    expect(report.assigneeId).toBe(PEOPLE.authority);
    const [due] = await eventsOf(events.byCase, input.caseId, 'case.report-due');
    expect(due!.data).toMatchObject({ n: 1, monthsOpen: 12, taskType: 'long-running-report', notify: [{ personId: PEOPLE.authority }] });
    await complete(handle, 'long-running-report', PEOPLE.authority, { sentToLocalPolicingBody: true, copiedToOfficer: true });

    await skipToNoonOf(w, addMonths(servedOn, 18));
    await waitFor(handle, 'the 18-month report', (s) => s.longRunningReports === 2);
    const [, second] = await eventsOf(events.byCase, input.caseId, 'case.report-due', 2);
    expect(second!.data).toMatchObject({ n: 2, monthsOpen: 18 });
  });
});

describe('the Conduct Regulations 2020 as written (issue 13)', () => {
  /** Notice response, report and a referral decision of the given kind, on the day the test is at. */
  async function toReferral(handle: ConductHandle, referral: Record<string, unknown>) {
    await handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.subject), window: 'notice' }] });
    await complete(handle, 'investigation-report', PEOPLE.investigator, { recommendation: 'case-to-answer', summary: 'evidence supports it' });
    await complete(handle, 'referral-decision', PEOPLE.authority, { decision: 'refer-to-proceedings', rationale: 'case to answer', ...referral });
    await waitForStage(handle, 'referral-notice');
    return todayIn(w);
  }
  const extend = (handle: ConductHandle, by: string, window: 'appeal' | 'referral', closesOn: string, reason: string) =>
    handle.executeUpdate(extendWindowUpdate, { args: [{ actor: actor(by), window, closesOn, reason }] });

  it('Conduct reg 45: the appeal window runs 7 working days from the reg 43 outcome report given to the officer, and the appropriate authority may extend it', async () => {
    const { handle } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await toInvestigation(handle);
    await toMeetingOutcome(handle, { finding: 'misconduct', sanction: 'written-warning', publish: true });
    const outcomeOn = await todayIn(w);

    // Conduct reg 43: the chair has 5 working days to write the report; no window is open until it is given.
    const reportTask = await openTaskOf(handle, 'outcome-report');
    expect(reportTask.assigneeId).toBe(PEOPLE.authority);
    expect(toLondonDate(reportTask.dueAt)).toBe(cal.addWorkingDays(outcomeOn, 5));
    expect((await stateOf(handle)).appealWindowClosesOn).toBeUndefined();
    expect(await refusal(handle.executeUpdate(lodgeAppealUpdate, { args: [{ actor: actor(PEOPLE.subject) }] })))
      .toMatch(/the outcome report \(Conduct reg 43\) has not been given to the officer yet/);

    const givenOn = cal.addWorkingDays(outcomeOn, 3);
    await skipToNoonOf(w, givenOn);
    expect(await refusal(complete(handle, 'outcome-report', PEOPLE.authority, { givenToOfficerOn: cal.addWorkingDays(givenOn, 1) }))).toMatch(/is in the future/);
    await complete(handle, 'outcome-report', PEOPLE.authority, { givenToOfficerOn: givenOn });
    const inWindow = await waitForStage(handle, 'appeal-window');
    const closesOn = cal.addWorkingDays(givenOn, 7);
    expect(inWindow).toMatchObject({ outcomeReportGivenOn: givenOn, appealRoute: 'appeal-meeting', appealWindowClosesOn: closesOn });
    expect(closesOn).not.toBe(cal.addWorkingDays(outcomeOn, 7));

    // Conduct reg 45(3)(a): extended by the appropriate authority, for exceptional circumstances only.
    const later = cal.addWorkingDays(closesOn, 5);
    expect(await refusal(extend(handle, PEOPLE.sergeant, 'appeal', later, 'asked'))).toMatch(/only the appropriate authority \(PSD\) may extend/);
    expect(await refusal(extend(handle, PEOPLE.authority, 'appeal', later, ' '))).toMatch(/only for exceptional circumstances \(Conduct reg 45\(3\)\(a\)\)/);
    expect(await refusal(extend(handle, PEOPLE.authority, 'appeal', closesOn, 'in hospital'))).toMatch(/must be after the day the window closes now/);
    const extended = await extend(handle, PEOPLE.authority, 'appeal', later, 'the officer was in hospital when the report was given');
    expect(extended.appealWindowClosesOn).toBe(later);
    expect(extended.extensions).toEqual([{ window: 'appeal', from: closesOn, to: later, byId: PEOPLE.authority, reason: 'the officer was in hospital when the report was given' }]);

    // Past the original close, within the extension: still in time.
    await skipToNoonOf(w, cal.addWorkingDays(closesOn, 2));
    expect((await stateOf(handle)).stage).toBe('appeal-window');
    await handle.executeUpdate(lodgeAppealUpdate, { args: [{ actor: actor(PEOPLE.subject) }] });
    await complete(handle, 'appeal', PEOPLE.head, { result: 'dismissed' });
    expect(await waitForStage(handle, 'retained')).toMatchObject({ outcome: 'misconduct:written-warning', appeal: { result: 'dismissed' } });
  });

  it('Conduct reg 45(1): a senior officer has no appeal meeting after a misconduct meeting — the appeal lies to the Police Appeals Tribunal', async () => {
    const { handle } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector, subject: { kind: 'officer', rank: 'assistant-chief-constable' } });
    await toInvestigation(handle);
    await toMeetingOutcome(handle, { finding: 'misconduct', sanction: 'final-written-warning', publish: true });
    expect(await refusal(handle.executeUpdate(lodgeAppealUpdate, { args: [{ actor: actor(PEOPLE.subject) }] })))
      .toMatch(/senior officer .* Police Appeals Tribunal/);
    await giveOutcomeReport(handle);
    const closed = await w.client.workflow.getHandle<typeof conduct>(handle.workflowId).result();
    expect(closed).toMatchObject({ stage: 'retained', appealRoute: 'police-appeals-tribunal', outcome: 'misconduct:final-written-warning' });
    expect(closed.appealWindowClosesOn).toBeUndefined();
    expect(closed.stages.map((s) => s.stage)).not.toContain('appeal-window');
    expect(closedMatterRefusal(closed)).toMatch(/Police Appeals Tribunal.*Conduct reg 45\(1\)/);
  });

  it('Conduct reg 42(3)(a), (5), (6): a hearing finding misconduct (not gross) dismisses only with a final written warning in force or unconnected incidents; reasons where gross misconduct is not dismissal', async () => {
    const { handle } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await toInvestigation(handle);
    await toReferral(handle, { severity: 'gross-misconduct' });
    await complete(handle, 'referral-notice', PEOPLE.authority, { suppliedOn: await todayIn(w) });
    await waitForStage(handle, 'referral-response');
    await handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.subject), window: 'referral' }] });
    await waitForStage(handle, 'proceedings');
    expect(await refusal(complete(handle, 'proceedings-outcome', PEOPLE.authority, { finding: 'misconduct', sanction: 'dismissal-without-notice', publish: true })))
      .toMatch(/dismissal without notice for misconduct \(not gross\) is available only where a final written warning was in force .*Conduct reg 42\(5\).*reg 42\(6\)/);
    expect(await refusal(complete(handle, 'proceedings-outcome', PEOPLE.authority, { finding: 'gross-misconduct', sanction: 'final-written-warning', publish: true })))
      .toMatch(/^reasons: gross misconduct that does not end in dismissal \(here final written warning\) needs the reasons recorded$/);
    await complete(handle, 'proceedings-outcome', PEOPLE.authority, { finding: 'misconduct', sanction: 'dismissal-without-notice', unconnectedIncidents: true, publish: true });
    expect(await waitForStage(handle, 'retained')).toMatchObject({ proceedingsForm: 'misconduct-hearing', outcome: 'misconduct:dismissal-without-notice' });
  });

  it('Conduct reg 62 and Part 5: an accelerated hearing has no reg 31 window and finds gross misconduct or not', async () => {
    const { handle } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await toInvestigation(handle);
    await toReferral(handle, { severity: 'gross-misconduct', specialConditionsMet: true });
    await complete(handle, 'referral-notice', PEOPLE.authority, { suppliedOn: await todayIn(w) });
    const s = await waitForStage(handle, 'proceedings');
    expect(s.proceedingsForm).toBe('accelerated-hearing');
    expect(s.responseWindows.map((x) => x.kind)).toEqual(['notice']);
    expect(await refusal(handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.subject), window: 'referral' }] })))
      .toMatch(/accelerated hearing, which follows Part 5's own notice and periods: there is no Conduct reg 31 response window/);
    expect(await refusal(complete(handle, 'proceedings-outcome', PEOPLE.authority, { finding: 'misconduct', sanction: 'final-written-warning', publish: true })))
      .toMatch(/an accelerated hearing decides only whether the conduct amounts to gross misconduct \(Conduct reg 62\)/);
    await complete(handle, 'proceedings-outcome', PEOPLE.authority, { finding: 'gross-misconduct', sanction: 'dismissal-without-notice', publish: true });
    expect(await waitForStage(handle, 'retained')).toMatchObject({ outcome: 'gross-misconduct:dismissal-without-notice' });
  });

  it('Conduct reg 19: reports from when the allegation first came to the appropriate authority, not the notice; withheld only for prejudice, copied to the officer; none once the investigation is completed', async () => {
    const { handle, input } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    const attentionOn = toLondonDate(input.receivedAt);
    await complete(handle, 'severity-assessment', PEOPLE.assessor, severity('misconduct'));
    await waitForStage(handle, 'investigation');
    await handle.signal('assigned', { assigneeId: PEOPLE.investigator, reason: 'test allocation' });
    // The notice is served two months after PSD took the matter.
    const servedOn = addMonths(attentionOn, 2);
    await skipToNoonOf(w, servedOn);
    await complete(handle, 'investigation-notice', PEOPLE.investigator, { servedOn: await todayIn(w), method: 'in-person' });
    await waitForStage(handle, 'officer-response');

    await skipToNoonOf(w, addMonths(attentionOn, 12));
    const first = await waitFor(handle, 'the 12-month report', (s) => s.longRunningReports === 1);
    expect(toLondonDate(first.openTasks.find((t) => t.type === 'long-running-report')!.dueAt)).toBe(cal.addWorkingDays(addMonths(attentionOn, 12), 10));
    expect(await refusal(complete(handle, 'long-running-report', PEOPLE.authority, { sentToLocalPolicingBody: false })))
      .toMatch(/^localPolicingBodyWithheldBecause: .*might prejudice this or another investigation \(Conduct reg 19\(3\)\)/);
    expect(await refusal(complete(handle, 'long-running-report', PEOPLE.authority, { sentToLocalPolicingBody: true })))
      .toMatch(/^copiedToOfficer: .*\(Conduct reg 19\(4\)\)/);
    expect(await refusal(complete(handle, 'long-running-report', PEOPLE.authority, { sentToLocalPolicingBody: true, copiedToOfficer: false })))
      .toMatch(/^harmTestReason: /);
    await complete(handle, 'long-running-report', PEOPLE.authority, { sentToLocalPolicingBody: false, localPolicingBodyWithheldBecause: 'a criminal investigation is running', copiedToOfficer: false, harmTestReason: 'would alert a suspect' });

    // The investigation is completed (its report, reg 21): no further relevant period is reported.
    await complete(handle, 'investigation-report', PEOPLE.investigator, { recommendation: 'case-to-answer', summary: 'supported' });
    await waitForStage(handle, 'referral-decision');
    await skipToNoonOf(w, addMonths(attentionOn, 18));
    expect((await stateOf(handle)).longRunningReports).toBe(1);
    expect(servedOn).not.toBe(attentionOn);
  });

  it('Conduct reg 31: the response after referral runs 15 working days from the first working day after the reg 30 documents are supplied; the chair may extend it', async () => {
    const { handle } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await toInvestigation(handle);
    const referredOn = await toReferral(handle, { severity: 'misconduct' });
    expect(await refusal(handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.subject), window: 'referral' }] })))
      .toMatch(/\(Conduct reg 30\) have not been supplied to the officer yet/);
    const suppliedOn = cal.addWorkingDays(referredOn, 3);
    await skipToNoonOf(w, suppliedOn);
    expect(await refusal(complete(handle, 'referral-notice', PEOPLE.authority, { suppliedOn: addCalendarDays(referredOn, -1) }))).toMatch(/before the referral on/);
    await complete(handle, 'referral-notice', PEOPLE.authority, { suppliedOn });
    const window = (await waitForStage(handle, 'referral-response')).responseWindows[1]!;
    const closesOn = cal.addWorkingDays(suppliedOn, 15);
    expect(window).toMatchObject({ kind: 'referral', opensOn: suppliedOn, closesOn });
    expect(closesOn).not.toBe(cal.addWorkingDays(referredOn, 15));

    // Conduct reg 31(1)(b): the person chairing may extend it for exceptional circumstances.
    const later = cal.addWorkingDays(closesOn, 5);
    expect(await refusal(extend(handle, PEOPLE.subject, 'referral', later, 'need more time'))).toMatch(/only the person chairing the proceedings \(PSD\) may extend/);
    const extended = await extend(handle, PEOPLE.authority, 'referral', later, 'the officer’s police friend is unavailable');
    expect(extended.responseWindows[1]!.closesOn).toBe(later);
    await skipToNoonOf(w, cal.addWorkingDays(closesOn, 1));
    expect((await stateOf(handle)).stage).toBe('referral-response');
    await handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.subject), window: 'referral' }] });
    await waitForStage(handle, 'proceedings');
  });
});

describe('reflective practice review process (Conduct reg 70; §3.3.8–§3.3.9)', () => {
  it('PSD directs practice requiring improvement: discussion with the sealed account, development actions, a slipped action escalates, review within 12 months', async () => {
    const { handle, input } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    const instructions = 'Reflect on communication with the public; agree two actions.';
    await complete(handle, 'severity-assessment', PEOPLE.assessor, severity('practice-requiring-improvement', { instructions }));
    const started = await waitForStage(handle, 'reflective-practice');
    const startedOn = started.rprp!.startedOn;
    expect(started.rprp).toMatchObject({ directedBy: 'psd', reviewerId: PEOPLE.sergeant, reviewDueOn: addMonths(startedOn, 12) });
    const record = await w.db.rprpRecord.findUniqueOrThrow({ where: { caseId: input.caseId } });
    expect(record).toMatchObject({ participantId: PEOPLE.subject, reviewerId: PEOPLE.sergeant, directedBy: 'psd', instructions, account: null });

    // The account is sealed (§3.3.9): never through the workflow, and recorded before the discussion closes.
    const account = `I lost my temper because of a personal matter ${input.ref}; I understand the effect it had.`;
    const heldOn = await todayIn(w);
    expect(await refusal(complete(handle, 'reflective-discussion', PEOPLE.sergeant, { heldOn, accountRecorded: true, account })))
      .toMatch(/account must not be sent to the case workflow: reflective practice records are sealed \(§3\.3\.9\)/);
    expect(await refusal(complete(handle, 'reflective-discussion', PEOPLE.sergeant, { heldOn, accountRecorded: true })))
      .toMatch(/record the officer's account in the reflective practice record first/);
    await recordRprpAccount(w.db, input.ref, account, actor(PEOPLE.sergeant));
    await complete(handle, 'reflective-discussion', PEOPLE.sergeant, { heldOn, accountRecorded: true });

    const a1Due = cal.addWorkingDays(heldOn, 10);
    const a2Due = cal.addWorkingDays(heldOn, 40);
    expect(await refusal(complete(handle, 'development-report', PEOPLE.sergeant, { actions: [{ id: 'A1', dueOn: addMonths(startedOn, 13), owner: 'participant' }] })))
      .toMatch(/after the RPRP review due by .*Conduct reg 70/);
    await complete(handle, 'development-report', PEOPLE.sergeant, {
      actions: [
        { id: 'A1', dueOn: a1Due, owner: 'participant' },
        { id: 'A2', dueOn: a2Due, owner: 'reviewer' },
      ],
    });
    // Conduct reg 70(3)–(4): the copy to the appropriate authority and its action on the lessons, done at once here.
    await complete(handle, 'rprp-report-copy', PEOPLE.sergeant, { sentOn: heldOn });
    await complete(handle, 'rprp-lessons', PEOPLE.authority, { outcome: 'no-lessons-for-the-force' });
    // Both tasks open and both actions recorded (a task shows as open a moment before its action does).
    const withActions = await waitFor(
      handle,
      'two development actions',
      (s) => s.openTasks.filter((t) => t.type === 'development-action').length === 2 && s.rprp?.actions.length === 2,
    );
    const [a1, a2] = withActions.rprp!.actions;
    const a1Task = withActions.openTasks.find((t) => t.id === a1!.taskId)!;
    expect(a1Task).toMatchObject({ assigneeId: PEOPLE.subject, managerId: PEOPLE.sergeant });
    expect(toLondonDate(a1Task.dueAt)).toBe(a1Due);
    expect(withActions.openTasks.find((t) => t.id === a2!.taskId)!.assigneeId).toBe(PEOPLE.sergeant);

    // A1 slips: at the end of its due day the line manager is told, then the head of PSD.
    await skipToNoonOf(w, cal.addWorkingDays(a1Due, 1));
    const breached = await waitFor(handle, 'A1 to be escalated', (s) => s.openTasks.find((t) => t.id === a1!.taskId)?.escalations === 1);
    expect(breached.slaBreached).toBe(true);
    const [slip] = await eventsOf(events.byCase, input.caseId, 'case.sla-breached');
    expect(slip!.data).toMatchObject({ taskId: a1!.taskId, taskType: 'development-action', level: 1, notify: [{ personId: PEOPLE.sergeant }] });
    await skipToNoonOf(w, cal.addWorkingDays(a1Due, 6));
    await waitFor(handle, 'A1 to go up the chain', (s) => s.openTasks.find((t) => t.id === a1!.taskId)?.escalations === 2);
    let audit: { action: string; detail: unknown }[] = [];
    for (let i = 0; i < 50 && audit.length < 2; i++) {
      audit = await w.db.auditEntry.findMany({ where: { caseId: input.caseId, action: { in: ['sla-breached', 'escalated'] } }, orderBy: { at: 'asc' } });
      if (audit.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(audit.map((a) => [a.action, (a.detail as { to: string }).to])).toEqual([
      ['sla-breached', PEOPLE.sergeant],
      ['escalated', PEOPLE.head],
    ]);

    // The officer completes A1 late; A2 is still open at the review, which closes the RPRP.
    await handle.executeUpdate('completeTask', { args: [{ taskId: a1!.taskId, actor: actor(PEOPLE.subject), payload: {} }] });
    const reviewTask = await openTaskOf(handle, 'rprp-review');
    expect(toLondonDate(reviewTask.dueAt)).toBe(addMonths(startedOn, 12));
    await complete(handle, 'rprp-review', PEOPLE.sergeant, { heldOn: await todayIn(w) });
    const closed = await waitForStage(handle, 'retained');
    expect(closed.outcome).toBe('practice-requiring-improvement');
    expect(closed.rprp!.actions.map((a) => [a.id, a.done])).toEqual([
      ['A1', true],
      ['A2', false],
    ]);
    expect(closed.completedTasks.find((t) => t.id === a2!.taskId)?.completedBy).toBe('system:rprp-reviewed');
    expect((await w.db.rprpRecord.findUniqueOrThrow({ where: { caseId: input.caseId } })).reviewedOn).not.toBeNull();

    // The account is nowhere in the workflow: not in its query result, nor in its history — even decrypted.
    expect(JSON.stringify(closed)).not.toContain('lost my temper');
    const history = await handle.fetchHistory();
    expect(JSON.stringify(history)).not.toContain('lost my temper');
    const codec = new EncryptionCodec(loadConfig().PAYLOAD_KEY);
    const decoded: string[] = [];
    const walk = async (node: unknown): Promise<void> => {
      if (Array.isArray(node)) for (const n of node) await walk(n);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (o.metadata && o.data instanceof Uint8Array) {
          const [plain] = await codec.decode([o as never]);
          decoded.push(Buffer.from(plain!.data ?? []).toString('utf8'));
        } else for (const v of Object.values(o)) await walk(v);
      }
    };
    await walk(history.events);
    expect(decoded.length).toBeGreaterThan(10);
    expect(decoded.some((d) => d.includes(input.ref))).toBe(true);
    expect(decoded.some((d) => d.includes('lost my temper'))).toBe(false);
  });

  it('Conduct reg 70: the review falls within 12 months of the development report being agreed; the copy to the appropriate authority and its action on the lessons are steps of their own', async () => {
    const { handle, input } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await complete(handle, 'severity-assessment', PEOPLE.assessor, severity('practice-requiring-improvement', { instructions: 'Reflect on record keeping.' }));
    const startedOn = (await waitForStage(handle, 'reflective-practice')).rprp!.startedOn;
    await recordRprpAccount(w.db, input.ref, 'An account, sealed.', actor(PEOPLE.sergeant));
    await complete(handle, 'reflective-discussion', PEOPLE.sergeant, { heldOn: startedOn, accountRecorded: true });

    // The report is agreed two months after the RPRP started: the review is due 12 months from then.
    const agreedOn = cal.addWorkingDays(addMonths(startedOn, 2), 0);
    await skipToNoonOf(w, agreedOn);
    const today = await todayIn(w);
    // An action may now fall after 12 months from the start, within 12 months of agreement.
    await complete(handle, 'development-report', PEOPLE.sergeant, { actions: [{ id: 'A1', dueOn: addMonths(startedOn, 13), owner: 'participant' }] });
    const agreed = await waitFor(handle, 'the report agreed', (s) => s.rprp?.agreedOn !== undefined);
    expect(agreed.rprp).toMatchObject({ agreedOn: today, reviewDueOn: addMonths(today, 12) });
    expect(agreed.rprp!.reviewDueOn).not.toBe(addMonths(startedOn, 12));
    expect((await w.db.rprpRecord.findUniqueOrThrow({ where: { caseId: input.caseId } })).reviewDueOn.toISOString().slice(0, 10)).toBe(addMonths(today, 12));

    // Conduct reg 70(3): the reviewer sends the copy; 70(4): then the appropriate authority addresses the lessons.
    expect((await openTaskOf(handle, 'rprp-report-copy')).assigneeId).toBe(PEOPLE.sergeant);
    await complete(handle, 'rprp-report-copy', PEOPLE.sergeant, { sentOn: today });
    const lessonsTask = await openTaskOf(handle, 'rprp-lessons');
    expect(lessonsTask.assigneeId).toBe(PEOPLE.authority);
    expect(await refusal(complete(handle, 'rprp-lessons', PEOPLE.sergeant, { outcome: 'no-lessons-for-the-force' }))).toMatch(/PSD|may not|only/i);
    expect(await refusal(complete(handle, 'rprp-lessons', PEOPLE.authority, { outcome: 'addressed' }))).toMatch(/actionTaken: .*Conduct reg 70\(4\)/);

    // The review is held; the RPRP stays open until the appropriate authority has acted on the lessons.
    const review = await openTaskOf(handle, 'rprp-review');
    expect(toLondonDate(review.dueAt)).toBe(addMonths(today, 12));
    await complete(handle, 'rprp-review', PEOPLE.sergeant, { heldOn: today });
    await new Promise((r) => setTimeout(r, 500));
    expect((await stateOf(handle)).stage).toBe('reflective-practice');
    await complete(handle, 'rprp-lessons', PEOPLE.authority, { outcome: 'addressed', actionTaken: 'Briefing on record keeping for the shift' });
    expect(await waitForStage(handle, 'retained')).toMatchObject({ outcome: 'practice-requiring-improvement' });
  });

  it('proceedings that find practice requiring improvement refer it to reflective practice, sealed from everyone on them (§3.3.9)', async () => {
    const { handle, input } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await toInvestigation(handle);
    await toMeetingOutcome(handle, { finding: 'practice-requiring-improvement' });
    const s = await waitForStage(handle, 'reflective-practice');
    expect(s.rprp).toMatchObject({ directedBy: 'proceedings', reviewerId: PEOPLE.sergeant });
    await recordRprpAccount(w.db, input.ref, 'my account of the stop', actor(PEOPLE.sergeant));

    const investigator = await readSealedRprpRecord(w.db, input.ref, actor(PEOPLE.investigator));
    expect(investigator).toEqual({
      allowed: false,
      status: 403,
      reason: `Reflective practice records for matter ${input.ref} are sealed from anyone working on disciplinary proceedings about the same matter: the officer’s account may not be used in them (§3.3.9).`,
    });
    expect((await readSealedRprpRecord(w.db, input.ref, actor(PEOPLE.authority))).allowed).toBe(false);
    const reviewer = await readSealedRprpRecord(w.db, input.ref, actor(PEOPLE.sergeant));
    expect(reviewer.allowed && reviewer.record.account).toBe('my account of the stop');
    // The severity assessor is on the proceedings too (assigned the assessment); PSD staff on nothing of the matter may read it.
    expect(await readSealedRprpRecord(w.db, input.ref, actor(PEOPLE.assessor))).toMatchObject({ allowed: false, status: 403 });
    expect((await readSealedRprpRecord(w.db, input.ref, actor('psd-handler-2'))).allowed).toBe(true);
  });
});

describe('conduct tasks refuse the wrong actor, the wrong stage and bad payloads', () => {
  it('says clearly why', async () => {
    const { handle } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    const task = await openTaskOf(handle, 'severity-assessment');
    expect(await refusal(handle.executeUpdate('completeTask', { args: [{ taskId: task.id, actor: actor('psd-handler-2'), payload: severity('misconduct') }] })))
      .toMatch(/psd-handler-2 may not complete task .*only the assignee \(psd-handler-1\) or their manager \(psd-manager\)/);
    expect(await refusal(handle.executeUpdate('completeTask', { args: [{ taskId: task.id, actor: actor(PEOPLE.assessor), payload: { rationale: 'x' } }] })))
      .toMatch(/invalid severity-assessment payload — outcome:/);
    expect(await refusal(handle.executeUpdate(lodgeAppealUpdate, { args: [{ actor: actor(PEOPLE.subject) }] }))).toMatch(/no misconduct proceedings have been held/);
    expect(await refusal(handle.executeUpdate('completeTask', { args: [{ taskId: 'nope', actor: actor(PEOPLE.assessor), payload: {} }] })))
      .toMatch(/has no open task nope; it is at stage severity-assessment with open tasks: .*severity-assessment/);
    await handle.executeUpdate('completeTask', { args: [{ taskId: task.id, actor: actor(PEOPLE.authority), payload: severity('no-further-action') }] });
    expect(await refusal(handle.executeUpdate('completeTask', { args: [{ taskId: task.id, actor: actor(PEOPLE.authority), payload: severity('no-further-action') }] })))
      .toMatch(/already closed \(psd-manager/);
  });
});
