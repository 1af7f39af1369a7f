// A signed-in portal session without a browser, for tests that ask many pages as many people:
// the person signs in on the tests' OpenID provider's own page (walkSignIn), and the jar keeps the
// portal's session cookie. Browser journeys (testing/browser.ts) cover what a person sees.
import { demoPassword, walkSignIn } from '../auth/local-provider-sign-in';
import type { CookieJar } from '../auth/cookie-jar';

export async function portalSession(portalUrl: string, personId: string): Promise<CookieJar> {
  const base = new URL(portalUrl);
  return (await walkSignIn({ start: new URL('/sign-in', base), until: (u) => u.origin === base.origin && u.pathname === '/', personId, password: demoPassword() })).jar;
}

/** A page as the session's person gets it: status and HTML (redirects not followed). */
export async function pageAs(jar: CookieJar, url: string | URL): Promise<{ status: number; html: string }> {
  const res = await jar.fetch(url);
  return { status: res.status, html: await res.text() };
}

/** What a page says, without the per-response parts (CSP nonces, CSRF tokens): for comparing two answers. */
export const mainOf = (html: string) => (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html).replace(/(nonce|value)="[^"]*"/g, '$1=""');
