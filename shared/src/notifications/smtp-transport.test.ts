import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { smtpTransportOptions } from './smtp-transport';

describe('SMTP transport options', () => {
  it('speaks plain SMTP to the local sink by default', () => {
    const o = smtpTransportOptions(loadConfig({}));
    expect(o).toMatchObject({ secure: false, requireTLS: false, ignoreTLS: true });
    expect(o.auth).toBeUndefined();
  });
  it('requires STARTTLS and authenticates when configured', () => {
    const o = smtpTransportOptions(loadConfig({ SMTP_HOST: 'relay.force.example', SMTP_PORT: '587', SMTP_REQUIRE_TLS: 'true', SMTP_USER: 'probity', SMTP_PASSWORD: 'pw' }));
    expect(o).toMatchObject({ port: 587, secure: false, requireTLS: true, ignoreTLS: false, auth: { user: 'probity', pass: 'pw' }, tls: { servername: 'relay.force.example' } });
  });
  it('refuses a user without a password', () => {
    expect(() => loadConfig({ SMTP_USER: 'probity' })).toThrow(/SMTP_USER and SMTP_PASSWORD/);
  });
});
