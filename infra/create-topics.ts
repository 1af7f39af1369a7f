// Creates every Kafka topic Probity uses (the broker does not auto-create topics).
import { createKafka, ensureTopics } from '../shared/src/kafka';

const brokers = (process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`).split(',');
const created = await ensureTopics(createKafka(brokers, 'probity-infra'));
console.error(`[probity] kafka topics: ${created.length ? `created ${created.join(', ')}` : 'all present'}`);
