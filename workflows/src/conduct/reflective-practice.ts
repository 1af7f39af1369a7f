// Reflective practice review process (RPRP; Conduct reg 70; policy §3.3.8–§3.3.9): reflective
// discussion, a development report whose actions are tasks with their own deadlines (escalated
// by the kit when they slip), and the review at the officer's performance review within 12
// months. The officer's account never enters the workflow: it is sealed in the RPRP record.
import { deadlineAtEndOf, rprpReviewDue } from '@probity/shared/domain/index';
import { today } from '../casework/clock';
import type { RprpState } from './contract';
import { acts, type ConductMatter } from './matter';

export async function reflectivePractice(m: ConductMatter, directedBy: RprpState['directedBy'], instructions: string | undefined): Promise<void> {
  const { cw, input } = m;
  const reviewerId = input.reflectiveReviewerId;
  const startedOn = today();
  const reviewDue = rprpReviewDue(startedOn, m.cal, m.sla);
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

  const report = await m.taskDone(await m.open('development-report', reviewerId, m.due(Date.now(), m.timetable.developmentReport)));
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
  for (const t of [...cw.state.openTasks]) if (t.type === 'development-action') await cw.withdraw(t, 'rprp-reviewed');
  await acts.recordRprpDates(input.caseId, { reviewedOn: review.heldOn });
  await cw.audit(reviewerId, 'reflective-practice-reviewed', { actions: rprp.actions.length, done: rprp.actions.filter((a) => a.done).length });
}
