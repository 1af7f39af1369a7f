import { z } from 'zod';

// All configuration comes from the environment. Every value has a default that works with
// `infra/probity` on a developer machine, so nothing needs editing to run locally.
const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const EnvSchema = z.object({
  PROBITY_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  DATABASE_URL: z.url().default('postgresql://probity:probity@127.0.0.1:5433/probity'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean)),
  KAFKA_CLIENT_ID: z.string().default('probity'),
  // Physical topic prefix (tests use "test."); read by shared/src/kafka.ts.
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('probity-cases'),
  SMTP_HOST: z.string().default('127.0.0.1'),
  SMTP_PORT: port(1025),
  MAIL_FROM: z.string().default('Probity PSD <psd-noreply@probity.local>'),
  // Loopback by default; containers set 0.0.0.0.
  BIND_HOST: z.string().default('127.0.0.1'),
  INTAKE_PORT: port(3001),
  ALLOCATION_PORT: port(3002),
  NOTIFICATION_PORT: port(3003),
  WORKER_PORT: port(3004),
  // Signs the bearer tokens of people acting in the system (local default only).
  AUTH_SECRET: z.string().min(32).default('probity-local-development-secret-change-me'),
  // Key for the Temporal payload codec: personal data is encrypted before it reaches history.
  // The codec endpoint (worker /codec) decodes for the Temporal UI; production requires PSD tokens.
  CODEC_REQUIRE_AUTH: z.stringbool().default(false),
  TEMPORAL_UI_ORIGINS: z.string().default('http://127.0.0.1:8233,http://localhost:8233').transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  PAYLOAD_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'PAYLOAD_KEY must be 64 hex characters (a 256-bit AES key)')
    .default('6a1f0b8c2d3e4f5061728394a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e'),
});

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
