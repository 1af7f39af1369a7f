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
});
