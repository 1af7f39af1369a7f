// A browser's cookie handling, small enough for scripts: remembers Set-Cookie answers by name and
// follows redirects by hand, so a script can walk a sign-in as a browser would (npm run token, tests).
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Remembers the response's cookies (an expired or emptied cookie is forgotten). */
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** fetch() with this jar's cookies and no automatic redirects. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.header());
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.take(res);
    return res;
  }
}

/** The absolute URL a redirect answer points at, or undefined when it is not a redirect. */
export function redirectTarget(res: Response, from: string | URL): URL | undefined {
  if (res.status < 300 || res.status >= 400) return undefined;
  const location = res.headers.get('location');
  return location ? new URL(location, from) : undefined;
}
