// Publication of misconduct hearing outcomes (DOMAIN.md "Publication") on the time-skipping test
// server, with the real conduct workflow and the real activities on the real Postgres: a
// hearing's outcome is published at once with the officer's name and rank (or the rank alone,
// with the exception's reason recorded) and withdrawn by the publication workflow's durable timer
// when its 28 days are over; a meeting's outcome is never published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowNotFoundError } from '@temporalio/client';
import { addCalendarDays, startOfLondonDayMs } from '@probity/shared/domain/index';
import { recordOfficerResponseUpdate } from '../src/conduct/contract';
import { publicationStateQuery, publicationWorkflowId, withdrawEarlyUpdate } from '../src/publication/contract';
import type { publication } from '../src/publication/publication';
import { PEOPLE, actor, complete, refusal, skipToNoonOf, startConduct, todayIn, waitForStage, type ConductHandle } from './conduct-world';
import { createWorld, type World } from './world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

/** Severity → investigation → report → referral → proceedings, the officer responding in time. */
async function toProceedings(handle: ConductHandle, severity: 'misconduct' | 'gross-misconduct') {
  await complete(handle, 'severity-assessment', PEOPLE.assessor, { outcome: severity, rationale: 'assessed against §3.3.1' });
  await waitForStage(handle, 'investigation');
  await handle.signal('assigned', { assigneeId: PEOPLE.investigator, reason: 'test allocation' });
  await complete(handle, 'investigation-notice', PEOPLE.investigator, { servedOn: await todayIn(w), method: 'in-person' });
  await waitForStage(handle, 'officer-response');
  await handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.subject), window: 'notice' }] });
  await complete(handle, 'investigation-report', PEOPLE.investigator, { recommendation: 'case-to-answer', summary: 'evidence supports the allegation' });
  await complete(handle, 'referral-decision', PEOPLE.authority, { decision: 'refer-to-proceedings', severity, rationale: 'case to answer' });
  // Conduct reg 30: the notice and documents are supplied before the reg 31 response window opens.
  await waitForStage(handle, 'referral-notice');
  await complete(handle, 'referral-notice', PEOPLE.authority, { suppliedOn: await todayIn(w) });
  await waitForStage(handle, 'referral-response');
  await handle.executeUpdate(recordOfficerResponseUpdate, { args: [{ actor: actor(PEOPLE.investigator), window: 'referral' }] });
  await waitForStage(handle, 'proceedings');
}

async function toOutcome(handle: ConductHandle, severity: 'misconduct' | 'gross-misconduct', outcome: Record<string, unknown>) {
  await toProceedings(handle, severity);
  await complete(handle, 'proceedings-outcome', PEOPLE.authority, outcome);
}

async function publicationOf(caseId: string) {
  for (let i = 0; i < 100; i++) {
    const p = await w.db.publication.findUnique({ where: { caseId } });
    if (p?.status === 'published') return p;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no published Publication for case ${caseId}`);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

describe('a misconduct hearing outcome is published, then withdrawn after its period', () => {
  it('names the officer and rank, shows the finding, sanction and date for 28 days, and is withdrawn by a durable timer on the 29th', async () => {
    const { handle, input } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector, standards: ['honesty-and-integrity'] });
    await toOutcome(handle, 'gross-misconduct', { finding: 'gross-misconduct', sanction: 'dismissal-without-notice', publish: true });
    const outcomeOn = await todayIn(w);
    const shown = await publicationOf(input.caseId);
    // 28 calendar days, the day of the hearing's outcome included.
    const withdrawOn = addCalendarDays(outcomeOn, 28);
    expect({ ...shown, outcomeOn: iso(shown.outcomeOn), publishFrom: iso(shown.publishFrom), withdrawOn: iso(shown.withdrawOn) }).toMatchObject({
      ref: input.ref, officerName: 'PC Ellis Ward', nameWithheldBecause: null, subjectKind: 'officer', subjectRank: 'constable',
      form: 'misconduct-hearing', finding: 'gross-misconduct', sanction: 'dismissal-without-notice', standards: ['honesty-and-integrity'],
      outcomeOn, publishFrom: outcomeOn, withdrawOn, status: 'published', withdrawnAt: null,
    });
    const pub = w.client.workflow.getHandle<typeof publication>(publicationWorkflowId(input.ref));
    expect(await pub.query(publicationStateQuery)).toMatchObject({ status: 'published', publishFrom: outcomeOn, withdrawOn });

    // The conduct matter goes on and closes (no appeal from a hearing); the publication stays up.
    await waitForStage(handle, 'retained');
    await skipToNoonOf(w, addCalendarDays(withdrawOn, -1));
    expect((await w.db.publication.findUniqueOrThrow({ where: { caseId: input.caseId } })).status).toBe('published');
    expect((await pub.describe()).status.name).toBe('RUNNING');

    // Its period over: withdrawn at 00:00 London time of withdrawOn, by the timer, and the workflow is done.
    await skipToNoonOf(w, withdrawOn);
    const done = await pub.result();
    const midnight = startOfLondonDayMs(withdrawOn);
    expect(done.status).toBe('withdrawn');
    // The timer fires at midnight (within the moment the workflow task takes), not at noon when the test looked.
    expect(Date.parse(done.withdrawnAt!) - midnight).toBeGreaterThanOrEqual(0);
    expect(Date.parse(done.withdrawnAt!) - midnight).toBeLessThan(60_000);
    const withdrawn = await w.db.publication.findUniqueOrThrow({ where: { caseId: input.caseId } });
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.withdrawnAt!.toISOString()).toBe(done.withdrawnAt);
    const history = await pub.fetchHistory();
    expect(history.events!.filter((e) => e.timerFiredEventAttributes).length).toBeGreaterThanOrEqual(1);
  });

  it('an exception withholds the name (its reason kept for the workforce), the rank is still published', async () => {
    const { handle, input } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await toOutcome(handle, 'gross-misconduct', {
      finding: 'misconduct', sanction: 'final-written-warning', publish: true,
      nameWithheldBecause: 'Naming the officer would put an ongoing covert operation at risk.',
    });
    const shown = await publicationOf(input.caseId);
    expect(shown).toMatchObject({ officerName: null, subjectRank: 'constable', nameWithheldBecause: 'Naming the officer would put an ongoing covert operation at risk.', finding: 'misconduct', sanction: 'final-written-warning' });
  });

  it('a misconduct meeting’s outcome is never published: no Publication, no publication workflow', async () => {
    const { handle, input } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await toOutcome(handle, 'misconduct', { finding: 'misconduct', sanction: 'written-warning', publish: true });
    // Conduct reg 43: the outcome report is given to the officer; then the matter has moved past
    // the activity that records (and would publish) the outcome.
    await waitForStage(handle, 'outcome-report');
    await complete(handle, 'outcome-report', PEOPLE.authority, { givenToOfficerOn: await todayIn(w) });
    await waitForStage(handle, 'appeal-window');
    expect(await w.db.misconductOutcome.findUnique({ where: { caseId: input.caseId } })).toMatchObject({ form: 'misconduct-meeting', publish: true });
    expect(await w.db.publication.findUnique({ where: { caseId: input.caseId } })).toBeNull();
    await expect(w.client.workflow.getHandle(publicationWorkflowId(input.ref)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('refuses a withheld name without a reason, or on an outcome that is not published', async () => {
    const { handle } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await toProceedings(handle, 'gross-misconduct');
    const outcome = { finding: 'gross-misconduct', sanction: 'dismissal-without-notice' };
    expect(await refusal(complete(handle, 'proceedings-outcome', PEOPLE.authority, { ...outcome, publish: true, nameWithheldBecause: 'short' })))
      .toMatch(/nameWithheldBecause: give the reason the officer's name is not to be published/);
    expect(await refusal(complete(handle, 'proceedings-outcome', PEOPLE.authority, { ...outcome, publish: false, nameWithheldBecause: 'A good reason to withhold it.' })))
      .toMatch(/nameWithheldBecause: a name is withheld only from an outcome that is published/);
  });
});

describe('a published hearing outcome withdrawn before its period ends', () => {
  it('a PSD manager withdraws it with the reason: the row says withdrawn when the update answers, audited, and the timers end', async () => {
    const { handle, input } = await startConduct(w, { view: 'possible-misconduct', raisedBy: PEOPLE.chiefInspector });
    await toOutcome(handle, 'gross-misconduct', { finding: 'gross-misconduct', sanction: 'dismissal-without-notice', publish: true });
    const shown = await publicationOf(input.caseId);
    const pub = w.client.workflow.getHandle<typeof publication>(publicationWorkflowId(input.ref));
    // Ten days on, the appeal tribunal allowed the appeal.
    await skipToNoonOf(w, addCalendarDays(iso(shown.outcomeOn), 10));
    const reason = 'The police appeals tribunal allowed the appeal.';

    expect(await refusal(pub.executeUpdate(withdrawEarlyUpdate, { args: [{ actor: actor(PEOPLE.investigator), reason }] }))).toMatch(/only a PSD manager or the head of PSD/);
    expect(await refusal(pub.executeUpdate(withdrawEarlyUpdate, { args: [{ actor: actor(PEOPLE.authority), reason: 'appeal' }] }))).toMatch(/reason: say why it is withdrawn before/);
    expect((await w.db.publication.findUniqueOrThrow({ where: { caseId: input.caseId } })).status).toBe('published');

    const state = await pub.executeUpdate(withdrawEarlyUpdate, { args: [{ actor: actor(PEOPLE.authority), reason: `  ${reason} ` }] });
    expect(state).toMatchObject({ status: 'withdrawn', withdrawnEarly: true });
    // Already withdrawn in Postgres when the update answered: the public page reads nothing else.
    const row = await w.db.publication.findUniqueOrThrow({ where: { caseId: input.caseId } });
    expect(row).toMatchObject({ status: 'withdrawn', withdrawnBecause: reason, withdrawnById: PEOPLE.authority });
    expect(row.withdrawnAt!.toISOString()).toBe(state.withdrawnAt);
    expect(await w.db.auditEntry.findMany({ where: { caseId: input.caseId, action: 'publication-withdrawn-early' }, select: { actorId: true, detail: true } }))
      .toEqual([{ actorId: PEOPLE.authority, detail: { reason } }]);
    // The workflow is done; its withdrawal timer never fired, and the withdrawal is marked.
    const done = await pub.result();
    expect(done).toMatchObject({ status: 'withdrawn', withdrawnEarly: true });
    const history = await pub.fetchHistory();
    expect(history.events!.filter((e) => e.timerFiredEventAttributes).length).toBe(0);
    expect(history.events!.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')).toBe(true);
  });
});

