// Intake's own settings, beside the shared ones in @probity/shared/config. Defaults work locally.
import { z } from 'zod';

const IntakeEnvSchema = z.object({
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
});

export type IntakeConfig = z.infer<typeof IntakeEnvSchema>;

export function loadIntakeConfig(env: NodeJS.ProcessEnv = process.env): IntakeConfig {
  const parsed = IntakeEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid intake configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
