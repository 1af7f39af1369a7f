// The public page of misconduct hearing outcomes (DOMAIN.md "Publication") in a real browser
// (Chromium through playwright-core, JavaScript off), served by the intake app on the real
// Postgres: it lists exactly the publications whose status is 'published' — the state the
// publication workflow's timers set (workflows/test/publication.int.test.ts) — never a scheduled or
// withdrawn one, never the reason a name is withheld; axe finds no serious violation.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { addCalendarDays, londonDateOf } from '@probity/shared/domain/index';
import { createLogger } from '@probity/shared/log';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { closeChecker, openBrowser, screenshot, seriousViolations, type Person } from '@probity/shared/testing/browser';
import { createIntakeApp } from '@probity/intake/app';

const config = loadConfig();
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const run = randomUUID().slice(0, 8).toUpperCase();
const today = londonDateOf(Date.now());
const asDate = (d: string) => new Date(`${d}T00:00:00.000Z`);

/** A publication as the recording activity writes it, in the status the workflow has moved it to. */
async function publication(n: number, over: Record<string, unknown>) {
  const caseId = `pub-page-${run}-${n}`;
  await db.publication.create({
    data: {
      caseId, ref: `CM-PUB-${run}-${n}`, officerName: `PC Test Officer ${run}-${n}`, subjectKind: 'officer', subjectRank: 'sergeant',
      form: 'misconduct-hearing', finding: 'gross-misconduct', sanction: 'dismissal-without-notice', standards: ['honesty-and-integrity', 'discreditable-conduct'],
      outcomeOn: asDate(addCalendarDays(today, -3)), publishFrom: asDate(addCalendarDays(today, -3)), withdrawOn: asDate(addCalendarDays(today, 25)),
      status: 'published', publishedAt: new Date(), ...over,
    },
  });
  return `CM-PUB-${run}-${n}`;
}

let server: Server;
let base: string;
let visitor: Person;
beforeAll(async () => {
  const app = createIntakeApp({
    db, log: createLogger('hearing-outcomes-page-test', 'warn'), caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET,
    workflows: complaintWorkflows(temporal), publicRateLimit: 10_000, rateLimitKey: randomUUID(),
    pages: { forceName: 'Kent Police', url: 'http://127.0.0.1', sessionSecret: config.SESSION_SECRET, exitUrl: 'https://www.bbc.co.uk/weather' },
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  visitor = await openBrowser({ javaScript: false });
});
afterAll(async () => {
  await visitor?.close();
  await closeChecker();
  await db.publication.deleteMany({ where: { caseId: { startsWith: `pub-page-${run}-` } } });
  await new Promise((r) => server?.close(r));
  await temporal.close();
  await db.$disconnect();
});

describe('the public page of misconduct hearing outcomes', () => {
  it('lists what is published now — name, rank, finding, sanction, date — and nothing scheduled, withdrawn or withheld', async () => {
    const named = await publication(1, {});
    const withheld = await publication(2, { officerName: null, nameWithheldBecause: `Secret reason ${run}: a covert operation`, subjectRank: 'inspector', finding: 'misconduct', sanction: 'final-written-warning', form: 'misconduct-hearing' });
    const withdrawn = await publication(3, { status: 'withdrawn', withdrawnAt: new Date(), withdrawOn: asDate(today) });
    const scheduled = await publication(4, { status: 'scheduled', publishedAt: null, publishFrom: asDate(addCalendarDays(today, 2)) });

    const { page } = visitor;
    // From the start page, as a member of the public finds it.
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'outcomes of misconduct hearings' }).click();
    expect(new URL(page.url()).pathname).toBe('/misconduct-hearings');
    await expect(page.locator('h1').textContent()).resolves.toBe('Outcomes of misconduct hearings');

    const card = page.locator(`[data-publication="${named}"]`);
    await expect(card.locator('h2').textContent()).resolves.toContain(`PC Test Officer ${run}-1, police sergeant`);
    const text = (await card.textContent())!.replace(/\s+/g, ' ');
    expect(text).toContain('Rank Police sergeant');
    expect(text).toContain('Finding Gross misconduct');
    expect(text).toContain('Sanction Dismissal without notice');
    expect(text).toContain('Type of hearing Misconduct hearing');
    expect(text).toContain('Honesty and integrity; Discreditable conduct');
    // 3 days ago, shown until the day before it is withdrawn.
    const long = (d: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' }).format(asDate(d));
    expect(text).toContain(`Date of the outcome ${long(addCalendarDays(today, -3))}`);
    expect(text).toContain(`Shown here until ${long(addCalendarDays(today, 24))}`);

    const anonymous = (await page.locator(`[data-publication="${withheld}"]`).textContent())!.replace(/\s+/g, ' ');
    expect(anonymous).toContain('Name not published, police inspector');
    expect(anonymous).toContain('Finding Misconduct');
    const html = await page.content();
    expect(html).not.toContain(`Secret reason ${run}`);
    expect(html).not.toContain(`PC Test Officer ${run}-2`);
    expect(await page.locator(`[data-publication="${withdrawn}"]`).count()).toBe(0);
    expect(await page.locator(`[data-publication="${scheduled}"]`).count()).toBe(0);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'public-misconduct-hearings');
  });

  it('is public: no sign-in, no session cookie, not cached', async () => {
    const res = await fetch(`${base}/misconduct-hearings`);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
