// The local OpenID provider (oidc-provider): the force's identity provider as far as Probity can
// tell. Its accounts are the people in the Person register (the demo people after `npm start`;
// whoever a test puts there during `npm test`), sub = the person's id. Access tokens are RS256
// JWTs for one resource (audience OIDC_AUDIENCE), valid for an hour.
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Db } from '@probity/shared/db/client';
import type { ProviderKeys } from './keys';
import { CLI_CLIENT_ID, CLI_REDIRECT_URI, RESOURCE, RESOURCE_SCOPE, type ProviderSettings } from './settings';

export const ACCESS_TOKEN_TTL_S = 60 * 60;

export interface ProviderPages {
  logout(ctx: KoaContextWithOIDC, form: string): string;
  signedOut(ctx: KoaContextWithOIDC): string;
  error(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }): string;
}

export function createProvider(settings: ProviderSettings, keys: ProviderKeys, db: Db, pages: ProviderPages): Provider {
  const suffix = String(settings.port);
  const configuration: Configuration = {
    clients: [
      {
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        client_name: 'Probity casework',
        redirect_uris: settings.caseworkUrls.map((u) => `${u}/auth/callback`),
        post_logout_redirect_uris: settings.caseworkUrls.map((u) => `${u}/signed-out`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: CLI_CLIENT_ID,
        client_name: 'Probity command line (npm run token)',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: [CLI_REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: keys.jwks as Configuration['jwks'],
    // Cookies on 127.0.0.1 are shared by every port: the names carry the provider's own.
    cookies: {
      keys: keys.cookieKeys,
      names: { session: `probity_op${suffix}_session`, interaction: `probity_op${suffix}_interaction`, resume: `probity_op${suffix}_resume` },
    },
    async findAccount(_ctx, id) {
      const person = await db.person.findUnique({ where: { id }, select: { id: true, name: true, email: true, active: true } });
      if (!person?.active) return undefined;
      return { accountId: person.id, claims: async () => ({ sub: person.id, name: person.name, email: person.email }) };
    },
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    scopes: ['openid', 'profile', 'email'],
    pkce: { required: () => true },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_S,
      IdToken: ACCESS_TOKEN_TTL_S,
      AuthorizationCode: 60,
      Interaction: 60 * 60,
      Session: 12 * 60 * 60,
      Grant: 12 * 60 * 60,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = pages.logout(ctx, form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = pages.signedOut(ctx);
        },
      },
      resourceIndicators: {
        enabled: true,
        // Every client gets tokens for Probity's API without naming it; the audience is what the
        // APIs check (shared/src/auth/access-token.ts).
        defaultResource: async () => RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, indicator) => {
          if (indicator !== RESOURCE) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
          return {
            scope: RESOURCE_SCOPE,
            audience: settings.audience,
            accessTokenTTL: ACCESS_TOKEN_TTL_S,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = pages.error(ctx, out);
    },
  };
  const provider = new Provider(settings.issuer, configuration);
  provider.proxy = false;
  return provider;
}
