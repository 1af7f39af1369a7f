// The portal as an OpenID Connect relying party (openid-client): the provider's configuration,
// discovered once (and again after a failure, so the portal starts while the provider is down).
import * as oidc from 'openid-client';
import { isLoopbackUrl, type Config } from '@probity/shared/config';

export type OidcSettings = Pick<Config, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'OIDC_SCOPE' | 'CASEWORK_URL'>;

export function oidcConfiguration(settings: OidcSettings): () => Promise<oidc.Configuration> {
  let found: Promise<oidc.Configuration> | undefined;
  return () => {
    found ??= oidc
      .discovery(
        new URL(settings.OIDC_ISSUER),
        settings.OIDC_CLIENT_ID,
        undefined,
        oidc.ClientSecretBasic(settings.OIDC_CLIENT_SECRET),
        // Plain http only for the local provider on this machine (production refuses it anyway).
        isLoopbackUrl(settings.OIDC_ISSUER) ? { execute: [oidc.allowInsecureRequests] } : {},
      )
      .catch((err: unknown) => {
        found = undefined;
        throw err;
      });
    return found;
  };
}
