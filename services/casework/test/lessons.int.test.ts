// Lessons learnt and the workforce pages on the portal, against the real Postgres and the tests'
// OpenID provider: a handler records a lesson for the organisation once the case is finalised; a
// lesson holding the complainant's name, an email address or a title with a name is refused beside
// the field with what to remove; the workforce page lists lessons by theme, for everyone, without
// their case; the workforce's hearing outcomes page shows why a name is withheld.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { bearerFor, testAuth } from '@probity/shared/testing/oidc';
import { mainOf, pageAs, portalSession } from '@probity/shared/testing/portal-session';
import { uniqueId } from '@probity/shared/testing/temporal';
import { createCaseworkApp } from '../src/app';

const config = loadConfig();
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const run = uniqueId('lessons');
// The run's mark inside a lesson: letters only, since a random id such as 'a1b2cd' reads as a postcode.
const mark = run.replace(/[^a-z]/gi, '');
const base = config.CASEWORK_URL;
const store = createIntakeStore(db, new TokenSealer(config.CASE_TOKEN_SEAL_SECRET));
const person = (suffix: string, role: string, team: string) => ({ id: `${run}-${suffix}`, name: `Test ${suffix}`, email: `${run}-${suffix}@probity.test`, role, rank: null, team, division: 'hq' });
const P = { handler: person('handler', 'psd-handler', `${run}-psd`), constable: person('constable', 'front-line', `${run}-east-response`) };

let server: Server;
const sessions = new Map<string, CookieJar>();
const session = async (p: { id: string }) => {
  if (!sessions.has(p.id)) sessions.set(p.id, await portalSession(base, p.id));
  return sessions.get(p.id)!;
};

/** A complaint as the public form records it, handled by the test handler; finalised when asked. */
async function complaint(opts: { finalised: boolean }) {
  const form = complaintFormSchema.parse({
    complainant: { name: `Casey Quennell${run.replace(/[^a-z]/gi, '').slice(-4)}`, email: `${run}@example.test`, preferredContact: 'email' },
    incident: { what: 'The officer would not take my report of a burglary.', when: '2026-01-10', where: 'High Street' },
    subjects: [{ description: 'the desk officer', team: `${run}-front-counter` }],
    allegations: [{ category: 'delivery-of-duties-and-service', description: 'refused to record a crime' }],
  });
  const result = await store.recordComplaint({ form });
  if (result.outcome !== 'created') throw new Error('not created');
  const { caseId, ref } = result.receipt;
  await db.case.update({ where: { id: caseId }, data: { assigneeId: P.handler.id, ...(opts.finalised && { finalisedAt: new Date() }) } });
  return { caseId, ref, complainantName: form.complainant.name };
}

async function post(jar: CookieJar, path: string, fields: Record<string, string>) {
  const url = new URL(path, base);
  const csrf = /name="_csrf" value="([^"]+)"/.exec((await pageAs(jar, url)).html)?.[1] ?? '';
  const res = await jar.fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, ...fields }) });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

beforeAll(async () => {
  for (const p of Object.values(P)) await db.person.upsert({ where: { id: p.id }, create: p, update: { ...p, active: true } });
  const app = createCaseworkApp({ db, log: createLogger('lessons-test', 'silent'), auth: testAuth(db), caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows: complaintWorkflows(temporal), portal: config });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.CASEWORK_PORT, '127.0.0.1', () => resolve(s));
  });
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await db.lesson.deleteMany({ where: { recordedById: { startsWith: run } } });
  await db.publication.deleteMany({ where: { caseId: { startsWith: run } } });
  await db.person.updateMany({ where: { id: { startsWith: run } }, data: { active: false } });
  await temporal.close();
  await db.$disconnect();
});

describe('lessons learnt', () => {
  it('the handler records a lesson at finalisation; personal data is refused beside the field, saying what to remove', async () => {
    const { caseId, ref, complainantName } = await complaint({ finalised: true });
    const jar = await session(P.handler);
    const casePage = await pageAs(jar, new URL(`/cases/${ref}`, base));
    expect(casePage.html).toContain(`href="/cases/${ref}/lessons"`);

    const surname = complainantName.split(' ')[1]!;
    const named = await post(jar, `/cases/${ref}/lessons`, { theme: 'record-keeping', lesson: `${surname} was never told the crime had not been recorded; write to them at casey@example.test.` });
    expect(named.status).toBe(400);
    expect(named.html).toContain('govuk-error-summary');
    expect(named.html).toContain('href="#lesson"');
    expect(named.html).toContain('A lesson is for the whole workforce and must not identify anyone: remove an email address');
    expect(named.html).toContain(`the name &#39;${surname}&#39;`);
    const titled = await post(jar, `/cases/${ref}/lessons`, { theme: 'record-keeping', lesson: 'Mr Hargreaves at the front counter did not record the crime report.' });
    expect(titled.status).toBe(400);
    expect(titled.html).toContain('remove a title with a name');
    const bad = await post(jar, `/cases/${ref}/lessons`, { theme: 'gossip', lesson: 'too short' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('href="#theme"');
    expect(bad.html).toContain('Write the lesson for the organisation, in at least 20 characters');
    expect(await db.lesson.count({ where: { caseId } })).toBe(0);

    const lesson = `Front counter staff must record every crime report at the counter, even when the caller is told to ring 101 (${mark}).`;
    const ok = await post(jar, `/cases/${ref}/lessons`, { theme: 'record-keeping', lesson });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/cases/${ref}/lessons?recorded=1`);
    expect(await db.lesson.findMany({ where: { caseId }, select: { theme: true, lesson: true, recordedById: true, ref: true } })).toEqual([{ theme: 'record-keeping', lesson, recordedById: P.handler.id, ref }]);

    // The whole workforce sees it, under its theme, without the case it came from.
    const list = await pageAs(await session(P.constable), new URL('/workforce/lessons', base));
    expect(list.status).toBe(200);
    const main = mainOf(list.html);
    const theme = /<ul[^>]*data-theme="record-keeping"[^>]*>([\s\S]*?)<\/ul>/.exec(main)?.[1] ?? '';
    expect(theme).toContain(`Front counter staff must record every crime report`);
    expect(main).toContain('Record keeping');
    expect(main).not.toContain(ref);
  });

  it('before finalisation nobody may record one, and after it only the handler or PSD (403 with the reason)', async () => {
    const open = await complaint({ finalised: false });
    const early = await pageAs(await session(P.handler), new URL(`/cases/${open.ref}/lessons`, base));
    expect(early.status).toBe(403);
    expect(early.html).toContain('Lessons are recorded at finalisation: this case has allegations without an outcome yet.');
    const done = await complaint({ finalised: true });
    const other = await post(await session(P.constable), `/cases/${done.ref}/lessons`, { theme: 'communication', lesson: 'A lesson from someone who did not handle the case.' });
    expect(other.status).toBe(403);
    expect(other.html).toContain('Only the handler of the case, or PSD, may record its lessons.');
    expect(await db.lesson.count({ where: { caseId: done.caseId } })).toBe(0);
  });
});

/** A conduct matter handled by the test handler about the test constable; closed, or with its reg 70(4) lessons addressed, when asked. */
async function conductMatter(i: number, opts: { closed?: boolean; lessonsAddressed?: boolean }) {
  const caseId = `${run}-conduct-${i}`;
  const ref = `CM-2026-${String((Date.now() % 100_000_000) * 10 + i).padStart(9, '0')}`;
  await db.case.create({
    data: {
      id: caseId, ref, kind: 'conduct', channel: 'internal', stage: opts.closed ? 'retained' : 'reflective-practice', receivedAt: new Date(), division: 'hq', publicTokenHash: run,
      complainant: {}, incident: {}, subjects: [], assigneeId: P.handler.id, ...(opts.closed && { closedAt: new Date() }),
    },
  });
  await db.conductMatter.create({ data: { caseId, ref, raisedById: P.handler.id, supervisorView: 'possible-misconduct', subjectPersonId: P.constable.id, standards: ['duties-and-responsibilities'] } });
  if (opts.lessonsAddressed) {
    await db.task.create({
      data: { id: `${caseId}-rprp-lessons`, caseId, caseRef: ref, workflowId: `conduct-${ref}`, type: 'rprp-lessons', assigneeId: 'psd-manager', dueAt: new Date(), createdAt: new Date(), completedAt: new Date(), completedBy: 'psd-manager' },
    });
  }
  return { caseId, ref };
}

describe('lessons from conduct matters', () => {
  it('are refused while the matter is open; once its reg 70(4) lessons are addressed the handler records them from the matter’s page, on the same list, refused when they name the officer', async () => {
    const open = await conductMatter(1, {});
    const jar = await session(P.handler);
    const early = await pageAs(jar, new URL(`/cases/${open.ref}/lessons`, base));
    expect(early.status).toBe(403);
    expect(early.html).toContain('Lessons from a conduct matter are recorded at its finalisation, when it closes, or once its lessons for the force are addressed (Conduct reg 70(4)).');
    expect((await pageAs(jar, new URL(`/conduct-matters/${open.ref}`, base))).html).not.toContain('id="record-lessons-link"');

    const addressed = await conductMatter(2, { lessonsAddressed: true });
    expect((await pageAs(jar, new URL(`/conduct-matters/${addressed.ref}`, base))).html).toContain(`href="/cases/${addressed.ref}/lessons" id="record-lessons-link"`);
    const named = await post(jar, `/cases/${addressed.ref}/lessons`, { theme: 'supervision', lesson: "Ellis Ward was not supervised on night shifts for three months." });
    expect(named.status).toBe(400);
    expect(named.html).toContain('must not identify anyone: remove');
    const lesson = `Sergeants must review their team's body-worn video weekly, not only after a complaint (${mark}).`;
    const ok = await post(jar, `/cases/${addressed.ref}/lessons`, { theme: 'supervision', lesson });
    expect(ok).toMatchObject({ status: 303, location: `/cases/${addressed.ref}/lessons?recorded=1` });
    const main = mainOf((await pageAs(await session(P.constable), new URL('/workforce/lessons', base))).html);
    expect(/<ul[^>]*data-theme="supervision"[^>]*>([\s\S]*?)<\/ul>/.exec(main)?.[1] ?? '').toContain("Sergeants must review their team&#39;s body-worn video weekly");
    expect(main).not.toContain(addressed.ref);
  });

  it('POST /api/cases/:ref/lessons records one from a closed conduct matter, with the same schema', async () => {
    const closed = await conductMatter(3, { closed: true });
    const res = await fetch(new URL(`/api/cases/${closed.ref}/lessons`, base), {
      method: 'POST', headers: { ...(await bearerFor(P.handler.id)), 'content-type': 'application/json' },
      body: JSON.stringify({ theme: 'training', lesson: `Refresher training on the standards of professional behaviour every two years (${mark}).` }),
    });
    expect(res.status).toBe(201);
    expect(await db.lesson.count({ where: { caseId: closed.caseId, theme: 'training' } })).toBe(1);
    const bad = await fetch(new URL(`/api/cases/${closed.ref}/lessons`, base), { method: 'POST', headers: { ...(await bearerFor(P.handler.id)), 'content-type': 'application/json' }, body: JSON.stringify({ theme: 'gossip' }) });
    expect(bad.status).toBe(400);
  });
});

describe('the lessons API', () => {
  const api = async (who: { id: string }, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(new URL(`/api${path}`, base), { method, headers: { ...(await bearerFor(who.id)), ...(body !== undefined && { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { error?: string; message?: string; fields: { field: string; message: string }[]; themes: { theme: string; lessons: unknown[] }[] } & Record<string, unknown> };
  };

  it('POST /api/cases/:ref/lessons records a lesson from a finalised case; personal data is a 400 naming the field; GET /api/lessons lists it by theme', async () => {
    const { caseId, ref, complainantName } = await complaint({ finalised: true });
    const surname = complainantName.split(' ')[1]!;
    const named = await api(P.handler, 'POST', `/cases/${ref}/lessons`, { theme: 'communication', lesson: `Nobody wrote back to ${surname} for six weeks after the complaint was logged.` });
    expect(named.status).toBe(400);
    expect(named.body.error).toBe('validation_failed');
    expect(named.body.fields).toEqual([{ field: 'lesson', message: expect.stringContaining(`the name '${surname}'`) }]);
    const bad = await api(P.handler, 'POST', `/cases/${ref}/lessons`, { theme: 'gossip', lesson: 'too short' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['lesson', 'theme']);
    expect(await db.lesson.count({ where: { caseId } })).toBe(0);

    const lesson = `Write to the complainant within five working days of logging, even when nothing has moved (${mark}).`;
    const ok = await api(P.handler, 'POST', `/cases/${ref}/lessons`, { theme: 'communication', lesson });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ id: expect.any(String), ref, theme: 'communication', lesson });
    expect(await db.lesson.findMany({ where: { caseId }, select: { theme: true, lesson: true, recordedById: true } })).toEqual([{ theme: 'communication', lesson, recordedById: P.handler.id }]);

    // Everyone signed in reads it under its theme, without the case.
    const all = await api(P.constable, 'GET', '/lessons');
    expect(all.status).toBe(200);
    const communication = all.body.themes.find((t: { theme: string }) => t.theme === 'communication');
    expect(communication?.lessons).toContainEqual({ lesson, recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(JSON.stringify(all.body)).not.toContain(ref);
    const one = await api(P.constable, 'GET', '/lessons?theme=record-keeping');
    expect(one.status).toBe(200);
    expect(one.body.themes.every((t: { theme: string }) => t.theme === 'record-keeping')).toBe(true);
    expect(JSON.stringify(one.body)).not.toContain(lesson);
    const badTheme = await api(P.constable, 'GET', '/lessons?theme=gossip');
    expect(badTheme.status).toBe(400);
    expect(badTheme.body.fields[0]?.field).toBe('theme');
  });

  it('refuses before finalisation, and after it anyone but the handler or PSD (403 with the reason); no token is a 401', async () => {
    const open = await complaint({ finalised: false });
    const early = await api(P.handler, 'POST', `/cases/${open.ref}/lessons`, { theme: 'communication', lesson: 'A lesson recorded before the case was finalised.' });
    expect(early.status).toBe(403);
    expect(early.body.message).toBe('Lessons are recorded at finalisation: this case has allegations without an outcome yet.');
    const done = await complaint({ finalised: true });
    const other = await api(P.constable, 'POST', `/cases/${done.ref}/lessons`, { theme: 'communication', lesson: 'A lesson from someone who did not handle the case.' });
    expect(other.status).toBe(403);
    expect(await db.lesson.count({ where: { caseId: { in: [open.caseId, done.caseId] } } })).toBe(0);
    const anonymous = await fetch(new URL('/api/lessons', base));
    expect(anonymous.status).toBe(401);
  });
});

describe("the workforce's hearing outcomes page", () => {
  it('shows a published outcome with the reason its name is withheld, and a withdrawn one apart', async () => {
    const day = (n: number) => new Date(Date.now() + n * 86_400_000);
    const common = { subjectKind: 'officer', subjectRank: 'inspector', form: 'misconduct-hearing', finding: 'gross-misconduct', sanction: 'dismissal-without-notice', standards: ['confidentiality'], outcomeOn: day(-2), publishFrom: day(-2) };
    await db.publication.create({ data: { ...common, caseId: `${run}-p1`, ref: `CM-${run}-1`, officerName: null, nameWithheldBecause: `Withheld for ${run}: a witness would be identified`, withdrawOn: day(26), status: 'published', publishedAt: day(-2) } });
    await db.publication.create({ data: { ...common, caseId: `${run}-p2`, ref: `CM-${run}-2`, officerName: `Insp ${run} Gone`, withdrawOn: day(-1), status: 'withdrawn', withdrawnAt: day(-1) } });
    const page = await pageAs(await session(P.constable), new URL('/workforce/hearing-outcomes', base));
    expect(page.status).toBe(200);
    const current = /<table[^>]*id="current"[\s\S]*?<\/table>/.exec(page.html)?.[0] ?? '';
    expect(current).toContain(`Withheld for ${run}: a witness would be identified`);
    expect(current).toContain('Police inspector');
    expect(current).not.toContain(`Insp ${run} Gone`);
    const withdrawn = /<table[^>]*id="withdrawn"[\s\S]*?<\/table>/.exec(page.html)?.[0] ?? '';
    expect(withdrawn).toContain(`Insp ${run} Gone`);
  });
});
