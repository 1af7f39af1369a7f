import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { Transporter } from 'nodemailer';
import type { Db, Notification } from '@probity/shared/db/client';
import { envelope } from '@probity/shared/events/envelope';
import { notificationSentSchema } from '@probity/shared/events/schemas';
import { TOPICS } from '@probity/shared/events/topics';
import { publish } from '@probity/shared/kafka';
import { patiently } from '@probity/shared/runtime/patience';
import type { Channel } from './recipients';

// Exactly one notification per (event id, recipient), from at-least-once delivery:
//   1. the Notification row is inserted first; the unique (eventId, recipientId) makes a
//      redelivered event find the row it made the first time (and its original wording);
//   2. only a row whose sentAt is still null is sent (email) or marked delivered (in-app);
//   3. notification.sent is then published with an id derived from the row, so a republish after
//      a crash is a duplicate with the same id that consumers drop.
// A crash between insert and send is repaired by the redelivery. Once the SMTP server has the
// mail, writing sentAt is retried while the database is away (a restart or failover), since a
// failure there would redeliver the event and send the mail again. The one window left is this
// process dying after the SMTP server accepted the mail but before sentAt was written: the mail is
// sent again on redelivery, with the same Message-ID so that mail systems can recognise it.

export interface Outgoing {
  eventId: string;
  /** The original event's subject (case or policy id): also the key of notification.sent. */
  eventSubject: string;
  recipientId: string;
  /** null for in-app and letter-or-phone notifications. */
  email: string | null;
  channel: Channel;
  subject: string;
  body: string;
  ref: { kind: 'case' | 'policy' | 'alert' | 'flag'; ref: string };
}

export interface DeliveryDeps {
  db: Db;
  mailer: Transporter;
  producer: Producer;
  mailFrom: string;
}

/** Long enough for PostgreSQL to restart or fail over; after that the redelivery takes over. */
const SENT_MARK_PATIENCE_MS = 60_000;

export interface Delivered {
  notification: Notification;
  /** True when this call sent the email (or delivered the in-app notification). */
  sentNow: boolean;
  /** True when notification.sent was published (not for letter-or-phone records). */
  announced: boolean;
}

export const EVENT_ID_HEADER = 'X-Probity-Event-Id';
export const CASE_REF_HEADER = 'X-Probity-Case-Ref';
export const POLICY_REF_HEADER = 'X-Probity-Policy-Ref';

/** notification.sent's event id: the same for every retry of the same notification. */
export const sentEventId = (notificationId: string) => `notification-sent:${notificationId}`;

/** Inserts the row, or returns the one an earlier delivery of the same event made. */
export async function recordOnce(db: Db, out: Outgoing): Promise<Notification> {
  await db.notification.createMany({
    data: [
      {
        id: randomUUID(),
        eventId: out.eventId,
        recipientId: out.recipientId,
        email: out.channel === 'email' ? (out.email ?? '') : '',
        channel: out.channel,
        subject: out.subject,
        body: out.body,
        caseRef: out.ref.kind === 'case' ? out.ref.ref : null,
      },
    ],
    skipDuplicates: true, // INSERT … ON CONFLICT DO NOTHING on (eventId, recipientId)
  });
  return db.notification.findUniqueOrThrow({
    where: { eventId_recipientId: { eventId: out.eventId, recipientId: out.recipientId } },
  });
}

function messageIdDomain(mailFrom: string): string {
  return /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'probity.local';
}

async function sendEmail(deps: DeliveryDeps, row: Notification, out: Outgoing): Promise<void> {
  if (!row.email) throw new Error(`notification ${row.id} is an email with no address`);
  await deps.mailer.sendMail({
    from: deps.mailFrom,
    to: row.email,
    subject: row.subject,
    text: row.body,
    messageId: `<${row.id}@${messageIdDomain(deps.mailFrom)}>`,
    headers: {
      [EVENT_ID_HEADER]: row.eventId,
      ...(out.ref.kind === 'alert' || out.ref.kind === 'flag' ? {} : { [out.ref.kind === 'case' ? CASE_REF_HEADER : POLICY_REF_HEADER]: out.ref.ref }),
    },
  });
}

async function markSent(db: Db, id: string): Promise<Notification> {
  await db.notification.updateMany({ where: { id, sentAt: null }, data: { sentAt: new Date() } });
  return db.notification.findUniqueOrThrow({ where: { id } });
}

async function announce(deps: DeliveryDeps, row: Notification & { sentAt: Date }, out: Outgoing): Promise<void> {
  const data = notificationSentSchema.parse({
    notificationId: row.id,
    eventId: row.eventId,
    recipientId: row.recipientId,
    channel: row.channel === 'email' ? 'email' : 'in-app',
    ...(row.caseRef ? { caseRef: row.caseRef } : {}),
  });
  await publish(
    deps.producer,
    TOPICS.notificationSent,
    envelope({
      id: sentEventId(row.id),
      type: TOPICS.notificationSent,
      source: 'probity/notification',
      subject: out.eventSubject,
      time: row.sentAt, // deterministic too: a republish is byte-for-byte the same event
      data,
    }),
  );
}

/** Records, sends and announces one notification, at most once however often it is called. */
export async function deliver(deps: DeliveryDeps, out: Outgoing): Promise<Delivered> {
  let row = await recordOnce(deps.db, out);
  let sentNow = false;
  if (row.sentAt === null && row.channel !== 'letter-or-phone') {
    if (row.channel === 'email') await sendEmail(deps, row, out);
    const { id } = row;
    row = await patiently(() => markSent(deps.db, id), { forMs: SENT_MARK_PATIENCE_MS });
    sentNow = true;
  }
  // Letter-or-phone records stay unsent (sentAt null): nothing has reached the complainant yet.
  const { sentAt } = row;
  if (sentAt === null) return { notification: row, sentNow, announced: false };
  await announce(deps, { ...row, sentAt }, out);
  return { notification: row, sentNow, announced: true };
}
