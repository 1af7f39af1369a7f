// Intake's own settings, beside the shared ones in @probity/shared/config. Defaults work locally.
import { isIP } from 'node:net';
import { z } from 'zod';

const IntakeEnvSchema = z.object({
  PROBITY_ENV: z.string().default('development'),
  /** Public POSTs per minute per client IP (the token endpoints get three times as many). */
  INTAKE_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /**
   * Which proxies' X-Forwarded-For decides the client address the rate limits count (express
   * 'trust proxy'): 'false' (default: the socket's address; the header is ignored), a hop count
   * (the load balancer and ingress in front of every pod), or a comma-separated list of proxy
   * addresses/subnets or express's names (loopback, linklocal, uniquelocal). 'true' trusts
   * whoever connects — any client could pick its own address — so production refuses it.
   */
  INTAKE_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): boolean | number | string[] => {
      const s = v.trim();
      if (s === 'true' || s === 'false') return s === 'true';
      if (/^\d+$/.test(s)) return Number(s);
      const entries = s.split(',').map((e) => e.trim()).filter(Boolean);
      const bad = entries.find((e) => !isProxyEntry(e));
      if (bad !== undefined || entries.length === 0) {
        ctx.addIssue({ code: 'custom', message: `'${bad ?? s}' is not true, false, a hop count, an IP address, a subnet (a.b.c.d/n) or loopback/linklocal/uniquelocal` });
        return z.NEVER;
      }
      return entries;
    }),
  /** The public pages' address as the public reach them; default http://127.0.0.1:$INTAKE_PORT. Decides Secure cookies. */
  INTAKE_URL: z.url().optional(),
  /** Where "Exit this page" takes someone: a neutral site (GOV.UK's own suggestion is BBC weather). */
  INTAKE_EXIT_URL: z.url().default('https://www.bbc.co.uk/weather'),
});

export type IntakeConfig = z.infer<typeof IntakeEnvSchema>;

export function loadIntakeConfig(env: NodeJS.ProcessEnv = process.env): IntakeConfig {
  const parsed = IntakeEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid intake configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const config = parsed.data;
  // The public pages carry personal data and a session cookie: production serves them over https only.
  if (config.PROBITY_ENV === 'production' && !config.INTAKE_URL?.startsWith('https:')) {
    throw new Error(`Refusing to start in production:\n  INTAKE_URL: ${config.INTAKE_URL ?? '(unset)'} must be the public pages' https address`);
  }
  if (config.PROBITY_ENV === 'production' && config.INTAKE_TRUST_PROXY === true) {
    throw new Error("Refusing to start in production:\n  INTAKE_TRUST_PROXY: 'true' lets any client choose the address it is rate-limited as; name the proxies or give a hop count");
  }
  return config;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One entry of a trust-proxy list, as express (proxy-addr) accepts it. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (bits === undefined) return true;
  const max = family === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
}
