// The early-intervention pages in a real browser with JavaScript off, against real Postgres and
// the tests' OpenID provider: three complaints naming one officer are recorded as intake records
// them, the rules raise the flags, and the officer's line manager opens the flagged officer, is
// told what is missing, and marks the flag; a PSD manager sees the false-positive rates and the
// backtest; a constable is not allowed. axe-core checks every page; screenshots go to .data/screenshots/.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoPassword } from '@probity/shared/auth/local-provider-sign-in';
import { TokenSealer } from '@probity/shared/complaint/case-token';
import { complaintFormSchema } from '@probity/shared/complaint/complaint-form';
import { createIntakeStore } from '@probity/shared/complaint/complaint-store';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { addCalendarDays, addMonths, toLondonDate } from '@probity/shared/domain/index';
import { raiseFlags } from '@probity/shared/early-intervention/flag-store';
import { createLogger } from '@probity/shared/log';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { closeChecker, openBrowser, screenshot, seriousViolations, type Person } from '@probity/shared/testing/browser';
import { testAuth } from '@probity/shared/testing/oidc';
import { uniqueId } from '@probity/shared/testing/temporal';
import { createCaseworkApp } from '../src/app';

const config = loadConfig();
const log = createLogger('early-intervention-page', 'silent');
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const run = uniqueId('ei');
const base = config.CASEWORK_URL;
const team = `${run}-team`;
const person = (suffix: string, name: string, role: string, rank: string, managerId: string | null) => ({ id: `${run}-${suffix}`, name, email: `${run}-${suffix}@probity.test`, role, rank, team, division: 'north', managerId });
const people = {
  manager: person('sergeant', `Sgt Line Manager ${run}`, 'supervisor', 'sergeant', null),
  officer: person('constable', `PC Flagged Officer ${run}`, 'front-line', 'constable', `${run}-sergeant`),
  psd: { ...person('psd', `Ch Insp PSD Manager ${run}`, 'psd-manager', 'chief-inspector', null), team: 'psd-test', division: 'hq' },
};

let server: Server;
const browsers: Person[] = [];

async function look(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page), `${name}: ${page.url()}`).toEqual([]);
}

async function signIn(who: { id: string }): Promise<Page> {
  const browser = await openBrowser({ javaScript: false });
  browsers.push(browser);
  const { page } = browser;
  await page.goto(`${base}/`);
  await page.locator('#personId').fill(who.id);
  await page.locator('#password').fill(demoPassword());
  await page.locator('#sign-in-password').click();
  await page.waitForURL(`${base}/`);
  return page;
}

beforeAll(async () => {
  await db.person.upsert({ where: { id: people.manager.id }, create: people.manager, update: people.manager });
  for (const p of [people.officer, people.psd]) await db.person.upsert({ where: { id: p.id }, create: p, update: p });
  const store = createIntakeStore(db, new TokenSealer(config.CASE_TOKEN_SEAL_SECRET));
  for (const n of [1, 2, 3]) {
    const form = complaintFormSchema.parse({
      complainant: { name: `Complainant ${n}`, email: `${run}-${n}@example.test`, preferredContact: 'email' },
      incident: { what: `Complaint ${n}: the officer shouted at me.`, when: new Date(Date.now() - 86_400_000).toISOString(), where: 'Station Road' },
      subjects: [{ kind: 'officer', personId: people.officer.id }],
      allegations: [{ category: 'individual-behaviours', subCategory: 'impolite-language-or-tone', description: 'shouted' }],
    });
    const recorded = await store.recordComplaint({ form });
    if (recorded.outcome !== 'created') throw new Error('not created');
    // No allocation runs here: the case.received event is not for anyone.
    await db.outboxEvent.updateMany({ where: { key: recorded.receipt.caseId }, data: { publishedAt: new Date() } });
    await raiseFlags(db, { caseId: recorded.receipt.caseId });
  }
  const app = createCaseworkApp({ db, log, auth: testAuth(db), caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows: complaintWorkflows(temporal), portal: config });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.CASEWORK_PORT, '127.0.0.1', () => resolve(s));
  });
}, 180_000);

afterAll(async () => {
  for (const b of browsers) await b.close();
  await closeChecker();
  await new Promise((r) => server?.close(r));
  await db.$disconnect();
});

describe('early-intervention pages (browser, JavaScript off)', () => {
  it('a line manager opens the flagged officer, is told what is missing, and marks the flag', async () => {
    const flags = await db.earlyInterventionFlag.findMany({ where: { subjectKey: people.officer.id }, orderBy: { ruleId: 'asc' } });
    expect(flags.map((f) => f.ruleId)).toEqual(['same-category-twice-in-12-months', 'three-allegations-in-12-months', 'three-complaints-in-12-months']);
    const page = await signIn(people.manager);
    // A line manager finds the page from the menu, not only from an email's link.
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Early intervention' }).click();
    await expect(page.locator('h1').textContent()).resolves.toMatch(/Early intervention/);
    await look(page, 'early-intervention-manager');
    const rows = page.locator('#flags tbody tr', { hasText: 'Three complaints in 12 months' });
    await expect(rows.count()).resolves.toBe(1);
    await rows.getByRole('link', { name: people.officer.name }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe(people.officer.name);
    await expect(page.locator('#flag-state').textContent()).resolves.toMatch(/New/);
    // Cases about the manager's own team are counted but not listed to them.
    await expect(page.locator('body').textContent()).resolves.toContain('3 cases not listed to you');
    await look(page, 'early-intervention-flag');

    await page.locator('#to-2').check(); // action taken, without saying what
    await page.locator('#mark-flag').click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('say what action was taken');
    await look(page, 'early-intervention-flag-error');

    await page.locator('#to-2').check();
    await page.locator('#action').fill('Development plan agreed with the officer');
    await page.locator('#mark-flag').click();
    await expect(page.locator('#flag-state').textContent()).resolves.toMatch(/Action taken/);
    await expect(page.locator('#flag-facts').textContent()).resolves.toContain('Development plan agreed with the officer');
    await expect(page.locator('#mark-flag').count()).resolves.toBe(0); // closed: no form
    const stored = await db.earlyInterventionFlag.findFirstOrThrow({ where: { subjectKey: people.officer.id, ruleId: 'three-complaints-in-12-months' } });
    expect(stored).toMatchObject({ state: 'action-taken', closedBy: people.manager.id, action: 'Development plan agreed with the officer' });
  }, 120_000);

  it('a PSD manager sees the cases, the rates and the backtest; a constable is not allowed', async () => {
    const page = await signIn(people.psd);
    await page.goto(`${base}/early-intervention`);
    await expect(page.locator('#rates').textContent()).resolves.toContain('Three complaints in 12 months');
    const sameCategory = page.locator('#flags tbody tr', { hasText: people.officer.name }).filter({ hasText: 'Same category twice' });
    await expect(sameCategory.textContent()).resolves.toMatch(/complaints alleging [a-z ,]+ in 12 months/); // the category in words, not its code
    await sameCategory.getByRole('link').click();
    // Raised on the second complaint, grown by the third while open.
    await expect(page.locator('#flag-cases li').count()).resolves.toBe(3);
    // The default period ends yesterday; this test's complaints arrived today, so the period is asked for.
    const to = toLondonDate(Date.now());
    await page.goto(`${base}/early-intervention/backtest?from=${addCalendarDays(addMonths(to, -12), 1)}&to=${to}`);
    await look(page, 'early-intervention-backtest');
    await expect(page.locator('#backtest').textContent()).resolves.toContain(people.officer.name);

    const constable = await signIn(people.officer);
    await constable.goto(`${base}/`);
    await expect(constable.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Early intervention' }).count()).resolves.toBe(0);
    const res = await constable.goto(`${base}/early-intervention`);
    expect(res?.status()).toBe(403);
  }, 120_000);
});
