import { describe, expect, it } from 'vitest';
import { caseTokenMatches, hashCaseToken, newCaseToken, TokenSealer } from './case-token';

describe('case token', () => {
  it('is 32 random bytes in base64url, different every time', () => {
    const a = newCaseToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newCaseToken()).not.toBe(a);
  });
  it('matches only its own hash', () => {
    const token = newCaseToken();
    const hash = hashCaseToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(caseTokenMatches(token, hash)).toBe(true);
    expect(caseTokenMatches(newCaseToken(), hash)).toBe(false);
    expect(caseTokenMatches(undefined, hash)).toBe(false);
    expect(caseTokenMatches('', hashCaseToken(''))).toBe(false);
    expect(caseTokenMatches(token, null)).toBe(false);
  });
  it('seals a token for the idempotent replay and opens it again, refusing tampering', () => {
    const sealer = new TokenSealer('a-server-secret-of-at-least-32-characters');
    const token = newCaseToken();
    const sealed = sealer.seal(token);
    expect(sealed).not.toContain(token);
    expect(sealer.unseal(sealed)).toBe(token);
    const tampered = Buffer.from(sealed, 'base64url');
    tampered[14] = tampered[14]! ^ 1;
    expect(() => sealer.unseal(tampered.toString('base64url'))).toThrow();
    expect(() => new TokenSealer('another-server-secret-of-32-characters!').unseal(sealed)).toThrow();
  });
});
