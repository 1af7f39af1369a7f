// The public pages' routes over HTTP against the real Postgres (sessions, cases) and Temporal:
// CSRF refusals, bad input answered with the schema's messages naming the field, no-store on
// every page, the session cookie's flags, and the case token never in a URL or a log line.
import { createHash, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '@probity/shared/auth/cookie-jar';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { londonDateOf } from '@probity/shared/domain/index';
import { CASEWORK_SESSION_COOKIE } from '@probity/shared/web/casework-sessions';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { createIntakeApp } from '@probity/intake/app';
import { NOT_OPEN_FOR_REVIEW } from '@probity/intake/complaint/complainant-access';
import { PUBLIC_SESSION_COOKIE } from '@probity/intake/public-session';

const config = loadConfig();
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const EXIT = 'https://www.bbc.co.uk/weather';

/** Every log line the app writes, to look for what must never be in one. */
const logLines: string[] = [];
const log = pino(
  { level: 'debug', base: { service: 'intake-pages-test' } },
  new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  }),
);

async function serve(url: string) {
  const app = createIntakeApp({
    db,
    log,
    caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET,
    workflows: complaintWorkflows(temporal),
    publicRateLimit: 10_000, rateLimitKey: randomUUID(),
    pages: { forceName: 'Kent Police', url, sessionSecret: config.SESSION_SECRET, exitUrl: EXIT },
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let server: Server;
let base: string;
beforeAll(async () => {
  ({ server, base } = await serve('http://127.0.0.1'));
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await temporal.close();
  await db.$disconnect();
});

/** A visitor: their cookies, and every URL they were sent to. */
function visitor() {
  const jar = new CookieJar();
  const locations: string[] = [];
  const get = async (path: string) => {
    const res = await jar.fetch(`${base}${path}`);
    if (res.headers.get('location')) locations.push(res.headers.get('location')!);
    return { res, html: await res.text() };
  };
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  /** GETs the page for its CSRF token, then POSTs the form (as a browser would). */
  const post = async (path: string, fields: Record<string, string>, opts: { csrf?: string | null } = {}) => {
    const csrf = opts.csrf === undefined ? csrfOf((await get(path)).html) : opts.csrf;
    const body = new URLSearchParams({ ...fields, ...(csrf !== null && csrf !== undefined && { _csrf: csrf }) });
    const res = await jar.fetch(`${base}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    if (res.headers.get('location')) locations.push(res.headers.get('location')!);
    return { res, html: await res.text() };
  };
  return { jar, get, post, locations, csrfOf };
}

const threeDaysAgo = () => londonDateOf(Date.now() - 3 * 24 * 3600 * 1000).split('-');

/** Answers every question page and sends the complaint; returns the reference and token shown. */
async function fileComplaint(v: ReturnType<typeof visitor>, name: string) {
  const [y, m, d] = threeDaysAgo();
  expect((await v.post('/complaint/your-details', { name, email: 'casey@example.test', phone: '', address: '', preferredContact: 'email' })).res.status).toBe(303);
  expect((await v.post('/complaint/what-happened', { what: 'The officer shouted at me in the street.', 'when-day': d!, 'when-month': m!, 'when-year': y!, where: 'High Street', hurt: 'no' })).res.status).toBe(303);
  expect((await v.post('/complaint/allegations/new', { choice: 'behaviour', description: 'He shouted at me.' })).res.status).toBe(303);
  expect((await v.post('/complaint/allegations', { another: 'no' })).res.status).toBe(303);
  expect((await v.post('/complaint/people', { another: 'no' })).res.status).toBe(303);
  expect((await v.post('/complaint/what-you-want', { outcomeWanted: 'An apology', formal: 'yes' })).res.status).toBe(303);
  // "Send complaint" clicked twice from one check-your-answers page: one complaint.
  const csrf = v.csrfOf((await v.get('/complaint/check-answers')).html);
  const sends = await Promise.all([v.post('/complaint/check-answers', {}, { csrf }), v.post('/complaint/check-answers', {}, { csrf })]);
  expect(sends.map((r) => r.res.status)).toContain(303);
  for (const sent of sends.filter((r) => r.res.status === 303)) expect(sent.res.headers.get('location')).toBe('/complaint/sent');
  expect(await db.case.count({ where: { complainant: { path: ['name'], equals: name } } })).toBe(1);
  const page = await v.get('/complaint/sent');
  const ref = /data-ref>([^<]+)</.exec(page.html)![1]!;
  const token = /data-token>([^<]+)</.exec(page.html)![1]!.trim();
  return { ref, token, page };
}

describe('public pages', () => {
  it('every page: no-store, the security headers, and a session cookie of their own (httpOnly, Lax, not Secure on http://127.0.0.1)', async () => {
    const v = visitor();
    const start = await v.get('/');
    expect(start.res.status).toBe(200);
    expect(start.res.headers.getSetCookie()).toEqual([]); // the start page needs no session
    const { res, html } = await v.get('/complaint/your-details');
    expect(res.status).toBe(200);
    for (const r of [start.res, res]) {
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${PUBLIC_SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(PUBLIC_SESSION_COOKIE).not.toBe(CASEWORK_SESSION_COOKIE);
    expect(html).toContain('Exit this page');
    expect(html).toContain('href="/exit"');
  });

  it('sets a Secure cookie when the pages are served over https', async () => {
    const https = await serve('https://complaints.example.police.uk');
    try {
      const res = await fetch(`${https.base}/complaint/your-details`);
      expect(res.headers.getSetCookie().find((c) => c.startsWith(`${PUBLIC_SESSION_COOKIE}=`))).toMatch(/; Secure/);
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    } finally {
      await new Promise((r) => https.server.close(r));
    }
  });

  it('refuses a form without the session’s CSRF token, and keeps nothing of it', async () => {
    const v = visitor();
    await v.get('/complaint/your-details');
    const missing = await v.post('/complaint/your-details', { name: 'Mallory', email: 'm@example.test', preferredContact: 'email' }, { csrf: null });
    const wrong = await v.post('/complaint/your-details', { name: 'Mallory', email: 'm@example.test', preferredContact: 'email' }, { csrf: 'not-the-token' });
    const stranger = await fetch(`${base}/complaint/your-details`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'Mallory', _csrf: v.csrfOf((await v.get('/complaint/your-details')).html)! }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    for (const r of [missing, wrong]) {
      expect(r.res.status).toBe(400);
      expect(r.html).toContain('Your form could not be sent');
    }
    expect(stranger.status).toBe(400);
    expect((await v.get('/complaint/your-details')).html).not.toContain('Mallory');
  });

  it('bad input is a 400 page naming the field, with the complaint schema’s own message', async () => {
    const v = visitor();
    const { res, html } = await v.post('/complaint/your-details', { name: '', email: 'not-an-email', preferredContact: 'email' });
    expect(res.status).toBe(400);
    expect(html).toContain('<title>Error: Your details');
    expect(html).toContain('href="#complainant-name">Enter a full name</a>');
    expect(html).toContain('href="#complainant-email">Enter an email address in the correct format, like name@example.com</a>');
    expect(html).toMatch(/id="complainant-email-error"[^>]*>\s*<span class="govuk-visually-hidden">Error:<\/span> Enter an email address/);
    expect(html).toContain('value="not-an-email"');

    const date = await v.post('/complaint/what-happened', { what: 'Something happened to me.', 'when-day': '30', 'when-month': '2', 'when-year': '2026', where: 'Here' });
    expect(date.res.status).toBe(400);
    expect(date.html).toContain('href="#incident-when-day">The date it happened must be a real date</a>');
    const future = await v.post('/complaint/what-happened', { what: 'Something happened to me.', 'when-day': '1', 'when-month': '1', 'when-year': '2999', where: 'Here' });
    expect(future.html).toContain('The date it happened must be today or in the past');

    // About you: every question optional (an empty page moves on); an answer not on the list is refused at its question.
    const none = await v.post('/complaint/about-you', {});
    expect(none.res.status).toBe(303);
    const odd = await v.post('/complaint/about-you', { ethnicity: 'martian', sex: 'female' });
    expect(odd.res.status).toBe(400);
    expect(odd.html).toMatch(/href="#ethnicity">ethnicity must be one of: /);
    expect(odd.html).toContain('value="female" checked');

    // Check your answers with pages skipped: each problem links to the page that answers it.
    const check = await v.post('/complaint/check-answers', {});
    expect(check.res.status).toBe(400);
    expect(check.html).toContain('href="/complaint/your-details"');
    expect(check.html).toContain('href="/complaint/allegations"');
  });

  it('files a complaint; the token is shown once on the page, never in a URL or a log line; progress is a form POST', async () => {
    const v = visitor();
    const name = `Casey Pages ${Date.now()}`;
    const { ref, token, page } = await fileComplaint(v, name);
    expect(ref).toMatch(/^CO-\d{4}-\d{6}$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(page.res.headers.get('cache-control')).toBe('no-store');
    const row = await db.case.findUniqueOrThrow({ where: { ref } });
    expect(row.complainant).toMatchObject({ name, email: 'casey@example.test' });
    expect(row.outcomeWanted).toBe('An apology');

    // Once sent, the answers are gone from the session: sending again sends nothing.
    const again = await v.post('/complaint/check-answers', {});
    expect(again.res.status).toBe(400);
    expect(await db.case.count({ where: { complainant: { path: ['name'], equals: name } } })).toBe(1);

    // The session row keeps the token sealed, not in plain text.
    const sessions = await db.webSession.findMany({ where: { service: 'intake' } });
    expect(sessions.some((s) => JSON.stringify(s.data).includes(ref))).toBe(true);
    expect(sessions.some((s) => JSON.stringify(s.data).includes(token))).toBe(false);

    const lookup = await v.post('/progress', { ref, token });
    expect(lookup.res.status).toBe(303);
    expect(lookup.res.headers.get('location')).toBe('/your-complaint');
    const progress = await v.get('/your-complaint');
    expect(progress.res.status).toBe(200);
    expect(progress.res.headers.get('cache-control')).toBe('no-store');
    expect(progress.html).toContain(ref);
    expect(progress.html).toContain('Received');
    expect(progress.html).not.toContain(token);

    // No workflow is running for it here: the review is refused with the reason, as a page (409), never a 500.
    const review = await v.post('/your-complaint/review', { reason: 'The outcome was wrong.' });
    expect(review.res.status).toBe(409);
    expect(review.html).toContain(NOT_OPEN_FOR_REVIEW);

    for (const url of v.locations) expect(url).not.toContain(token);
    const logs = logLines.join('');
    expect(logs).toContain(ref);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(name);
  });

  it('a wrong token opens nothing, and says so on the page', async () => {
    const v = visitor();
    const { ref } = await fileComplaint(v, `Casey Wrong ${Date.now()}`);
    const other = visitor();
    const wrong = await other.post('/progress', { ref, token: 'A'.repeat(43) });
    expect(wrong.res.status).toBe(404);
    expect(wrong.html).toContain('No complaint matches that reference number and case token');
    expect((await other.get('/your-complaint')).res.headers.get('location')).toBe('/progress');
    const blank = await other.post('/progress', { ref: 'nonsense', token: '' });
    expect(blank.res.status).toBe(400);
    expect(blank.html).toContain('href="#ref">Enter your complaint reference number as it was given to you');
    expect(blank.html).toContain('href="#token">Enter your case token</a>');
  });

  it('"Exit this page" ends the session and leaves for a neutral site', async () => {
    const v = visitor();
    await v.post('/complaint/your-details', { name: 'Exiting', email: 'e@example.test', preferredContact: 'email' });
    // The session row's id is the sha256 of the cookie's key (shared/src/web/session.ts).
    const id = createHash('sha256').update(v.jar.get(PUBLIC_SESSION_COOKIE)!.split('.')[0]!).digest('hex');
    expect(await db.webSession.findUnique({ where: { id } })).not.toBeNull();
    const exit = await v.get('/exit');
    expect(exit.res.status).toBe(303);
    expect(exit.res.headers.get('location')).toBe(EXIT);
    expect(v.jar.get(PUBLIC_SESSION_COOKIE)).toBeUndefined();
    expect(await db.webSession.findUnique({ where: { id } })).toBeNull();
    expect((await v.get('/complaint/your-details')).html).not.toContain('Exiting');
  });

  it('an unknown page is an HTML 404; the JSON API keeps its JSON 404', async () => {
    const page = await fetch(`${base}/complaint/nope`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('Page not found');
    const api = await fetch(`${base}/complaints/CO-2026-000001/nope`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'not_found' });
  });
});
