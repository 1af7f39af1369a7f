// A complaint's whole life across the services: filed over HTTP, through the outbox and Kafka to
// allocation, its workflow, the notification service and the SMTP sink — and acted on by people
// through the casework API with bearer tokens.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateQuery } from '@probity/workflows/complaint/contract';
import { publish } from '@probity/shared/kafka';
import { TOPICS } from '@probity/shared/events/topics';
import type { Envelope } from '@probity/shared/events/envelope';
import { addCalendarDays, startOfLondonDayMs, toLondonDate } from '@probity/shared/domain/index';
import { eventually, mailFor, startStack, type Stack } from './stack';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s?.stop();
});

const DAY = 24 * 3600 * 1000;

/** Public paths go to intake; /api paths to the staff casework service. */
async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${path.startsWith('/api/') ? s.caseworkUrl : s.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, string> };
}

async function skipToNoonOf(date: string) {
  const target = startOfLondonDayMs(date) + 12 * 3600 * 1000;
  const now = await s.env.currentTimeMs();
  if (target > now) await s.env.sleep(target - now);
}

describe('a complaint, end to end', () => {
  it('is filed, allocated, assessed, handled, updated, finalised, reviewed and closed, with the right emails', { timeout: 600_000 }, async () => {
    const complainantEmail = `e2e-${randomUUID().slice(0, 8)}@example.test`;
    const filed = await api('POST', '/complaints', {
      complainant: { name: 'Casey Example', email: complainantEmail, preferredContact: 'email' },
      incident: { what: 'An officer was rude and refused to give their number.', when: new Date(Date.now() - 3 * DAY).toISOString(), where: 'High Street' },
      subjects: [{ team: 'north-response', division: 'north' }],
      channel: 'web',
      allegations: [{ category: 'individual-behaviours', description: 'rude and unhelpful' }],
    }, { 'Idempotency-Key': `e2e-${randomUUID()}` });
    expect(filed.status).toBe(202);
    const { ref, token } = filed.body as { ref: string; token: string };
    expect(ref).toMatch(/^CO-\d{4}-\d{6}$/);
    const handle = s.env.client.workflow.getHandle(`complaint-${ref}`);

    // Intake → outbox → Kafka → allocation → workflow: first contact with the chosen assessor.
    const firstContact = await eventually('first-contact task', async () =>
      (await handle.query(stateQuery).catch(() => undefined))?.openTasks.find((t) => t.type === 'first-contact'));
    const assessor = firstContact.assigneeId;
    const assessorPerson = await s.db.person.findUniqueOrThrow({ where: { id: assessor } });
    expect(assessorPerson.role).toBe('psd-handler');
    expect(assessorPerson.team).not.toBe('north-response');
    await eventually('task email to the assessor', async () => (await mailFor(assessorPerson.email, ref)).find((m) => /New task/.test(m.subject)));
    const assessorToken = await s.tokenFor(assessor);

    const complete = async (taskId: string, by: string, payload: unknown) =>
      api('POST', `/api/cases/${ref}/tasks/${taskId}/complete`, { payload }, { authorization: `Bearer ${await s.tokenFor(by)}` });

    // Someone in the subject's team is barred from the case (conflict of interest); someone else
    // may not act on the assessor's task (the workflow says why); the assessor may.
    const conflicted = await complete(firstContact.id, 'north-constable', { resolved: false });
    expect(conflicted.status).toBe(403);
    expect(conflicted.body).toMatchObject({ error: 'forbidden', basis: 'conflict-of-interest' });
    const refused = await complete(firstContact.id, 'south-constable', { resolved: false });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('task_refused');
    expect((await api('POST', `/api/cases/${ref}/tasks/${firstContact.id}/complete`, { payload: { resolved: false } }, { authorization: `Bearer ${assessorToken}` })).status).toBe(200);

    // The assessment is missed: after its 10 working days the manager is told.
    const assessment = await eventually('assessment task', async () => (await handle.query(stateQuery)).openTasks.find((t) => t.type === 'assessment'));
    // The first-contact task done is the complaint's first contact, for the "working days to first contact" figure.
    const caseRow = await s.db.case.findUniqueOrThrow({ where: { ref }, select: { firstContactAt: true } });
    const firstContactTask = await s.db.task.findUniqueOrThrow({ where: { id: firstContact.id }, select: { completedAt: true } });
    expect(caseRow.firstContactAt).toEqual(firstContactTask.completedAt);
    await skipToNoonOf(addCalendarDays(toLondonDate(assessment.dueAt), 1));
    const manager = await s.db.person.findUniqueOrThrow({ where: { id: assessorPerson.managerId! } });
    await eventually('SLA breach email to the manager', async () => (await mailFor(manager.email, ref)).find((m) => /SLA breached/.test(m.subject)));

    expect((await complete(assessment.id, assessor, {
      handling: 'schedule-3', handlingMode: 'investigation', referToIopc: false, allocateTo: 'psd-investigator', rationale: 'needs investigation',
    })).status).toBe(200);

    // allocation.requested → allocation service → signal → handling by a PSD investigator.
    const handling = await eventually('handling task', async () => (await handle.query(stateQuery)).openTasks.find((t) => t.type === 'handling'));
    const investigator = await s.db.person.findUniqueOrThrow({ where: { id: handling.assigneeId } });
    expect(investigator.role).toBe('psd-investigator');
    const startedOn = toLondonDate(await s.env.currentTimeMs());

    // C&M reg 34: the complainant update falls due within 4 weeks; the handler is reminded.
    await skipToNoonOf(addCalendarDays(startedOn, 22));
    const update = await eventually('complainant-update task', async () => (await handle.query(stateQuery)).openTasks.find((t) => t.type === 'complainant-update'));
    await eventually('update-due email', async () => (await mailFor(investigator.email, ref)).find((m) => /update/i.test(m.subject)));
    expect((await complete(update.id, investigator.id, { method: 'email', summary: 'progress explained' })).status).toBe(200);

    // Finalise, with an outcome for each allegation (the IOPC's record), and tell the complainant.
    const allegations = await s.db.allegation.findMany({ where: { case: { ref } }, select: { id: true } });
    const outcomes = (caseToAnswer: boolean) => allegations.map((a) => ({ allegationId: a.id, outcome: 'service-not-acceptable', caseToAnswer, actions: caseToAnswer ? ['proceedings'] : ['learning'] }));
    expect((await complete(handling.id, investigator.id, { outcome: 'upheld', summary: 'behaviour fell below standard' })).body.message).toMatch(/allegationOutcomes/);
    expect((await complete(handling.id, investigator.id, { outcome: 'upheld', summary: 'behaviour fell below standard', allegationOutcomes: outcomes(true) })).status).toBe(200);
    const outcomeTask = await eventually('outcome task', async () => (await handle.query(stateQuery)).openTasks.find((t) => t.type === 'outcome-notification'));
    expect((await complete(outcomeTask.id, investigator.id, { method: 'email' })).status).toBe(200);
    const outcomeMail = await eventually('outcome email to the complainant', async () => (await mailFor(complainantEmail, ref)).find((m) => /Outcome/.test(m.subject)));
    expect(outcomeMail.text).toMatch(/review/i);
    expect(outcomeMail.text).not.toMatch(/behaviour fell below standard/); // no internal notes

    // The complainant applies for a review with their token: the local policing body (the relevant
    // review body: not referred, nothing the IOPC reviews) decides it, with its recommendations;
    // upheld, the case is assessed afresh and allocated again before handling reopens.
    const progress = await api('GET', `/complaints/${ref}/progress`, undefined, { 'x-case-token': token });
    expect(progress.status).toBe(200);
    expect(progress.body.stage).toBe('review-window');
    await s.env.sleep(10 * DAY);
    const review = await api('POST', `/complaints/${ref}/review`, { reason: 'The outcome did not deal with the officer refusing his number.' }, { 'x-case-token': token });
    expect(review.status).toBeLessThan(300);
    const reviewTask = await eventually('review task', async () => (await handle.query(stateQuery)).openTasks.find((t) => t.type === 'review'));
    const reviewer = await s.db.person.findUniqueOrThrow({ where: { id: reviewTask.assigneeId } });
    expect(reviewer.role).toBe('lpb-review-officer');
    const decision = { reasonableAndProportionate: false, outcome: 'upheld', recommendations: [{ kind: 'appropriate-authority-action', detail: 'reconsider the sanction' }], rationale: 'the outcome was not proportionate' };
    expect((await complete(reviewTask.id, investigator.id, decision)).status).toBe(409); // not the handler's to decide
    const decided = await api('POST', `/api/cases/${ref}/tasks/${reviewTask.id}/complete`, { payload: decision }, { authorization: `Bearer ${await s.tokenFor(reviewer.id)}` });
    expect(decided.status).toBe(200);
    expect((await s.db.complaintReview.findFirstOrThrow({ where: { case: { ref } } })).recommendations).toEqual(decision.recommendations);
    const reviewResult = await eventually('review result email', async () => (await mailFor(complainantEmail, ref)).find((m) => /Result of the review/.test(m.subject)));
    expect(reviewResult.text).toMatch(/looked at again/);
    const reassessment = await eventually('fresh assessment', async () => (await handle.query(stateQuery)).openTasks.find((t) => t.type === 'assessment'));
    expect((await complete(reassessment.id, assessor, {
      handling: 'schedule-3', handlingMode: 'investigation', referToIopc: false, allocateTo: 'psd-investigator', rationale: 'reassessed on the review body’s findings',
    })).status).toBe(200);
    const reopened = await eventually('handling reopened', async () => (await handle.query(stateQuery)).openTasks.find((t) => t.type === 'handling'));
    expect((await s.db.person.findUniqueOrThrow({ where: { id: reopened.assigneeId } })).role).toBe('psd-investigator');

    expect((await complete(reopened.id, reopened.assigneeId, { outcome: 'upheld', summary: 'review confirms', allegationOutcomes: outcomes(true) })).status).toBe(200);
    const outcome2 = await eventually('second outcome task', async () => (await handle.query(stateQuery)).openTasks.find((t) => t.type === 'outcome-notification'));
    expect((await complete(outcome2.id, reopened.assigneeId, { method: 'letter' })).status).toBe(200);
    const outcomeMails = await eventually('second outcome email', async () => {
      const mails = (await mailFor(complainantEmail, ref)).filter((m) => /Outcome/.test(m.subject));
      return mails.length >= 2 ? mails : undefined;
    });
    // Once each: a third would be a duplicate notification (or a review email worded as an outcome).
    expect(outcomeMails.map((m) => m.subject), 'outcome emails to the complainant').toHaveLength(2);

    // 28 days pass without a further review: closed, then retained.
    await s.env.sleep(30 * DAY);
    await eventually('closed and retained', async () => ((await handle.query(stateQuery)).stage === 'retained' ? true : undefined));
    const row = await s.db.case.findUniqueOrThrow({ where: { ref } });
    expect(row.closedAt).not.toBeNull();
    const stages = (await s.db.stageTiming.findMany({ where: { caseId: row.id }, orderBy: { enteredAt: 'asc' } })).map((t) => t.stage);
    expect(stages).toEqual([
      'first-contact', 'assessment', 'allocation', 'handling', 'outcome', 'review-window', 'review', 'assessment', 'allocation', 'handling', 'outcome', 'review-window', 'closed', 'retained',
    ]);
    const audit = await s.db.auditEntry.findMany({ where: { caseId: row.id } });
    expect(audit.filter((a) => a.action.startsWith('task-completed')).map((a) => a.actorId)).toContain(investigator.id);

    // The case is closed, so is its workflow (§10.1: the retention sweep disposes later); a late
    // review application is still told why it is refused (C&M reg 29).
    await eventually('the workflow to complete', async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined));
    const late = await api('POST', `/complaints/${ref}/review`, { reason: 'I was not happy with the outcome' }, { 'x-case-token': token });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: 'review_refused', message: expect.stringMatching(/window closed at the end of \d{4}-\d{2}-\d{2} .*C&M reg 29/) });

    // A redelivered case.received starts nothing new and sends no second email.
    const outbox = await s.db.outboxEvent.findFirstOrThrow({ where: { key: row.id, topic: TOPICS.caseReceived } });
    const { runId } = await handle.describe();
    const mailsBefore = (await mailFor(assessorPerson.email, ref)).length;
    await publish(s.producer, TOPICS.caseReceived, outbox.payload as unknown as Envelope);
    await new Promise((r) => setTimeout(r, 3000));
    expect((await handle.describe()).runId).toBe(runId);
    expect((await mailFor(assessorPerson.email, ref)).length).toBe(mailsBefore);
  });

  it('loses nothing when allocation and the worker die between intake and the workflow', async () => {
    await s.killAllocationAndWorker();
    const filed = await api('POST', '/complaints', {
      complainant: { name: 'Dana Durable', email: `durable-${randomUUID().slice(0, 8)}@example.test`, preferredContact: 'email' },
      incident: { what: 'Filed while allocation and the worker were down.', when: new Date(Date.now() - DAY).toISOString(), where: 'Station' },
      allegations: [{ category: 'delivery-of-duties-and-service', description: 'no call back' }],
    });
    expect(filed.status).toBe(202);
    const ref = filed.body.ref!;
    // Accepted and published, but nobody is there to act on it yet.
    await eventually('outbox published', async () =>
      (await s.db.outboxEvent.findFirst({ where: { topic: TOPICS.caseReceived, publishedAt: { not: null }, key: (await s.db.case.findUniqueOrThrow({ where: { ref } })).id } })) ?? undefined);
    await new Promise((r) => setTimeout(r, 1000));
    const before = await s.env.client.workflow.getHandle(`complaint-${ref}`).describe().then(() => 'exists', () => 'absent');
    expect(before).toBe('absent');

    await s.restartAllocationAndWorker();
    const handle = s.env.client.workflow.getHandle(`complaint-${ref}`);
    const task = await eventually('the workflow, started after the restart', async () =>
      (await handle.query(stateQuery).catch(() => undefined))?.openTasks.find((t) => t.type === 'first-contact'));
    expect(task.assigneeId).toMatch(/./);
  });

  it('returns the same case for a retried POST with the same Idempotency-Key', async () => {
    const key = `e2e-retry-${randomUUID()}`;
    const body = {
      complainant: { name: 'Robin Retry', email: `retry-${randomUUID().slice(0, 8)}@example.test`, preferredContact: 'email' },
      incident: { what: 'My property was damaged during a search.', when: new Date(Date.now() - DAY).toISOString(), where: 'Home address' },
      allegations: [{ category: 'handling-of-or-damage-to-property-or-premises', description: 'door broken' }],
    };
    const a = await api('POST', '/complaints', body, { 'Idempotency-Key': key });
    const b = await api('POST', '/complaints', body, { 'Idempotency-Key': key });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.ref).toBe(a.body.ref);
    expect(await s.db.case.count({ where: { ref: a.body.ref } })).toBe(1);
  });
});
