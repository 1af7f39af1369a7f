import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { Transporter } from 'nodemailer';
import { Counter, type Registry } from 'prom-client';
import type { Db } from '@probity/shared/db/client';
import { NOTIFYING_TOPICS } from '@probity/shared/events/schemas';
import { PermanentError, runConsumer, type HandlerContext } from '@probity/shared/kafka';
import type { Logger } from '@probity/shared/log';
import { deliver, type Delivered, type Outgoing } from './delivery';
import { screenRecipients } from './case-confidentiality';
import { ALERT_REF, parseNotifyingEvent, refOf, type NotifyingEvent } from './events';
import { channelFor, resolveRecipients, type ResolvedRecipient } from './recipients';
import { render, withheldNotice, type Audience, type Message, type TemplateContext } from './templates';

// The notification consumer: every notifying topic → validated event → readers → one
// notification per reader, sent at most once (see delivery.ts).

export const NOTIFICATION_GROUP = 'probity-notification';

export interface NotificationServiceDeps {
  kafka: Kafka;
  producer: Producer;
  db: Db;
  mailer: Transporter;
  mailFrom: string;
  log: Logger;
  /** Defaults to 'probity-notification'; tests pass a unique group. */
  groupId?: string;
  fromBeginning?: boolean;
  maxAttempts?: number;
  /** Where to register the notification counter (the service runtime's registry). */
  metrics?: Registry;
  /** Events in flight per partition (default NOTIFICATION_CONCURRENCY; 1 = one at a time). */
  concurrency?: number;
}

export interface NotificationService {
  consumer: Consumer;
  stop: () => Promise<void>;
}

/** Names the wording needs beyond the event: the assignee of a breached task. */
async function templateContext(db: Db, event: NotifyingEvent): Promise<TemplateContext> {
  if (event.topic !== 'case.sla-breached' && event.topic !== 'case.escalated') return {};
  const assignee = await db.person.findUnique({ where: { id: event.envelope.data.assigneeId }, select: { name: true } });
  return assignee ? { assigneeName: assignee.name } : {};
}

const audienceOf = (r: ResolvedRecipient): Audience =>
  r.kind === 'staff' ? { kind: 'staff', personId: r.recipientId } : { kind: 'complainant' };

function renderOrReject(event: NotifyingEvent, audience: Audience, ctx: TemplateContext): Message {
  try {
    return render(event, audience, ctx);
  } catch (err) {
    // A date that is not a date: no reader should see the message, and retrying cannot fix it.
    if (err instanceof RangeError) throw new PermanentError(`event ${event.envelope.id}: ${err.message}`);
    throw err;
  }
}

/** Plans every notification of an event (throwing before anything is sent), then delivers them. */
export function createNotificationHandler(deps: NotificationServiceDeps) {
  const counter = deps.metrics
    ? new Counter({
        name: 'probity_notifications_total',
        help: 'Notifications handled, by channel and whether this delivery sent them',
        labelNames: ['channel', 'result'] as const,
        registers: [deps.metrics],
      })
    : undefined;

  return async (value: unknown, ctx: HandlerContext): Promise<void> => {
    const event = parseNotifyingEvent(ctx.topic, value);
    const recipients = await screenRecipients(deps.db, event, await resolveRecipients(deps.db, event));
    const names = await templateContext(deps.db, event);
    const outgoing: Outgoing[] = [];
    for (const { recipient: r, withheld } of recipients) {
      const channel = channelFor(event, r);
      if (!channel) continue;
      // Rendered even when withheld, so that a malformed event is refused for every reader alike.
      const message = renderOrReject(event, audienceOf(r), names);
      outgoing.push({
        eventId: event.envelope.id,
        eventSubject: event.envelope.subject,
        recipientId: r.recipientId,
        email: r.email,
        channel,
        ...(withheld ? withheldNotice() : message),
        // No case reference on the row (in-app list) or in the mail headers of a withheld notice.
        ref: withheld ? { kind: 'alert', ref: ALERT_REF } : refOf(event),
      });
    }
    const done: Delivered[] = [];
    for (const out of outgoing) {
      const d = await deliver(deps, out);
      done.push(d);
      counter?.inc({ channel: d.notification.channel, result: d.sentNow ? 'sent' : d.notification.sentAt ? 'duplicate' : 'recorded' });
    }
    // Ids only: never addresses or names.
    deps.log.info(
      {
        eventId: event.envelope.id,
        topic: event.topic,
        notifications: done.map((d) => ({
          id: d.notification.id,
          recipientId: d.notification.recipientId,
          channel: d.notification.channel,
          sentNow: d.sentNow,
        })),
        skipped: recipients.length - outgoing.length,
      },
      'event notified',
    );
  };
}

/** Events in flight per partition (see runConsumer). */
export const NOTIFICATION_CONCURRENCY = 16;

/** Starts consuming every notifying topic; `stop()` leaves the consumer group cleanly. */
export async function startNotificationService(deps: NotificationServiceDeps): Promise<NotificationService> {
  const consumer = await runConsumer({
    kafka: deps.kafka,
    groupId: deps.groupId ?? NOTIFICATION_GROUP,
    topics: [...NOTIFYING_TOPICS],
    producer: deps.producer,
    log: deps.log,
    handle: createNotificationHandler(deps),
    // Events of different cases side by side (each notification is once per event and recipient,
    // whatever the order); one case's events in order. Most of the time is the SMTP round trip.
    concurrency: deps.concurrency ?? NOTIFICATION_CONCURRENCY,
    ...(deps.maxAttempts !== undefined ? { maxAttempts: deps.maxAttempts } : {}),
    ...(deps.fromBeginning !== undefined ? { fromBeginning: deps.fromBeginning } : {}),
  });
  return { consumer, stop: () => consumer.disconnect() };
}
