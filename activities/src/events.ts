import type { Producer } from 'kafkajs';
import { envelope } from '@probity/shared/events/envelope';
import { EVENT_SCHEMAS, type EventTopic } from '@probity/shared/events/schemas';
import { publish } from '@probity/shared/kafka';

// Workflows announce what happened on Kafka. Event ids are chosen by the workflow
// (deterministic), so an activity retry republishes the same event and consumers drop it.
export interface Emission {
  topic: EventTopic;
  id: string;
  subject: string;
  data: unknown;
  at?: string;
}

export function eventActivities(producer: Producer, source = 'probity/worker') {
  return {
    async emit(e: Emission): Promise<void> {
      const data = EVENT_SCHEMAS[e.topic].parse(e.data);
      await publish(producer, e.topic, envelope({ id: e.id, type: e.topic, source, subject: e.subject, data, time: e.at ? new Date(e.at) : undefined }));
    },
  };
}
