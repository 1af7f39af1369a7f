// The complainant's case token: a random secret handed out once with the reference, which lets
// them see progress and ask for a review without an account. Only its sha256 is stored.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const newCaseToken = (): string => randomBytes(32).toString('base64url');

export const hashCaseToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

// Compared against when there is no case, so a probe for a ref takes as long as a wrong token.
const DUMMY_HASH = hashCaseToken('no-such-case');

/** Constant-time check of a presented token against a stored hash (null: no such case). */
export function caseTokenMatches(presented: string | undefined, storedHash: string | null): boolean {
  const expected = Buffer.from(storedHash ?? DUMMY_HASH, 'hex');
  const actual = Buffer.from(hashCaseToken(presented ?? ''), 'hex');
  const equal = expected.length === actual.length && timingSafeEqual(expected, actual);
  return equal && storedHash !== null && presented !== undefined && presented.length > 0;
}

/**
 * The idempotent replay of a POST must return the same token, so the stored response holds it
 * sealed (AES-256-GCM under a key derived from a server secret), never in plain text.
 */
export class TokenSealer {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'probity-intake', 'idempotent-response-token', 32));
  }

  seal(token: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, data, cipher.getAuthTag()]).toString('base64url');
  }

  unseal(sealed: string): string {
    const buf = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, buf.subarray(0, 12));
    decipher.setAuthTag(buf.subarray(buf.length - 16));
    return Buffer.concat([decipher.update(buf.subarray(12, buf.length - 16)), decipher.final()]).toString('utf8');
  }
}
