// The statistics in the casework portal and its JSON API, against real Postgres and the tests'
// OpenID provider, in a real browser with JavaScript off: a manager opens a period's figures (the
// same numbers the SQL counts, which statistics-queries.int.test.ts proves against the hand-worked
// fixture), follows a number to the cases behind it, downloads the CSV; a bad period is refused
// naming the field; a handler may not see them; restricted cases are counted but listed only to
// those who may work them. axe-core checks every page; screenshots go to .data/screenshots/.
import type { Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoPassword } from '@probity/shared/auth/local-provider-sign-in';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { createLogger } from '@probity/shared/log';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { closeChecker, openBrowser, screenshot, seriousViolations, type Person } from '@probity/shared/testing/browser';
import { bearerFor, testAuth } from '@probity/shared/testing/oidc';
import { uniqueId } from '@probity/shared/testing/temporal';
import { createCaseworkApp } from '../src/app';
import { FIXTURE, Q2_2026 } from '../src/statistics/fixture';
import { reportCsv, statisticsReport, type StatisticsReport } from '../src/statistics/report';
import { loadStatisticsFixture, removeStatisticsFixture } from './statistics-fixture-db';

const config = loadConfig();
const log = createLogger('statistics-page', 'silent');
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const run = uniqueId('stats');
const base = config.CASEWORK_URL;
const ref = (id: string) => `CO-FIX-${id}-${run}`;
const q2 = `from=${Q2_2026.from}&to=${Q2_2026.to}`;

const person = (suffix: string, name: string, role: string, team: string) => ({ id: `${run}-${suffix}`, name, email: `${run}-${suffix}@probity.test`, role, rank: 'inspector', team, division: 'hq' });
const people = {
  manager: person('manager', 'Det Ch Insp Stats Manager', 'psd-manager', 'psd-test'),
  handler: person('handler', 'DS Stats Handler', 'psd-handler', 'psd-test'),
  counterCorruption: person('cc', 'DI Counter Corruption', 'psd-manager', 'counter-corruption'),
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

const api = async (path: string, who: { id: string }) => fetch(`${base}/api${path}`, { headers: await bearerFor(who.id) });
interface DrillBody {
  total: number;
  restrictedNotListed: number;
  cases: { ref: string }[];
}
const drill = async (query: string, who: { id: string }) => (await (await api(`/statistics/cases?${q2}&${query}`, who)).json()) as DrillBody;

beforeAll(async () => {
  for (const p of Object.values(people)) await db.person.upsert({ where: { id: p.id }, create: p, update: { ...p, active: true } });
  await loadStatisticsFixture(db, FIXTURE, run);
  // C1 is a serious-corruption case: counted by everyone, listed only to the counter-corruption unit.
  await db.case.update({ where: { id: `${run}-c1` }, data: { restricted: true, restrictionReason: 'serious-corruption' } });
  const app = createCaseworkApp({ db, log, auth: testAuth(db), caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows: complaintWorkflows(temporal), portal: config });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.CASEWORK_PORT, '127.0.0.1', () => resolve(s));
  });
}, 180_000);

afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => undefined);
  await closeChecker();
  await new Promise((r) => server?.close(r));
  await removeStatisticsFixture(db, run);
  await db.person.updateMany({ where: { id: { startsWith: run } }, data: { active: false } });
  await temporal.close();
  await db.$disconnect();
});

describe('the statistics API', () => {
  it('answers a period with the figures the SQL counts, beside the same period last year', async () => {
    const res = await api(`/statistics?${q2}`, people.manager);
    expect(res.status).toBe(200);
    const body = (await res.json()) as StatisticsReport;
    expect(body).toEqual(JSON.parse(JSON.stringify(await statisticsReport(db, Q2_2026))));
    expect(body.lastYearPeriod).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    // The fixture's cases are among those counted (other tests' cases may be too).
    expect(body.figures.casesLogged).toBeGreaterThanOrEqual(3);
    expect(body.trend.map((t) => t.period.from)).toEqual(['2025-07-01', '2025-10-01', '2026-01-01', '2026-04-01']);
  });

  it('refuses a bad period or figure with a 400 naming the field, and anyone but a manager with a 403', async () => {
    const bad = async (query: string) => {
      const res = await api(query, people.manager);
      expect(res.status, query).toBe(400);
      return ((await res.json()) as { error: string; fields: { field: string }[] }).fields.map((f) => f.field);
    };
    expect(await bad('/statistics?from=2026-13-01&to=2026-06-30')).toEqual(['from']);
    expect(await bad('/statistics?from=2026-04-01')).toEqual(['to']);
    expect(await bad('/statistics?from=2026-06-30&to=2026-04-01')).toEqual(['to']);
    expect(await bad(`/statistics/cases?${q2}`)).toEqual(['figure']);
    expect(await bad(`/statistics/cases?${q2}&figure=stage`)).toEqual(['stage']);
    expect(await bad(`/statistics/cases?${q2}&figure=sla&task=handling&breached=maybe`)).toEqual(['breached']);
    const forbidden = await api(`/statistics?${q2}`, people.handler);
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: string }).error).toBe('forbidden');
  });

  it('lists the cases behind a number, leaving restricted ones to those who may work them', async () => {
    const under = await drill('figure=finalised-under-schedule-3', people.manager);
    // C2: 33 working days under Schedule 3, 24 without its suspension (see finalisation.test.ts).
    expect(under.cases).toContainEqual({ ref: ref('c2'), kind: 'complaint', restricted: false, workingDays: 33, workingDaysExcludingSuspension: 24 });
    const managerView = await drill('figure=finalised-outside-schedule-3', people.manager);
    expect(managerView.cases.map((c) => c.ref)).not.toContain(ref('c1'));
    expect(managerView.restrictedNotListed).toBeGreaterThanOrEqual(1);
    const unitView = await drill('figure=finalised-outside-schedule-3', people.counterCorruption);
    expect(unitView.cases.map((c) => c.ref)).toContain(ref('c1'));
    expect(unitView.total).toBe(managerView.total);
  });

  it('downloads the CSV', async () => {
    const res = await api(`/statistics.csv?${q2}`, people.manager);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="psd-statistics-2026-04-01-to-2026-06-30.csv"');
    expect(await res.text()).toBe(reportCsv(await statisticsReport(db, Q2_2026)));
  });
});

describe('the statistics pages in a browser (JavaScript off)', () => {
  it('a manager opens a quarter, sees the figures and charts, follows a number to its cases and downloads the CSV', async () => {
    const page = await signIn(people.manager);
    await page.getByRole('link', { name: 'Statistics', exact: true }).click();
    expect(await page.locator('h1').innerText()).toBe('Statistics');
    await page.goto(`${base}/statistics?${q2}`);
    const report = await statisticsReport(db, Q2_2026);
    expect(await page.locator('.govuk-caption-l').innerText()).toBe('Q2 2026 (April to June), beside Q2 2025 (April to June)');
    const row = (label: string) => page.locator('tr', { has: page.locator('th', { hasText: new RegExp(`^${label}`) }) }).first();
    expect(await row('Cases logged').locator('td').nth(0).innerText()).toBe(String(report.figures.casesLogged));
    expect(await row('Cases logged').locator('td').nth(1).innerText()).toBe(String(report.lastYear.casesLogged));
    expect(await row('Average time to finalise under Schedule 3, excluding suspension').locator('td').nth(0).innerText()).toBe(
      String(report.figures.finalisedUnderSchedule3.averageWorkingDaysExcludingSuspension ?? 'None'),
    );
    // Every chart is an image with its text alternative, beside a table of its numbers.
    expect(await page.locator('svg[role="img"]').count()).toBe(3);
    expect(await page.locator('#chart-categories-desc').textContent()).toContain('Police powers, policies and procedures');
    expect(await page.locator('#table-stages').innerText()).toContain('First contact');
    await look(page, 'statistics');

    await page.getByRole('link', { name: 'Cases behind cases finalised under schedule 3', exact: true }).click();
    expect(await page.locator('h1').innerText()).toBe('Cases finalised under Schedule 3');
    const c2 = page.locator('tr', { has: page.getByRole('link', { name: ref('c2') }) });
    expect(await c2.locator('td').nth(1).innerText()).toBe('33');
    expect(await c2.locator('td').nth(2).innerText()).toBe('24');
    await look(page, 'statistics-cases');

    await page.getByRole('link', { name: 'Back' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    expect(download.suggestedFilename()).toBe('psd-statistics-2026-04-01-to-2026-06-30.csv');
    expect(await readFile((await download.path())!, 'utf8')).toBe(reportCsv(await statisticsReport(db, Q2_2026)));
  });

  it('shows a bad period as an error on its field; a handler is not allowed in', async () => {
    const page = await signIn(people.manager);
    await page.goto(`${base}/statistics`);
    await page.locator('#from').fill('2026-06-30');
    await page.locator('#to').fill('2026-04-01');
    await page.locator('#show-figures').click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('to must be on or after from');
    expect(await page.locator('#to-error').innerText()).toContain('to must be on or after from');
    await look(page, 'statistics-error');

    const handler = await signIn(people.handler);
    const res = await handler.goto(`${base}/statistics?${q2}`);
    expect(res?.status()).toBe(403);
    expect(await handler.getByRole('link', { name: 'Statistics', exact: true }).count()).toBe(0);
  });
});
