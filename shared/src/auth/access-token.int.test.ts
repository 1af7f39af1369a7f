// The access-token check against the tests' real OpenID provider (infra/oidc on OIDC_TEST_PORT).
import { readFile } from 'node:fs/promises';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createDb } from '../db/client';
import { providerToken } from '../testing/oidc';
import { uniqueId } from '../testing/temporal';
import { AuthError, createAccessTokenVerifier, MAX_TOKEN_LIFETIME_S } from './access-token';
import { actorFromBearer } from './bearer';
import { UnknownPersonError } from './people';

const config = loadConfig();
const db = createDb(config.DATABASE_URL);
const person = { id: uniqueId('token-test'), name: 'Token Test', role: 'psd-handler', rank: 'sergeant', team: 'psd', division: 'hq' };
const verifier = createAccessTokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE });
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

beforeAll(async () => {
  await db.person.create({ data: { ...person, email: `${person.id}@probity.test` } });
});
afterAll(async () => {
  await db.person.update({ where: { id: person.id }, data: { active: false } });
  await db.$disconnect();
});

describe('provider-issued access tokens', () => {
  it('are RS256 JWTs for our audience, naming the person, for at most an hour', async () => {
    const token = await providerToken(person.id);
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { alg: string };
    expect(header.alg).toBe('RS256');
    const claims = claimsOf(token);
    expect(claims).toMatchObject({ sub: person.id, iss: config.OIDC_ISSUER, aud: config.OIDC_AUDIENCE });
    expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(MAX_TOKEN_LIFETIME_S);
    expect((await verifier.verify(token)).sub).toBe(person.id);
  });

  it('are refused for another audience or issuer', async () => {
    const token = await providerToken(person.id);
    await expect(createAccessTokenVerifier({ issuer: config.OIDC_ISSUER, audience: 'someone-else' }).verify(token)).rejects.toThrow(AuthError);
    const otherIssuer = createAccessTokenVerifier({ issuer: 'http://127.0.0.1:1', audience: config.OIDC_AUDIENCE, jwksUri: `${config.OIDC_ISSUER}/jwks` });
    await expect(otherIssuer.verify(token)).rejects.toThrow(AuthError);
  });

  it('are refused when altered after signing', async () => {
    const [h, , s] = (await providerToken(person.id)).split('.');
    const altered = Buffer.from(JSON.stringify({ ...claimsOf(await providerToken(person.id)), sub: 'head-of-psd' })).toString('base64url');
    await expect(verifier.verify(`${h}.${altered}.${s}`)).rejects.toThrow(AuthError);
  });

  // Attacks, made here on purpose: a shared-secret token, and one the provider's own key signed
  // for longer than an hour (as a misconfigured provider would).
  it('refuses symmetric (HS256) tokens whatever they claim', async () => {
    const hs = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(person.id).setIssuer(config.OIDC_ISSUER)
      .setAudience(config.OIDC_AUDIENCE).setIssuedAt().setExpirationTime('10m').sign(new TextEncoder().encode('x'.repeat(32)));
    await expect(verifier.verify(hs)).rejects.toThrow(AuthError);
  });

  it('refuses a token issued for more than an hour, even when properly signed', async () => {
    const keys = JSON.parse(await readFile(`${process.env.PROBITY_DATA_DIR ?? '.data'}/test/oidc/signing-keys.json`, 'utf8')) as { keys: JWK[] };
    const jwk = keys.keys[0]!;
    const long = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: jwk.kid! }).setSubject(person.id).setIssuer(config.OIDC_ISSUER)
      .setAudience(config.OIDC_AUDIENCE).setIssuedAt().setExpirationTime('2h').sign(await importJWK(jwk, 'RS256'));
    await expect(verifier.verify(long)).rejects.toThrow(/at most 3600 s/);
  });

  it('name a person who must be active in the register at the time of the request', async () => {
    const header = `Bearer ${await providerToken(person.id)}`;
    expect(await actorFromBearer({ verifier, db }, header)).toEqual({ id: person.id, role: 'psd-handler', rank: 'sergeant', team: 'psd', division: 'hq' });
    await db.person.update({ where: { id: person.id }, data: { active: false } });
    try {
      await expect(actorFromBearer({ verifier, db }, header)).rejects.toThrow(UnknownPersonError);
    } finally {
      await db.person.update({ where: { id: person.id }, data: { active: true } });
    }
  });
});
