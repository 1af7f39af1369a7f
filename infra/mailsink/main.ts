// A real SMTP server for local email, with an inbox page and a JSON API that tests read back.
//   SMTP  127.0.0.1:$SMTP_PORT      (default 1025)
//   HTTP  127.0.0.1:$MAIL_UI_PORT   GET /  (inbox page)   GET /api/messages[?to=addr]   DELETE /api/messages
// Messages are kept in memory and appended to .data/mail/messages.jsonl, so they survive a restart.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

interface StoredMessage {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
}

const smtpPort = Number(process.env.SMTP_PORT ?? 1025);
const httpPort = Number(process.env.MAIL_UI_PORT ?? 8025);
const dir = join(process.env.PROBITY_DATA_DIR ?? join(import.meta.dirname, '../../.data'), 'mail');
const file = join(dir, 'messages.jsonl');
mkdirSync(dir, { recursive: true });

const messages: StoredMessage[] = existsSync(file)
  ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as StoredMessage)
  : [];
let nextId = messages.reduce((m, x) => Math.max(m, x.id), 0) + 1;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const headers: Record<string, string> = {};
        for (const [k, v] of mail.headers) if (typeof v === 'string') headers[k] = v;
        const msg: StoredMessage = {
          id: nextId++,
          receivedAt: new Date().toISOString(),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to,
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          headers,
        };
        messages.push(msg);
        appendFileSync(file, JSON.stringify(msg) + '\n');
        callback();
      })
      .catch((err: Error) => callback(err));
  },
});

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const http = createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  if (url.pathname === '/api/messages' && req.method === 'GET') {
    const to = url.searchParams.get('to')?.toLowerCase();
    const list = to ? messages.filter((m) => m.to.includes(to)) : messages;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
  } else if (url.pathname === '/api/messages' && req.method === 'DELETE') {
    messages.length = 0;
    writeFileSync(file, '');
    res.writeHead(204).end();
  } else if (url.pathname === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  } else if (url.pathname === '/') {
    const rows = [...messages].reverse().map(
      (m) => `<tr><td>${m.id}</td><td>${escape(m.receivedAt)}</td><td>${escape(m.to.join(', '))}</td>` +
        `<td><details><summary>${escape(m.subject)}</summary><pre>${escape(m.text)}</pre></details></td></tr>`,
    );
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><meta charset="utf-8"><title>Probity mail sink</title>` +
        `<style>body{font-family:system-ui;margin:2rem}td{border-bottom:1px solid #ddd;padding:.4rem;vertical-align:top}</style>` +
        `<h1>Mail sink</h1><p>${messages.length} message(s). Nothing here leaves this machine.</p>` +
        `<table><tr><th>#</th><th>received</th><th>to</th><th>subject</th></tr>${rows.join('')}</table>`,
    );
  } else {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  }
});

const host = process.env.BIND_HOST ?? '127.0.0.1';
smtp.listen(smtpPort, host);
http.listen(httpPort, host);
const stop = () => { smtp.close(() => undefined); http.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
