// Settings of the local OpenID provider, from the environment, with defaults that match the
// rest of Probity's local configuration (shared/src/config.ts).
import { z } from 'zod';
import { LOCAL_DEFAULTS } from '@probity/shared/config';
import { DEFAULT_DEMO_PASSWORD, LOCAL_CLI_CLIENT } from '@probity/shared/auth/local-provider-sign-in';

/** The resource indicator the provider's access tokens are issued for (RFC 8707). */
export const RESOURCE = 'urn:probity:api';
/** The resource's one scope: what Probity's clients ask for besides openid. */
export const RESOURCE_SCOPE = 'casework';
/** The command-line client behind `npm run token`: a native public client (PKCE, loopback redirect). */
export const CLI_CLIENT_ID = LOCAL_CLI_CLIENT.id;
export const CLI_REDIRECT_URI = LOCAL_CLI_CLIENT.redirectUri;

const SettingsSchema = z.object({
  OIDC_PORT: z.coerce.number().int().min(1).max(65535).default(3006),
  /** Default: http://127.0.0.1:$OIDC_PORT */
  OIDC_ISSUER: z.url().optional(),
  OIDC_AUDIENCE: z.string().min(1).default('probity'),
  OIDC_CLIENT_ID: z.string().min(1).default('probity-casework'),
  OIDC_CLIENT_SECRET: z.string().min(32).default(LOCAL_DEFAULTS.OIDC_CLIENT_SECRET),
  OIDC_DEMO_PASSWORD: z.string().min(8).default(DEFAULT_DEMO_PASSWORD),
  /** The casework portal's address(es): its sign-in callback and signed-out page are registered for them. */
  CASEWORK_URL: z.string().optional(),
  CASEWORK_PORT: z.coerce.number().int().min(1).max(65535).default(3005),
  DATABASE_URL: z.url().default('postgresql://probity:probity@127.0.0.1:5433/probity'),
  BIND_HOST: z.string().default('127.0.0.1'),
  PROBITY_DATA_DIR: z.string().default('.data'),
  PROBITY_ENV: z.enum(['development', 'test', 'production']).default('development'),
  FORCE_NAME: z.string().min(1).default('Kent Police'),
});

export interface ProviderSettings {
  port: number;
  host: string;
  issuer: string;
  audience: string;
  clientId: string;
  clientSecret: string;
  demoPassword: string;
  /** e.g. http://127.0.0.1:3005 and http://localhost:3005 */
  caseworkUrls: string[];
  databaseUrl: string;
  /** Where the signing and cookie keys are kept between starts. */
  keyDir: string;
  forceName: string;
}

export function loadProviderSettings(env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const parsed = SettingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid OpenID provider configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const s = parsed.data;
  if (s.PROBITY_ENV === 'production') {
    throw new Error('Refusing to start: the local OpenID provider is for development and tests only; production uses the force\'s own provider (OIDC_ISSUER)');
  }
  const casework = (s.CASEWORK_URL ?? `http://127.0.0.1:${s.CASEWORK_PORT}`).split(',').map((u) => u.trim().replace(/\/$/, '')).filter(Boolean);
  // The same portal reached as localhost or 127.0.0.1.
  const caseworkUrls = [...new Set(casework.flatMap((u) => [u, u.replace('//127.0.0.1', '//localhost'), u.replace('//localhost', '//127.0.0.1')]))];
  return {
    port: s.OIDC_PORT,
    host: s.BIND_HOST,
    issuer: (s.OIDC_ISSUER ?? `http://127.0.0.1:${s.OIDC_PORT}`).replace(/\/$/, ''),
    audience: s.OIDC_AUDIENCE,
    clientId: s.OIDC_CLIENT_ID,
    clientSecret: s.OIDC_CLIENT_SECRET,
    demoPassword: s.OIDC_DEMO_PASSWORD,
    caseworkUrls,
    databaseUrl: s.DATABASE_URL,
    keyDir: `${s.PROBITY_DATA_DIR}/oidc`,
    forceName: s.FORCE_NAME,
  };
}
