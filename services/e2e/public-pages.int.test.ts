// A member of the public in a real browser (Debian's Chromium): files a complaint through the
// question pages, with JavaScript off and one page by keyboard alone, corrects a mistake, gets a
// reference and token, sees the complaint reach its workflow (outbox → Kafka → allocation →
// worker) on the progress page, and is refused a review before the outcome with the workflow's
// reason. axe-core runs on every page visited; screenshots go to .data/screenshots/public-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { defaultPayloadConverter } from '@temporalio/common';
import { stateQuery } from '@probity/workflows/complaint/contract';
import { loadConfig } from '@probity/shared/config';
import { EncryptionCodec } from '@probity/shared/temporal/codec';
import { payloadsIn } from '@probity/shared/testing/temporal';
import { londonDateOf } from '@probity/shared/domain/index';
import { closeChecker, openBrowser, screenshot, seriousViolations, type Person } from '@probity/shared/testing/browser';
import { CASEWORK_SESSION_COOKIE } from '@probity/shared/web/casework-sessions';
import { PUBLIC_SESSION_COOKIE } from '@probity/intake/public-session';
import { eventually, startStack, type Stack } from './stack';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s?.stop();
});

const DAY = 24 * 3600 * 1000;

/** A browser on the public pages: every page it shows is checked with axe and photographed. */
async function publicBrowser(journey: string, javaScript: boolean) {
  const b = await openBrowser({ javaScript });
  const urls: string[] = [];
  const failed: string[] = [];
  b.page.on('request', (r) => urls.push(r.url()));
  b.page.on('requestfailed', (r) => failed.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  let n = 0;
  const look = async (name: string) => {
    expect(await seriousViolations(b.page), `axe on ${name} (${b.page.url()})`).toEqual([]);
    await screenshot(b.page, `${journey}-${String(++n).padStart(2, '0')}-${name}`);
  };
  /** Waits for the browser to arrive at `url`, saying which requests failed if it does not. */
  const arrivesAt = async (url: string) => {
    await b.page.waitForURL(url, { timeout: 20_000 }).catch((err: Error) => {
      throw new Error(`${err.message}; now at ${b.page.url()}; failed requests: ${failed.join(' | ') || 'none'}`);
    });
  };
  return { b, page: b.page, urls, look, arrivesAt };
}

const focused = (page: Page, selector: string) =>
  page.evaluate(`Boolean(document.activeElement && document.activeElement.matches(${JSON.stringify(selector)}))`) as Promise<boolean>;

/** Presses Tab until the element matching `selector` has the focus (keyboard only). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await focused(page, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue' });

describe('the public pages, in a browser', () => {
  let b: Person | undefined;
  afterAll(async () => {
    await b?.close();
    await closeChecker();
  });

  it('a complaint filed with JavaScript off reaches its workflow; its progress is shown; a review before the outcome is refused with the reason', async () => {
    const { b: browser, page, urls, look, arrivesAt } = await publicBrowser('public', false);
    b = browser;
    const base = s.baseUrl;
    const name = `Casey Example ${Date.now()}`;

    await page.goto(`${base}/`);
    expect(await page.evaluate('document.body.classList.contains("js-enabled")')).toBe(false);
    await look('start');
    await page.getByRole('button', { name: 'Start now' }).click();

    // Your details, by keyboard alone; telephone chosen but no number given.
    await expect.poll(() => page.title()).toMatch(/^Your details/);
    await look('your-details');
    await tabTo(page, '#complainant-name');
    await page.keyboard.type(name);
    await tabTo(page, '#complainant-email');
    await page.keyboard.type('casey@example.test');
    await tabTo(page, 'input[name="preferredContact"]');
    await page.keyboard.press('ArrowDown'); // from "By email" to "By telephone"
    expect(await focused(page, '#complainant-preferredContact-2:checked')).toBe(true);
    await tabTo(page, 'button.govuk-button');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.title()).toMatch(/^Error: Your details/);
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.innerText()).toContain('Enter a telephone number, or choose another way to be contacted');
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#complainant-phone');
    expect(await page.locator('#complainant-phone-error').innerText()).toContain('Enter a telephone number');
    expect(await page.locator('#complainant-name').inputValue()).toBe(name); // what was typed is kept
    await look('your-details-error');
    await tabTo(page, '#complainant-phone');
    await page.keyboard.type('07700 900123');
    await tabTo(page, 'button.govuk-button');
    await page.keyboard.press('Enter');

    // What happened: a date three days ago, in the date input.
    await expect.poll(() => page.title()).toMatch(/^What happened/);
    await look('what-happened');
    const [y, m, d] = londonDateOf(Date.now() - 3 * DAY).split('-');
    await page.getByLabel('Tell us what happened').fill('An officer shouted at me outside the station and would not give his number.');
    await page.getByLabel('Day').fill(String(Number(d)));
    await page.getByLabel('Month').fill(String(Number(m)));
    await page.getByLabel('Year').fill(y!);
    await page.getByLabel('Where did it happen?').fill('Outside Northtown police station');
    await page.getByLabel('No', { exact: true }).check();
    await continueButton(page).click();

    // What the complaint is about: two things, in the public's words.
    await expect.poll(() => page.title()).toMatch(/^What is your complaint about\?/);
    await look('allegation');
    await page.getByLabel('How an officer or member of staff behaved').check();
    await page.getByLabel('What did the officer or member of staff do, or not do?').fill('He shouted at me in front of my children.');
    await continueButton(page).click();
    await expect.poll(() => page.title()).toMatch(/^Your complaint is about 1 thing/);
    await look('allegations-1');
    await page.getByLabel('Yes').check();
    await continueButton(page).click();
    await page.getByLabel('The service you got').check();
    await page.getByLabel('What did the officer or member of staff do, or not do?').fill('Nobody called me back about it.');
    await continueButton(page).click();
    await expect.poll(() => page.title()).toMatch(/^Your complaint is about 2 things/);
    await page.getByLabel('No').check();
    await continueButton(page).click();

    // Who was involved.
    await expect.poll(() => page.title()).toMatch(/^Who was involved/);
    await look('people');
    await page.getByLabel('Yes').check();
    await continueButton(page).click();
    await look('person');
    await page.getByLabel('Tell us about an officer or member of staff involved').fill('Tall officer with a beard, collar number 1234.');
    await continueButton(page).click();
    await page.getByLabel('No').check();
    await continueButton(page).click();

    // What they want to happen.
    await expect.poll(() => page.title()).toMatch(/^What you would like to happen/);
    await look('what-you-want');
    await page.getByLabel('What would you like to happen as a result of your complaint? (optional)').fill('An apology, and a call back.');
    await page.getByLabel('No, try to put things right quickly first').check();
    await continueButton(page).click();

    // About you: equality monitoring, every question marked optional; two answered, the rest left out.
    await expect.poll(() => page.title()).toMatch(/^About you \(optional\)/);
    await look('about-you');
    const legends = await page.locator('legend').allInnerTexts();
    expect(legends.length).toBe(7);
    for (const legend of legends) expect(legend).toMatch(/\(optional\)$/);
    await page.getByRole('group', { name: 'What is your age? (optional)' }).getByLabel('35 to 44').check();
    await page.getByRole('group', { name: 'What is your ethnic group? (optional)' }).getByLabel('Asian or Asian British').check();
    await continueButton(page).click();

    // Check your answers; change one, and come back to it.
    await expect.poll(() => page.title()).toMatch(/^Check your answers/);
    const answers = await page.locator('main').innerText();
    for (const shown of [name, '07700 900123', 'By telephone', 'Outside Northtown police station', 'How an officer or member of staff behaved', 'The service you got', 'collar number 1234', 'An apology', 'Asian or Asian British', '35 to 44', 'Not answered']) {
      expect(answers).toContain(shown);
    }
    await look('check-answers');
    await page.getByRole('link', { name: 'Change where it happened' }).click();
    await expect.poll(() => page.title()).toMatch(/^What happened/);
    await page.getByLabel('Where did it happen?').fill('Outside Northtown police station, Market Street');
    await continueButton(page).click();
    await expect.poll(() => page.title()).toMatch(/^Check your answers/);
    expect(await page.locator('main').innerText()).toContain('Market Street');
    await page.getByRole('button', { name: 'Send complaint' }).click();

    // Confirmation: the reference and the token.
    await expect.poll(() => page.title()).toMatch(/^Complaint sent/);
    await look('sent');
    const ref = (await page.locator('[data-ref]').innerText()).trim();
    const token = (await page.locator('[data-token]').innerText()).trim();
    expect(ref).toMatch(/^CO-\d{4}-\d{6}$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await s.db.case.findUniqueOrThrow({ where: { ref }, include: { allegations: { orderBy: { seq: 'asc' } } } });
    expect(row).toMatchObject({ channel: 'web', outcomeWanted: 'An apology, and a call back.' });
    expect(row.complainant).toMatchObject({ name, phone: '07700 900123', preferredContact: 'phone' });
    expect(row.allegations.map((a) => a.category)).toEqual(['individual-behaviours', 'delivery-of-duties-and-service']);

    // The complaint reaches its workflow through the outbox, Kafka and allocation, and the case record follows.
    const handle = s.env.client.workflow.getHandle(`complaint-${ref}`);
    await eventually('first-contact task', async () => (await handle.query(stateQuery).catch(() => undefined))?.openTasks.find((t) => t.type === 'first-contact'), 60_000);
    await eventually('case at first contact', async () => ((await s.db.case.findUnique({ where: { ref } }))?.stage === 'first-contact' ? true : undefined));

    // The equality answers are in Postgres only (ComplainantEquality): not in the case's JSON, not in
    // the case.received event as the outbox sent it to Kafka, not in the workflow's history (decoded).
    expect(await s.db.complainantEquality.findMany({ where: { caseId: row.id }, select: { ageBand: true, ethnicity: true, sex: true } })).toEqual([{ ageBand: '35-44', ethnicity: 'asian-or-asian-british', sex: null }]);
    const leaks = (text: string) => ['asian-or-asian-british', '35-44', 'equality', 'ageBand', 'ethnicity'].filter((x) => text.includes(x));
    expect(leaks(JSON.stringify(row.complainant))).toEqual([]);
    const events = await s.db.outboxEvent.findMany({ where: { key: row.id } });
    expect(events.length).toBeGreaterThan(0);
    expect(leaks(JSON.stringify(events.map((e) => e.payload)))).toEqual([]);
    const decoded = await new EncryptionCodec(loadConfig().PAYLOAD_KEY).decode(payloadsIn(await handle.fetchHistory()));
    expect(decoded.length).toBeGreaterThan(0);
    const history = JSON.stringify(decoded.map((p) => defaultPayloadConverter.fromPayload(p)));
    expect(history).toContain(ref);
    expect(leaks(history)).toEqual([]);

    // Progress: reference and token typed into the form; a wrong token first.
    await page.getByRole('link', { name: 'Check the progress of your complaint' }).click();
    await expect.poll(() => page.title()).toMatch(/^Check the progress/);
    await look('progress');
    await page.getByLabel('Reference number').fill(ref.toLowerCase());
    await page.getByLabel('Case token').fill(`${token.slice(0, -2)}xx`);
    await continueButton(page).click();
    await expect.poll(() => page.locator('.govuk-error-summary').innerText()).toContain('No complaint matches that reference number and case token');
    expect(await page.getByLabel('Case token').inputValue()).toBe(''); // the token is never written back into a page
    await look('progress-no-match');
    await page.getByLabel('Case token').fill(token);
    await continueButton(page).click();
    await expect.poll(() => page.title()).toMatch(new RegExp(`^Your complaint ${ref}`));
    const progress = await page.locator('main').innerText();
    expect(progress).toContain('We are contacting you');
    expect(progress).toContain('Received');
    expect(progress).toContain('What happens next');
    await look('your-complaint');

    // A review before the outcome: the workflow refuses, and the page says why (never a 500).
    await page.getByRole('link', { name: 'Ask for a review' }).click();
    await expect.poll(() => page.title()).toMatch(/^Ask for a review/);
    await look('review');
    await page.getByRole('button', { name: 'Send review request' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').innerText()).toContain('Tell us why you want the outcome reviewed');
    await page.getByLabel('Why do you want a review?').fill('Nobody has looked at what the officer did.');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/your-complaint/review` && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Send review request' }).click(),
    ]);
    expect(answer.status()).toBe(409);
    const refusal = page.locator('.govuk-notification-banner');
    await expect.poll(() => refusal.innerText()).toContain('Your request for a review was not accepted');
    expect(await refusal.locator('[data-refusal]').innerText()).toBe(`You cannot ask for a review of complaint ${ref} yet: a review can be asked for only after we have told you the outcome. Where it stands now: We are contacting you.`);
    expect(await page.getByLabel('Why do you want a review?').inputValue()).toBe('Nobody has looked at what the officer did.');
    await look('review-refused');
    const application = await s.db.auditEntry.findFirstOrThrow({ where: { caseId: row.id, action: 'review-application' } });
    expect(application.detail).toMatchObject({ reason: 'Nobody has looked at what the officer did.', answer: 'refused', refusal: expect.stringContaining('first-contact') });

    // The token never travelled in a URL; the session cookie is the public pages' own.
    expect(urls.filter((u) => u.includes(token))).toEqual([]);
    const cookie = (await page.context().cookies(base)).find((c) => c.name === PUBLIC_SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
    expect(PUBLIC_SESSION_COOKIE).not.toBe(CASEWORK_SESSION_COOKIE);

    // "Exit this page" ends the session: the complaint is no longer open in this browser.
    await page.getByRole('button', { name: 'Exit this page' }).click();
    await arrivesAt(s.exitUrl);
    await page.goto(`${base}/your-complaint`);
    await expect.poll(() => page.title()).toMatch(/^Check the progress/);
  }, 300_000);

  it('with JavaScript on: the error summary takes the focus, and Shift three times exits the page', async () => {
    const { b: browser, page, look, arrivesAt } = await publicBrowser('public-js', true);
    try {
      await page.goto(`${s.baseUrl}/complaint/your-details`);
      expect(await page.evaluate('document.body.classList.contains("js-enabled")')).toBe(true);
      await continueButton(page).click();
      await expect.poll(() => page.title()).toMatch(/^Error: Your details/);
      await expect.poll(() => focused(page, '.govuk-error-summary')).toBe(true);
      const errors = await page.locator('.govuk-error-summary').innerText();
      expect(errors).toContain('Enter a full name');
      expect(errors).toContain('Select how to be contacted: email, phone or post');
      await look('your-details-error');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
      await arrivesAt(s.exitUrl);
      expect((await page.context().cookies(s.baseUrl)).map((c) => c.name)).not.toContain(PUBLIC_SESSION_COOKIE);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
