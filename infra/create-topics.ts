// Creates every Kafka topic Probity uses (the broker does not auto-create topics), with the
// partitions, replication factor, min.insync.replicas and retention from the configuration.
import { loadConfig } from '../shared/src/config';
import { createKafka, ensureTopics, topicSettings } from '../shared/src/kafka';
import { ALL_TOPICS } from '../shared/src/events/topics';

const config = loadConfig();
const created = await ensureTopics(createKafka(config.KAFKA_BROKERS, 'probity-infra'), ALL_TOPICS, topicSettings(config));
console.error(`[probity] kafka topics: ${created.length ? `created ${created.join(', ')}` : 'all present'}`);
