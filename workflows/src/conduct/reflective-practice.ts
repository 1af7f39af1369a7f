// Reflective practice review process (RPRP; Conduct reg 70; policy §3.3.8–§3.3.9): reflective
// discussion, a development report whose actions are tasks with their own deadlines (escalated
// by the kit when they slip), and the review at the officer's performance review within 12
// months. The officer's account never enters the workflow: it is sealed in the RPRP record.
import { patched } from '@temporalio/workflow';
import { deadlineAtEndOf, rprpReviewDue } from '@probity/shared/domain/index';
import { today } from '../casework/clock';
import type { RprpState } from './contract';
import { acts, type ConductMatter } from './matter';

/**
 * Patch (issue 13): the review falls within 12 months of the development report's *agreement*
 * (Conduct reg 70(6)), not of the RPRP's start; the copy of the report to the appropriate
 * authority (70(3)) and its duty to address lessons for the force (70(4)) are tasks of their own.
 * RPRPs started before it keep their review date and steps.
 */
export const REG70_FROM_AGREEMENT = 'conduct-reg70-from-agreement';

/** The force's target for the copy to the appropriate authority and for its action on the lessons. */
const COPY_DUE = { workingDays: 5 } as const;
const LESSONS_DUE = { workingDays: 20 } as const;

export async function reflectivePractice(m: ConductMatter, directedBy: RprpState['directedBy'], instructions: string | undefined): Promise<void> {
  const { cw, input } = m;
  const reviewerId = input.reflectiveReviewerId;
  const startedOn = today();
  let reviewDue = rprpReviewDue(startedOn, m.cal, m.sla);
  const rprp: RprpState = { directedBy, reviewerId, startedOn, reviewDueOn: reviewDue.dueOn, actions: [] };
  m.rprp = rprp;
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

  const discussion = await m.taskDone(await m.open('reflective-discussion', reviewerId, m.due(Date.now(), m.timetable.reflectiveDiscussion)));
  await acts.recordRprpDates(input.caseId, { discussionHeldOn: discussion.heldOn });

  const fromAgreement = patched(REG70_FROM_AGREEMENT);
  m.rprpReviewFromAgreement = fromAgreement;
  const report = await m.taskDone(await m.open('development-report', reviewerId, m.due(Date.now(), m.timetable.developmentReport)));
  let lessons: Promise<void> = Promise.resolve();
  if (fromAgreement) {
    // Conduct reg 70(6): "during the 12 month period following agreement of the report".
    rprp.agreedOn = today();
    reviewDue = rprpReviewDue(rprp.agreedOn, m.cal, m.sla);
    rprp.reviewDueOn = reviewDue.dueOn;
    await acts.recordRprpDates(input.caseId, { reviewDueOn: reviewDue.dueOn });
    await cw.moveTo('reflective-practice', { due: reviewDue });
    await cw.audit(reviewerId, 'development-report-agreed', { agreedOn: rprp.agreedOn, reviewDueOn: reviewDue.dueOn, basis: 'Conduct reg 70(6)' });
    // Conduct reg 70(3)–(4): the copy to the appropriate authority, then its action on the lessons, beside the actions.
    const copy = await m.open('rprp-report-copy', reviewerId, m.due(Date.now(), COPY_DUE));
    lessons = (async () => {
      await m.taskDone(copy);
      const authority = input.appropriateAuthorityId ?? (await cw.headOfPsd());
      const addressed = await m.taskDone(await m.open('rprp-lessons', authority, m.due(Date.now(), LESSONS_DUE)));
      await cw.audit(authority, 'rprp-lessons-addressed', { outcome: addressed.outcome, basis: 'Conduct reg 70(4)' });
    })();
  }
  for (const a of report.actions) {
    const owner = a.owner === 'participant' ? input.subject.personId : reviewerId;
    const task = await m.open('development-action', owner, deadlineAtEndOf(a.dueOn));
    rprp.actions.push({ id: a.id, owner: a.owner, dueOn: a.dueOn, taskId: task.id, done: false });
    // Done by its owner (not withdrawn when the review closes the remaining ones).
    void cw.awaitTask(task).then(() => {
      const entry = m.rprp?.actions.find((x) => x.taskId === task.id);
      if (entry && task.completedBy && !task.completedBy.startsWith('system:')) entry.done = true;
    });
  }

  const review = await m.taskDone(await m.open('rprp-review', reviewerId, reviewDue));
  rprp.reviewedOn = review.heldOn;
  // The appropriate authority's duty (reg 70(4)) is discharged before the RPRP closes.
  await lessons;
  for (const t of [...cw.state.openTasks]) if (t.type === 'development-action') await cw.withdraw(t, 'rprp-reviewed');
  await acts.recordRprpDates(input.caseId, { reviewedOn: review.heldOn });
  await cw.audit(reviewerId, 'reflective-practice-reviewed', { actions: rprp.actions.length, done: rprp.actions.filter((a) => a.done).length });
}
