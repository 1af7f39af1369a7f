import { z } from 'zod';

// All configuration comes from the environment. Every value has a default that works with
// `infra/probity` on a developer machine, so nothing needs editing to run locally — and
// PROBITY_ENV=production refuses to start while any of those local defaults is still in use.
const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
/** An optional setting where an empty value (docker compose's `${VAR:-}`) means unset. */
const optionalPath = () => z.string().optional().transform((s) => s?.trim() || undefined);
const optionalList = () => z.string().optional().transform((s) => s?.split(',').map((o) => o.trim()).filter(Boolean));

/** The local defaults production must replace, by variable (see productionProblems). */
export const LOCAL_DEFAULTS = {
  OIDC_CLIENT_SECRET: 'probity-local-casework-client-secret',
  SESSION_SECRET: 'probity-local-session-secret-change-me-please',
  CASE_TOKEN_SEAL_SECRET: 'probity-local-case-token-seal-secret-change-me',
  PAYLOAD_KEY: '6a1f0b8c2d3e4f5061728394a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e',
} as const;

const secret = (name: keyof typeof LOCAL_DEFAULTS) => z.string().min(32, `${name} must be at least 32 characters`).default(LOCAL_DEFAULTS[name]);

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const HEX_KEY = /^[0-9a-f]{64}$/;

/** PAYLOAD_KEYS_PREVIOUS: "id:hexkey" entries, comma-separated; each id once. */
function parsePreviousKeys(s: string, ctx: z.RefinementCtx): { id: string; hexKey: string }[] {
  const keys = s.split(',').map((e) => e.trim()).filter(Boolean).map((entry, i) => {
    const [id = '', hexKey = '', ...rest] = entry.split(':');
    // Never echo the entry: it holds a key.
    if (!KEY_ID.test(id) || !HEX_KEY.test(hexKey) || rest.length > 0) {
      ctx.addIssue({ code: 'custom', message: `entry ${i + 1} is not "id:hexkey" (an id of letters, digits, . _ -, then 64 hex characters)` });
    }
    return { id, hexKey };
  });
  const dup = keys.find((k, i) => keys.findIndex((x) => x.id === k.id) !== i);
  if (dup) ctx.addIssue({ code: 'custom', message: `key id '${dup.id}' appears twice` });
  return keys;
}

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
  // Consumer group prefix (the benchmarks' stack uses "bench."); read by shared/src/kafka.ts.
  KAFKA_GROUP_PREFIX: z.string().default(''),
  // ── Topics as infra/create-topics.ts (and the chart's KafkaTopics) create them ─────────────
  // More partitions than consumer replicas, or extra replicas sit idle; production wants
  // replication factor 3 with min.insync.replicas 2 (acks=all then survives one broker down).
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(3),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(10).default(1),
  KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).max(10).default(1),
  /** retention.ms of every topic; default 7 days (consumers are idempotent, the outbox keeps the source). */
  KAFKA_RETENTION_MS: z.coerce.number().int().min(60_000).default(7 * 24 * 3_600_000),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('probity-cases'),
  /** How long a closed workflow's history is kept (set when the namespace is registered). */
  TEMPORAL_NAMESPACE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // ── Temporal frontend over mutual TLS ───────────────────────────────────────────────────────
  // Workflow updates trust the actor the service passes, so only Probity's services may reach the
  // frontend: in production it requires client certificates (docker-compose.yml, README "Temporal
  // is not a way around the rules"), and these name the services' own. Paths to PEM files.
  /** The CA that signed the Temporal frontend's certificate. */
  TEMPORAL_TLS_CA: optionalPath(),
  /** This service's client certificate and key, issued by the CA the frontend trusts for clients. */
  TEMPORAL_TLS_CERT: optionalPath(),
  TEMPORAL_TLS_KEY: optionalPath(),
  /** The name in the frontend's certificate, when it is not the host of TEMPORAL_ADDRESS. */
  TEMPORAL_TLS_SERVER_NAME: optionalPath(),
  TEMPORAL_UI_PORT: port(8233),
  /** Where people open the Temporal UI (case pages link to their workflow); default from TEMPORAL_UI_PORT. */
  TEMPORAL_UI_URL: z.url().optional(),
  SMTP_HOST: z.string().default('127.0.0.1'),
  SMTP_PORT: port(1025),
  // The relay's TLS and authentication. Locally the sink speaks plain SMTP; production refuses
  // to send personal data unencrypted: SMTP_SECURE (TLS from the start, port 465) or
  // SMTP_REQUIRE_TLS (STARTTLS, port 587) must be on.
  SMTP_SECURE: z.stringbool().default(false),
  SMTP_REQUIRE_TLS: z.stringbool().default(false),
  SMTP_USER: optionalPath(),
  SMTP_PASSWORD: optionalPath(),
  /** The relay's certificate name, when it is not SMTP_HOST. */
  SMTP_TLS_SERVERNAME: optionalPath(),
  MAIL_FROM: z.string().default('Probity PSD <psd-noreply@probity.local>'),
  // Loopback by default; containers set 0.0.0.0.
  BIND_HOST: z.string().default('127.0.0.1'),
  INTAKE_PORT: port(3001),
  ALLOCATION_PORT: port(3002),
  NOTIFICATION_PORT: port(3003),
  WORKER_PORT: port(3004),
  CASEWORK_PORT: port(3005),
  /** The casework portal's address as staff's browsers reach it (sign-in redirects); default from CASEWORK_PORT. */
  CASEWORK_URL: z.url().optional(),
  /** The force the pages are branded as. */
  FORCE_NAME: z.string().min(1).default('Kent Police'),
  /** Calendar days a misconduct hearing outcome stays published before it is withdrawn (DOMAIN.md "Publication"). */
  PUBLICATION_PERIOD_DAYS: z.coerce.number().int('PUBLICATION_PERIOD_DAYS must be a whole number of days').min(1).max(366).default(28),

  // ── Sign-in: OpenID Connect ─────────────────────────────────────────────────────────────────
  // Locally the provider in infra/oidc; in production the force's own (e.g. Entra ID).
  /** Default: the local provider, http://127.0.0.1:$OIDC_PORT. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_PORT: port(3006),
  /** The `aud` every access token must carry to be accepted by Probity's APIs. */
  OIDC_AUDIENCE: z.string().min(1).default('probity'),
  /** Where the signing keys are published; default: the provider's discovery document. */
  OIDC_JWKS_URI: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).default('probity-casework'),
  OIDC_CLIENT_SECRET: secret('OIDC_CLIENT_SECRET'),
  /** Scopes the portal asks for (a production provider may want its API scope here too). */
  OIDC_SCOPE: z.string().default('openid profile'),
  /** Signs the staff session cookies. */
  SESSION_SECRET: secret('SESSION_SECRET'),
  /** Seals the complainant's case token inside stored idempotent responses (see case-token.ts). */
  CASE_TOKEN_SEAL_SECRET: secret('CASE_TOKEN_SEAL_SECRET'),

  // ── Temporal payloads ───────────────────────────────────────────────────────────────────────
  // Personal data is encrypted by the payload codec before it reaches a history. The worker's
  // /codec endpoint decodes for the Temporal UI, for PSD and ops only unless this is turned off.
  CODEC_REQUIRE_AUTH: z.stringbool().default(true),
  /** The Temporal UI's origin(s), allowed to call the codec endpoint; default from TEMPORAL_UI_PORT. */
  TEMPORAL_UI_ORIGINS: optionalList(),
  PAYLOAD_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'PAYLOAD_KEY must be 64 hex characters (a 256-bit AES key)')
    .default(LOCAL_DEFAULTS.PAYLOAD_KEY),
  // The id written with every payload PAYLOAD_KEY encrypts; the codec decodes each payload with
  // the key of the id it carries. Rotating: a new key with a new id here, the old one below.
  PAYLOAD_KEY_ID: z.string().regex(KEY_ID, 'PAYLOAD_KEY_ID must be 1-64 letters, digits, dots, dashes or underscores').default('probity-1'),
  // Keys that no longer encrypt but still decode what they once did: "id:hexkey,id:hexkey".
  PAYLOAD_KEYS_PREVIOUS: z.string().default('').transform((s, ctx) => parsePreviousKeys(s, ctx)),
}).superRefine((c, ctx) => {
  if (c.PAYLOAD_KEYS_PREVIOUS.some((k) => k.id === c.PAYLOAD_KEY_ID)) {
    ctx.addIssue({ code: 'custom', path: ['PAYLOAD_KEYS_PREVIOUS'], message: `key id '${c.PAYLOAD_KEY_ID}' is the current PAYLOAD_KEY_ID; a previous key needs its own id` });
  }
});

type ParsedEnv = z.infer<typeof EnvSchema>;
export type Config = Omit<ParsedEnv, 'TEMPORAL_UI_URL' | 'CASEWORK_URL' | 'TEMPORAL_UI_ORIGINS' | 'OIDC_ISSUER'> & {
  OIDC_ISSUER: string;
  TEMPORAL_UI_URL: string;
  CASEWORK_URL: string;
  TEMPORAL_UI_ORIGINS: string[];
};

export class ConfigError extends Error {}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
export const isLoopbackUrl = (url: string) => LOOPBACK_HOSTS.has(new URL(url).hostname);

/**
 * What makes a configuration unfit for production, one line per problem: the local OpenID
 * provider (a loopback or plain-http issuer), and every secret or key still at its local default.
 */
export function productionProblems(c: Config): string[] {
  const problems: string[] = [];
  if (isLoopbackUrl(c.OIDC_ISSUER) || new URL(c.OIDC_ISSUER).protocol !== 'https:') {
    problems.push(`OIDC_ISSUER: ${c.OIDC_ISSUER} is the local demo provider; point Probity at the force's own OpenID provider (https)`);
  }
  for (const name of Object.keys(LOCAL_DEFAULTS) as (keyof typeof LOCAL_DEFAULTS)[]) {
    if (c[name] === LOCAL_DEFAULTS[name]) problems.push(`${name}: still the local default; set a secret of your own`);
  }
  if (c.PAYLOAD_KEYS_PREVIOUS.some((k) => k.hexKey === LOCAL_DEFAULTS.PAYLOAD_KEY)) {
    problems.push('PAYLOAD_KEYS_PREVIOUS: holds the local default PAYLOAD_KEY; nothing in production was written with it');
  }
  if (!c.CODEC_REQUIRE_AUTH) problems.push('CODEC_REQUIRE_AUTH: must stay true in production (decoded payloads hold personal data)');
  if (new URL(c.CASEWORK_URL).protocol !== 'https:') problems.push(`CASEWORK_URL: ${c.CASEWORK_URL} must be https in production`);
  if (!c.SMTP_SECURE && !c.SMTP_REQUIRE_TLS) problems.push('SMTP_SECURE or SMTP_REQUIRE_TLS: one must be true in production (mail carries personal data)');
  if (c.KAFKA_REPLICATION_FACTOR < 3) problems.push(`KAFKA_REPLICATION_FACTOR: ${c.KAFKA_REPLICATION_FACTOR}; production needs 3 (one broker may fail without losing events)`);
  if (c.KAFKA_MIN_INSYNC_REPLICAS < 2) problems.push(`KAFKA_MIN_INSYNC_REPLICAS: ${c.KAFKA_MIN_INSYNC_REPLICAS}; production needs at least 2`);
  for (const name of ['TEMPORAL_TLS_CA', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY'] as const) {
    if (!c[name]) problems.push(`${name}: required in production — the Temporal frontend accepts only Probity's services, by mutual TLS`);
  }
  return problems;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const p = parsed.data;
  const config: Config = {
    ...p,
    OIDC_ISSUER: (p.OIDC_ISSUER ?? `http://127.0.0.1:${p.OIDC_PORT}`).replace(/\/$/, ''),
    TEMPORAL_UI_URL: p.TEMPORAL_UI_URL ?? `http://127.0.0.1:${p.TEMPORAL_UI_PORT}`,
    CASEWORK_URL: (p.CASEWORK_URL ?? `http://127.0.0.1:${p.CASEWORK_PORT}`).replace(/\/$/, ''),
    TEMPORAL_UI_ORIGINS: p.TEMPORAL_UI_ORIGINS?.length
      ? p.TEMPORAL_UI_ORIGINS
      : [`http://127.0.0.1:${p.TEMPORAL_UI_PORT}`, `http://localhost:${p.TEMPORAL_UI_PORT}`],
  };
  if (config.PROBITY_ENV === 'production') {
    const problems = productionProblems(config);
    if (problems.length) throw new ConfigError(`Refusing to start in production:\n${problems.map((l) => `  ${l}`).join('\n')}`);
  }
  if (config.KAFKA_MIN_INSYNC_REPLICAS > config.KAFKA_REPLICATION_FACTOR) {
    throw new ConfigError('Invalid configuration:\n  KAFKA_MIN_INSYNC_REPLICAS: cannot exceed KAFKA_REPLICATION_FACTOR (every write would be refused)');
  }
  if (Boolean(config.SMTP_USER) !== Boolean(config.SMTP_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  SMTP_USER and SMTP_PASSWORD go together');
  }
  if (Boolean(config.TEMPORAL_TLS_CERT) !== Boolean(config.TEMPORAL_TLS_KEY)) {
    throw new ConfigError('Invalid configuration:\n  TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together (a client certificate and its key)');
  }
  return config;
}
