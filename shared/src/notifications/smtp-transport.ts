import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Config } from '../config';

/**
 * nodemailer's options for the configured relay. Plain SMTP only when neither SMTP_SECURE nor
 * SMTP_REQUIRE_TLS is set (the local sink); with SMTP_REQUIRE_TLS a relay that offers no
 * STARTTLS is refused rather than used in the clear.
 */
export function smtpTransportOptions(c: Pick<Config, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'SMTP_REQUIRE_TLS' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'SMTP_TLS_SERVERNAME'>): SMTPTransport.Options {
  const tls = c.SMTP_SECURE || c.SMTP_REQUIRE_TLS;
  return {
    host: c.SMTP_HOST,
    port: c.SMTP_PORT,
    secure: c.SMTP_SECURE,
    requireTLS: c.SMTP_REQUIRE_TLS,
    ignoreTLS: !tls,
    ...(tls ? { tls: { servername: c.SMTP_TLS_SERVERNAME ?? c.SMTP_HOST, minVersion: 'TLSv1.2' as const } } : {}),
    ...(c.SMTP_USER && c.SMTP_PASSWORD ? { auth: { user: c.SMTP_USER, pass: c.SMTP_PASSWORD } } : {}),
  };
}
