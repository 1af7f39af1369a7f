// The review body's recommendations (Sch 3 paras 6A and 25) on the portal, against the real
// Postgres and the tests' OpenID provider: the review form refuses a recommendation without its
// kind or its words, naming the row, before anything reaches the workflow; the case page shows the
// review as recorded — body, outcome and each recommendation with its kind.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskActivities } from '@probity/activities/tasks';
import { complaintRecordActivities } from '@probity/activities/complaint-record';
import type { CookieJar } from '@probity/shared/auth/cookie-jar';
import { TokenSealer } from '@probity/shared/complaint/case-token';
import { complaintFormSchema } from '@probity/shared/complaint/complaint-form';
import { createIntakeStore } from '@probity/shared/complaint/complaint-store';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { createLogger } from '@probity/shared/log';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { testAuth } from '@probity/shared/testing/oidc';
import { pageAs, portalSession } from '@probity/shared/testing/portal-session';
import { uniqueId } from '@probity/shared/testing/temporal';
import { createCaseworkApp } from '../src/app';

const config = loadConfig();
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const run = uniqueId('rev');
const base = config.CASEWORK_URL;
const store = createIntakeStore(db, new TokenSealer(config.CASE_TOKEN_SEAL_SECRET));
const person = (suffix: string, role: string, team: string) => ({ id: `${run}-${suffix}`, name: `Test ${suffix}`, email: `${run}-${suffix}@probity.test`, role, rank: null, team, division: 'hq' });
const P = { reviewer: person('lpb', 'lpb-review-officer', `${run}-pcc-office`), manager: person('manager', 'psd-manager', `${run}-psd`) };

let server: Server;
const sessions = new Map<string, CookieJar>();
const session = async (p: { id: string }) => {
  if (!sessions.has(p.id)) sessions.set(p.id, await portalSession(base, p.id));
  return sessions.get(p.id)!;
};

/** A complaint as the public form records it, at its review: the review row and task as the workflow writes them. */
async function complaintAtReview() {
  const form = complaintFormSchema.parse({
    complainant: { name: `Casey ${run}`, email: `${run}@example.test`, preferredContact: 'email' },
    incident: { what: 'The officer would not take my report of a burglary.', when: '2026-01-10', where: 'High Street' },
    subjects: [{ description: 'the desk officer', team: `${run}-front-counter` }],
    allegations: [{ category: 'delivery-of-duties-and-service', description: 'refused to record a crime' }],
  });
  const result = await store.recordComplaint({ form });
  if (result.outcome !== 'created') throw new Error('not created');
  const { caseId, ref } = result.receipt;
  await complaintRecordActivities(db).openReview({ caseId, n: 1, body: 'local-policing-body', bodyReason: 'none of the IOPC grounds apply: the local policing body reviews it (Sch 3 para 6A)', appliedOn: '2026-11-02' });
  const taskId = `${run}-review-1`;
  await taskActivities(db).openTask({ id: taskId, caseId, caseRef: ref, workflowId: `complaint-${ref}`, type: 'review', assigneeId: P.reviewer.id, dueAt: '2026-12-30T23:59:59.000Z', createdAt: new Date().toISOString() });
  return { caseId, ref, taskId };
}

beforeAll(async () => {
  for (const p of Object.values(P)) await db.person.upsert({ where: { id: p.id }, create: p, update: { ...p, active: true } });
  const app = createCaseworkApp({ db, log: createLogger('review-test', 'silent'), auth: testAuth(db), caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows: complaintWorkflows(temporal), portal: config });
  // The tests' provider knows the portal's sign-in callback on this port (CASEWORK_TEST_PORT).
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.CASEWORK_PORT, '127.0.0.1', () => resolve(s));
  });
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await db.task.deleteMany({ where: { assigneeId: { startsWith: run } } });
  await db.person.updateMany({ where: { id: { startsWith: run } }, data: { active: false } });
  await temporal.close();
  await db.$disconnect();
});

describe("the review body's recommendations", () => {
  it('the review form refuses a recommendation without its kind or its words, naming the row, and offers the kinds of Sch 3 para 6A', async () => {
    const { ref, taskId } = await complaintAtReview();
    const jar = await session(P.reviewer);
    const url = new URL(`/cases/${ref}/tasks/${taskId}`, base);
    const form = await pageAs(jar, url);
    expect(form.status).toBe(200);
    for (const text of ['Re-investigate the complaint, or handle it again', 'The appropriate authority takes some other action', 'Refer a matter to the IOPC']) expect(form.html).toContain(text);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.html)?.[1];

    const body = new URLSearchParams({
      ...(csrf && { _csrf: csrf }),
      reasonableAndProportionate: 'no',
      outcome: 'upheld',
      rationale: 'the crime report was never taken',
      'recommendations-0-kind': 'reinvestigate',
      'recommendations-1-detail': 'apologise to the complainant',
    });
    const res = await jar.fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('href="#recommendations-0-detail"');
    expect(html).toContain('Say what the review body recommends');
    expect(html).toContain('href="#recommendations-1-kind"');
    expect(html).toMatch(/Select kind of recommendation/i);
    // Nothing was completed: the task is still open.
    expect((await db.task.findUniqueOrThrow({ where: { id: taskId } })).completedAt).toBeNull();
  });

  it('the case page shows the decided review: its body, outcome and each recommendation with its kind', async () => {
    const { caseId, ref } = await complaintAtReview();
    await complaintRecordActivities(db).recordReviewDecision({
      caseId, n: 1, reviewerId: P.reviewer.id, at: '2026-11-20T10:00:00.000Z',
      decision: {
        outcome: 'upheld', reasonableAndProportionate: false, rationale: 'the crime report was never taken',
        recommendations: [{ kind: 'reinvestigate', detail: 'record the burglary and investigate it' }, { kind: 'refer-to-iopc', detail: 'refer the desk officer’s refusal' }],
      },
    });
    const page = await pageAs(await session(P.manager), new URL(`/cases/${ref}`, base));
    expect(page.status).toBe(200);
    const reviews = page.html.slice(page.html.indexOf('<h2 class="govuk-heading-m">Reviews</h2>'));
    expect(reviews).toContain('Review 1: the local policing body');
    expect(reviews).toContain('Upheld (the outcome was not reasonable and proportionate)');
    expect(reviews).toContain(P.reviewer.name);
    const list = /<ul[^>]*id="review-1-recommendations"[^>]*>([\s\S]*?)<\/ul>/.exec(reviews)?.[1] ?? '';
    expect(list.replace(/\s+/g, ' ')).toMatch(/<strong>Re-investigate the complaint, or handle it again<\/strong>: record the burglary and investigate it.*<strong>Refer a matter to the IOPC<\/strong>: refer the desk officer(’|&#8217;|&rsquo;)s refusal/);
  });
});
