// The outbox relay as a service runs it: Prometheus metrics on the service's registry, started
// with the service and stopped on shutdown. Intake (public complaints) and casework (complaints
// taken at first contact, conduct matters) both write outbox rows and both run one; rows are
// claimed with SKIP LOCKED, so two relays never send the same row at once.
import type { Kafka } from 'kafkajs';
import { Counter, Gauge } from 'prom-client';
import type { Db } from '../db/client';
import { connectProducer } from '../kafka';
import type { Logger } from '../log';
import type { ServiceRuntime } from '../runtime/service';
import { createOutboxRelay, type OutboxRelay } from './relay';

export function startOutboxRelay(deps: { db: Db; kafka: Kafka; log: Logger; runtime: ServiceRuntime }): OutboxRelay {
  const { db, runtime } = deps;
  const published = new Counter({ name: 'probity_outbox_published_total', help: 'Outbox events published to Kafka', registers: [runtime.metrics] });
  const failed = new Counter({ name: 'probity_outbox_publish_failures_total', help: 'Outbox events whose publish failed (retried)', registers: [runtime.metrics] });
  new Gauge({
    name: 'probity_outbox_pending',
    help: 'Outbox events not yet published',
    registers: [runtime.metrics],
    async collect() {
      this.set(await db.outboxEvent.count({ where: { publishedAt: null } }));
    },
  });
  const relay = createOutboxRelay({
    db,
    log: deps.log,
    connectProducer: () => connectProducer(deps.kafka),
    onPublished: (n) => published.inc(n),
    onFailed: (n) => failed.inc(n),
  });
  runtime.onShutdown('outbox-relay', () => relay.stop());
  relay.start();
  return relay;
}
