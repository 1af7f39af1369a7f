// Intake's own settings, beside the shared ones in @probity/shared/config. Defaults work locally.
import { z } from 'zod';

const IntakeEnvSchema = z.object({
  PROBITY_ENV: z.string().default('development'),
  /** Public POSTs per minute per client IP (the token endpoints get three times as many). */
  INTAKE_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /**
   * Express 'trust proxy': 'false' (default: rate-limit on the socket address), 'true', a hop
   * count, or a list of proxy addresses/subnets — set it when intake runs behind a proxy.
   */
  INTAKE_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
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
  return config;
}
