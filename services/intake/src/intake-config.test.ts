import { describe, expect, it } from 'vitest';
import { loadIntakeConfig } from './intake-config';

describe('intake configuration', () => {
  it('works locally with no settings', () => {
    expect(loadIntakeConfig({})).toMatchObject({ INTAKE_PUBLIC_RATE_LIMIT: 20, INTAKE_TRUST_PROXY: false, INTAKE_EXIT_URL: 'https://www.bbc.co.uk/weather' });
  });

  it('refuses production without the public pages’ https address', () => {
    expect(() => loadIntakeConfig({ PROBITY_ENV: 'production' })).toThrow(/INTAKE_URL/);
    expect(() => loadIntakeConfig({ PROBITY_ENV: 'production', INTAKE_URL: 'http://complaints.example.police.uk' })).toThrow(/https/);
    expect(loadIntakeConfig({ PROBITY_ENV: 'production', INTAKE_URL: 'https://complaints.example.police.uk' }).INTAKE_URL).toBe('https://complaints.example.police.uk');
  });

  it('refuses an exit address that is not a URL', () => {
    expect(() => loadIntakeConfig({ INTAKE_EXIT_URL: 'weather' })).toThrow(/INTAKE_EXIT_URL/);
  });

  it('reads the trusted proxies: off, a hop count, or a list of addresses, subnets and names', () => {
    expect(loadIntakeConfig({ INTAKE_TRUST_PROXY: '2' }).INTAKE_TRUST_PROXY).toBe(2);
    expect(loadIntakeConfig({ INTAKE_TRUST_PROXY: '10.0.0.0/8, loopback,fd00::1' }).INTAKE_TRUST_PROXY).toEqual(['10.0.0.0/8', 'loopback', 'fd00::1']);
    expect(() => loadIntakeConfig({ INTAKE_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/INTAKE_TRUST_PROXY.*10\.0\.0\.0\/33/s);
    expect(() => loadIntakeConfig({ INTAKE_TRUST_PROXY: 'proxy.internal' })).toThrow(/INTAKE_TRUST_PROXY/);
  });

  it("refuses 'true' (trust whoever connects) in production", () => {
    expect(loadIntakeConfig({ INTAKE_TRUST_PROXY: 'true' }).INTAKE_TRUST_PROXY).toBe(true);
    expect(() => loadIntakeConfig({ PROBITY_ENV: 'production', INTAKE_URL: 'https://complaints.example.police.uk', INTAKE_TRUST_PROXY: 'true' })).toThrow(/INTAKE_TRUST_PROXY/);
  });
});
