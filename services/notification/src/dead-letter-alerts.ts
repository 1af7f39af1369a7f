import type { Consumer, Kafka, Producer } from 'kafkajs';
import { Counter, type Registry } from 'prom-client';
import { envelope } from '@probity/shared/events/envelope';
import { alertSchema } from '@probity/shared/events/schemas';
import { TOPICS } from '@probity/shared/events/topics';
import { parkedEventOf, parkedKey } from '@probity/shared/dead-letters';
import { physicalTopic, publish } from '@probity/shared/kafka';
import type { Logger } from '@probity/shared/log';

// Nothing parked goes unnoticed: every event a consumer parks on the dead-letter topic is counted
// (probity_dead_letter_events_total, by original topic and consumer group: alert on any increase)
// and raises an alert to the PSD manager and ops (probity.alert, kind dead-letter), delivered like
// every notification — once per reader, however often this sees the parked event (its id comes
// from the event's place on the dead-letter topic). An alert that was itself parked is counted and
// logged but raises no alert, so a fault in alerting cannot feed on itself.

export const DEAD_LETTER_ALERTS_GROUP = 'probity-dead-letter-alerts';

export interface DeadLetterAlertDeps {
  kafka: Kafka;
  producer: Producer;
  log: Logger;
  metrics?: Registry;
  groupId?: string;
  fromBeginning?: boolean;
}

/** The alert's event id for the parked event at this place on the dead-letter topic. */
export const deadLetterAlertId = (partition: number, offset: string) => `dead-letter-alert:${parkedKey({ partition, offset })}`;

export async function startDeadLetterAlerts(deps: DeadLetterAlertDeps): Promise<{ consumer: Consumer; stop: () => Promise<void> }> {
  const parked = new Counter({
    name: 'probity_dead_letter_events_total',
    help: 'Events parked on the dead-letter topic, by original topic and consumer group (npm run dead-letters -- replay once fixed)',
    labelNames: ['topic', 'consumer_group'] as const,
    registers: deps.metrics ? [deps.metrics] : [],
  });
  const consumer = deps.kafka.consumer({ groupId: deps.groupId ?? DEAD_LETTER_ALERTS_GROUP, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topic: physicalTopic(TOPICS.deadLetter), fromBeginning: deps.fromBeginning ?? true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const e = parkedEventOf(partition, message);
      parked.inc({ topic: e.originalTopic, consumer_group: e.consumerGroup });
      deps.log.error({ parked: e }, 'event parked on the dead-letter topic');
      if (e.originalTopic === TOPICS.alert) return;
      const data = alertSchema.parse({
        kind: 'dead-letter',
        summary:
          `${e.eventType ?? 'an event'}${e.eventId ? ` ${e.eventId}` : ''} from ${e.originalTopic} could not be handled by ${e.consumerGroup} ` +
          `and was parked on the dead-letter topic: ${e.reason || 'no reason given'}`,
        detail: {
          eventId: e.eventId ?? null,
          eventType: e.eventType ?? null,
          topic: e.originalTopic,
          consumerGroup: e.consumerGroup,
          parkedAt: e.parkedAt,
          deadLetter: parkedKey(e),
        },
        notifyRoles: ['psd-manager', 'ops'],
      });
      await publish(deps.producer, TOPICS.alert, envelope({ id: deadLetterAlertId(partition, message.offset), type: TOPICS.alert, source: 'probity/notification', subject: parkedKey(e), data }));
    },
  });
  return { consumer, stop: () => consumer.disconnect() };
}
