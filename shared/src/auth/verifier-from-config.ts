// The access-token verifier every Probity service builds from its configuration.
import type { Config } from '../config';
import { createAccessTokenVerifier, type AccessTokenVerifier } from './access-token';

export const verifierFromConfig = (config: Pick<Config, 'OIDC_ISSUER' | 'OIDC_AUDIENCE' | 'OIDC_JWKS_URI'>): AccessTokenVerifier =>
  createAccessTokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, ...(config.OIDC_JWKS_URI ? { jwksUri: config.OIDC_JWKS_URI } : {}) });
