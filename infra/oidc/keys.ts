// The provider's keys, made on first start and kept under .data/oidc (mode 0600), so tokens and
// sessions survive a restart: an RSA signing key (published as the JWKS; ID and access tokens are
// RS256) and the keys that sign the provider's cookies.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface ProviderKeys {
  jwks: { keys: JWK[] };
  cookieKeys: string[];
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function writeSecret(path: string, value: unknown): Promise<void> {
  await writeFile(path, JSON.stringify(value, null, 2), { mode: 0o600 });
  await chmod(path, 0o600);
}

export async function loadOrCreateKeys(dir: string): Promise<ProviderKeys> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const jwksPath = join(dir, 'signing-keys.json');
  const cookiePath = join(dir, 'cookie-keys.json');
  let jwks = await readJson<{ keys: JWK[] }>(jwksPath);
  if (!jwks?.keys?.length) {
    const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    jwks = { keys: [{ ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' }] };
    await writeSecret(jwksPath, jwks);
  }
  let cookieKeys = await readJson<string[]>(cookiePath);
  if (!cookieKeys?.length) {
    cookieKeys = [randomBytes(32).toString('base64url')];
    await writeSecret(cookiePath, cookieKeys);
  }
  return { jwks, cookieKeys };
}
