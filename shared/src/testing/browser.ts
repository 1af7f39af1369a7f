// A real browser for the tests: Debian's Chromium driven by playwright-core, each person in their
// own fresh profile. Every page a journey visits is checked with axe-core (no serious or critical
// violation) and photographed under .data/screenshots/.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
export const SCREENSHOTS = join(process.env.PROBITY_DATA_DIR ?? '.data', 'screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

export interface Person {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A browser profile of its own (cookies, storage) for one person; JavaScript on unless said otherwise. */
export async function openBrowser(opts: { javaScript?: boolean } = {}): Promise<Person> {
  const dir = await mkdtemp(join(tmpdir(), 'probity-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    javaScriptEnabled: opts.javaScript ?? true,
    // axe is injected as a script; the pages' own CSP would (rightly) refuse it.
    bypassCSP: true,
    viewport: { width: 1200, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  if (opts.javaScript === false) withoutScripts.add(page);
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let axeSource: string | undefined;
const withoutScripts = new WeakSet<Page>();

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let checker: Person | undefined;

/**
 * axe-core's serious and critical violations on the page as it is now. A page shown with
 * JavaScript off is checked as the same markup in a JavaScript-on page (axe itself is a script).
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  let target = page;
  if (withoutScripts.has(page)) {
    checker ??= await openBrowser();
    target = checker.page;
    const origin = new URL(page.url()).origin;
    await target.setContent((await page.content()).replace('<head>', `<head><base href="${origin}/">`), { waitUntil: 'load' });
  }
  await target.addScriptTag({ content: axeSource });
  const violations = await target.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

/** Closes the browser that checks JavaScript-off pages, if one was opened. */
export async function closeChecker(): Promise<void> {
  await checker?.close();
  checker = undefined;
}

/** Saves a full-page screenshot as .data/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
