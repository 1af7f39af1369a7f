import { describe, expect, it } from 'vitest';
import { ConfigError, LOCAL_DEFAULTS, loadConfig } from './config';

/** A production environment with everything set properly. */
const production = {
  PROBITY_ENV: 'production',
  OIDC_ISSUER: 'https://login.force.example/tenant/v2.0',
  OIDC_CLIENT_SECRET: 'a-real-client-secret-from-the-force-idp-0123',
  SESSION_SECRET: 'a-real-session-secret-of-enough-length-0123456',
  CASE_TOKEN_SEAL_SECRET: 'a-real-case-token-seal-secret-of-enough-length',
  PAYLOAD_KEY: 'ab'.repeat(32),
  CASEWORK_URL: 'https://casework.force.example',
  TEMPORAL_TLS_CA: '/etc/probity/temporal/ca.pem',
  TEMPORAL_TLS_CERT: '/etc/probity/temporal/casework.pem',
  TEMPORAL_TLS_KEY: '/etc/probity/temporal/casework.key',
  SMTP_REQUIRE_TLS: 'true',
  KAFKA_REPLICATION_FACTOR: '3',
  KAFKA_MIN_INSYNC_REPLICAS: '2',
};

const refusal = (env: Record<string, string | undefined>) => {
  try {
    loadConfig(env as NodeJS.ProcessEnv);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('configuration', () => {
  it('refuses plain SMTP and an under-replicated Kafka in production', () => {
    const msg = refusal({ ...production, SMTP_REQUIRE_TLS: undefined, KAFKA_REPLICATION_FACTOR: '1', KAFKA_MIN_INSYNC_REPLICAS: '1' });
    expect(msg).toMatch(/SMTP_SECURE or SMTP_REQUIRE_TLS/);
    expect(msg).toMatch(/KAFKA_REPLICATION_FACTOR: 1/);
    expect(msg).toMatch(/KAFKA_MIN_INSYNC_REPLICAS: 1/);
  });
  it('refuses min.insync.replicas above the replication factor', () => {
    expect(() => loadConfig({ KAFKA_MIN_INSYNC_REPLICAS: '2' })).toThrow(/cannot exceed KAFKA_REPLICATION_FACTOR/);
  });

  it('works locally with no settings, pointing at the local provider and portal', () => {
    const c = loadConfig({});
    expect(c.OIDC_ISSUER).toBe('http://127.0.0.1:3006');
    expect(c.CASEWORK_URL).toBe('http://127.0.0.1:3005');
    expect(c.TEMPORAL_UI_ORIGINS).toEqual(['http://127.0.0.1:8233', 'http://localhost:8233']);
    expect(c.CODEC_REQUIRE_AUTH).toBe(true);
  });

  it('follows moved ports for the derived addresses', () => {
    const c = loadConfig({ OIDC_PORT: '3106', CASEWORK_PORT: '3105', TEMPORAL_UI_PORT: '8333' });
    expect(c.OIDC_ISSUER).toBe('http://127.0.0.1:3106');
    expect(c.CASEWORK_URL).toBe('http://127.0.0.1:3105');
    expect(c.TEMPORAL_UI_URL).toBe('http://127.0.0.1:8333');
    expect(c.TEMPORAL_UI_ORIGINS).toContain('http://localhost:8333');
  });

  it('publishes hearing outcomes for 28 days unless PUBLICATION_PERIOD_DAYS says otherwise, a whole number of days from 1 to 366', () => {
    expect(loadConfig({}).PUBLICATION_PERIOD_DAYS).toBe(28);
    expect(loadConfig({ PUBLICATION_PERIOD_DAYS: '14' }).PUBLICATION_PERIOD_DAYS).toBe(14);
    expect(refusal({ PUBLICATION_PERIOD_DAYS: '0' })).toMatch(/PUBLICATION_PERIOD_DAYS/);
    expect(refusal({ PUBLICATION_PERIOD_DAYS: '2.5' })).toMatch(/PUBLICATION_PERIOD_DAYS must be a whole number of days/);
    expect(refusal({ PUBLICATION_PERIOD_DAYS: 'a month' })).toMatch(/PUBLICATION_PERIOD_DAYS/);
  });

  it('starts in production when nothing local is left', () => {
    expect(loadConfig(production).OIDC_ISSUER).toBe(production.OIDC_ISSUER);
  });

  it('refuses production with the local provider, naming it', () => {
    expect(refusal({ ...production, OIDC_ISSUER: undefined })).toMatch(/OIDC_ISSUER: http:\/\/127\.0\.0\.1:3006 is the local demo provider/);
    expect(refusal({ ...production, OIDC_ISSUER: 'http://idp.force.example' })).toMatch(/OIDC_ISSUER/);
  });

  it.each(Object.keys(LOCAL_DEFAULTS))('refuses production with the default %s, naming it', (name) => {
    const message = refusal({ ...production, [name]: undefined });
    expect(message).toContain(`${name}: still the local default`);
    expect(message.split('\n')).toHaveLength(2);
  });

  it.each(['TEMPORAL_TLS_CA', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY'])('refuses production without %s: only Probity’s services reach Temporal, by mutual TLS', (name) => {
    expect(refusal({ ...production, [name]: undefined })).toMatch(new RegExp(`${name}: required in production .*mutual TLS`));
  });

  it('refuses a client certificate without its key, anywhere', () => {
    expect(refusal({ TEMPORAL_TLS_CERT: '/tmp/casework.pem' })).toMatch(/TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together/);
  });

  it('names every problem at once', () => {
    const message = refusal({ PROBITY_ENV: 'production' });
    for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_SECRET', 'SESSION_SECRET', 'CASE_TOKEN_SEAL_SECRET', 'PAYLOAD_KEY', 'CASEWORK_URL']) expect(message).toContain(name);
  });

  it('refuses production with the codec endpoint open', () => {
    expect(refusal({ ...production, CODEC_REQUIRE_AUTH: 'false' })).toContain('CODEC_REQUIRE_AUTH');
  });

  it('refuses production keeping the local default key as a previous payload key', () => {
    expect(refusal({ ...production, PAYLOAD_KEYS_PREVIOUS: `probity-0:${LOCAL_DEFAULTS.PAYLOAD_KEY}` })).toContain('PAYLOAD_KEYS_PREVIOUS: holds the local default PAYLOAD_KEY');
    expect(loadConfig({ ...production, PAYLOAD_KEY_ID: 'probity-2', PAYLOAD_KEYS_PREVIOUS: `probity-1:${'cd'.repeat(32)}` }).PAYLOAD_KEYS_PREVIOUS).toEqual([{ id: 'probity-1', hexKey: 'cd'.repeat(32) }]);
  });

  it('refuses short secrets everywhere', () => {
    expect(refusal({ SESSION_SECRET: 'short' })).toContain('SESSION_SECRET must be at least 32 characters');
  });
});
