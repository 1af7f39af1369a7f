// Triage of the supervisor's concern (policy §3.3.4–§3.3.7): clearly not misconduct stays local;
// on the cusp goes to the supervisor's chief inspector, then PSD advice if still uncertain; a
// formal PSD assessment is requested only via a chief inspector or above (§3.3.5), at intake, by
// the chief inspector's discussion, on PSD's advice, or through the requestFormalAssessment update.
import { condition } from '@temporalio/workflow';
import type { ConductState, ConductTask, ConductTaskType } from './contract';
import type { ConductTaskPayload } from './task-rules';
import type { ConductMatter } from './matter';

/** Where triage sends the matter: local reflective practice, or PSD's severity assessment. */
export type TriageResult = 'local' | 'assessment';

type Step = 'local' | 'chief-inspector' | 'psd-advice' | 'assessment';

export async function triage(m: ConductMatter): Promise<TriageResult> {
  const { cw, input } = m;
  let next: Step;
  switch (m.triage.route) {
    case 'local-reflective-practice':
      next = 'local';
      break;
    case 'seek-psd-advice':
      next = 'psd-advice';
      break;
    case 'request-formal-assessment':
      // With a source, PSD raised it for the appropriate authority (§3.3.5 is advice, not a bar).
      m.formalRequest = { byId: input.raisedBy.id, at: input.receivedAt, via: 'intake', ...(input.source ? input.source : {}) };
      next = 'assessment';
      break;
    case 'discuss-with-chief-inspector':
      next = 'chief-inspector';
      break;
    case 'formal-assessment-refused':
      // Intake refuses this; should one arrive anyway, the refusal's own advice is followed (§3.3.4).
      await cw.audit('system', 'formal-assessment-refused', { basis: '§3.3.5', reason: m.triage.explanation });
      next = 'chief-inspector';
      break;
  }
  await cw.audit('system', 'triaged', { route: m.triage.route, basis: m.triage.basis });

  // §3.3.4: the supervisor discusses it with their chief inspector.
  if (next === 'chief-inspector') {
    const ci = m.allocated(input.chiefInspectorId, 'a chief inspector (§3.3.4)');
    const deadline = m.due(input.receivedAt, m.timetable.chiefInspectorDiscussion);
    cw.state.lead = ci;
    await cw.moveTo('chief-inspector-discussion', { due: deadline });
    const task = await m.open('chief-inspector-discussion', ci, deadline);
    const result = await taskOrFormalRequest(m, task);
    if (result === undefined) next = 'assessment';
    else if (result.outcome === 'not-misconduct') next = 'local';
    else if (result.outcome === 'still-uncertain') next = 'psd-advice';
    else {
      m.formalRequest = { byId: task.completedBy!, at: task.completedAt!, via: 'chief-inspector' };
      next = 'assessment';
    }
  }

  // §3.3.4: still uncertain → PSD advice.
  if (next === 'psd-advice') {
    const assessor = m.allocated(input.psdAssessorId, 'a PSD handler for advice');
    const deadline = m.due(Date.now(), m.timetable.psdAdvice);
    cw.state.lead = assessor;
    await cw.moveTo('psd-advice', { due: deadline });
    const task = await m.open('psd-advice', assessor, deadline);
    const result = await taskOrFormalRequest(m, task);
    if (result === undefined) next = 'assessment';
    else if (result.advice === 'local-handling') next = 'local';
    else {
      // PSD's advice to assess formally goes back through the chief inspector who was consulted (§3.3.5).
      m.formalRequest = { byId: input.chiefInspectorId ?? input.raisedBy.id, at: task.completedAt!, via: 'psd-advice' };
      next = 'assessment';
    }
  }
  return next === 'local' ? 'local' : 'assessment';
}

/** Clearly not misconduct: dealt with locally as reflective practice, no PSD contact (§3.3.7). */
export async function handleLocally(m: ConductMatter): Promise<ConductState> {
  const { cw, input } = m;
  cw.state.lead = input.reflectiveReviewerId;
  m.outcome = 'local-reflective-practice';
  await cw.moveTo('local-reflective-practice', { closed: true });
  await cw.audit('system', 'handled-locally', { basis: '§3.3.7', reviewerId: input.reflectiveReviewerId });
  const tell = [...m.supervisor, ...(input.reflectiveReviewerId !== input.raisedBy.id ? [{ personId: input.reflectiveReviewerId }] : [])];
  await cw.emit('case.outcome', { outcome: m.outcome, resolution: 'handled-locally', notify: tell });
  return m.retain();
}

/** Waits for a triage task or for a formal request made through the update, whichever first. */
async function taskOrFormalRequest<T extends ConductTaskType>(m: ConductMatter, task: ConductTask & { type: T }): Promise<ConductTaskPayload<T> | undefined> {
  await condition(() => task.completedAt !== undefined || m.formalRequest !== undefined);
  if (task.completedAt === undefined) {
    await m.cw.withdraw(task, 'formal-assessment-requested');
    return undefined;
  }
  return m.taskDone(task);
}
