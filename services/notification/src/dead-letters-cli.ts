// Events parked on the dead-letter topic, and their replay once the cause is fixed:
//   npm run dead-letters -- list   [--topic <topic>] [--group <consumer group>] [--id <event id>]
//   npm run dead-letters -- replay [--topic <topic>] [--group <consumer group>] [--id <event id>] [--again]
// Replaying puts each selected event back on its original topic, once (--again to repeat it);
// consumers are idempotent by event id, so what was already done is not done twice.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { matches, parkedKey, readParkedEvents, replayParkedEvents, replayedKeys, type ReplayFilter } from '@probity/shared/dead-letters';
import { connectProducer, createKafka } from '@probity/shared/kafka';

async function cli(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { topic: { type: 'string' }, group: { type: 'string' }, id: { type: 'string' }, again: { type: 'boolean' } },
  });
  const command = positionals[0];
  if (command !== 'list' && command !== 'replay') {
    process.stderr.write('usage: dead-letters list|replay [--topic T] [--group G] [--id EVENT_ID] [--again]\n');
    return 2;
  }
  const filter: ReplayFilter = { ...(values.topic ? { topic: values.topic } : {}), ...(values.group ? { group: values.group } : {}), ...(values.id ? { eventId: values.id } : {}), again: values.again === true };
  const config = loadConfig();
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-dead-letters`);
  const db = createDb(config.DATABASE_URL);
  try {
    if (command === 'list') {
      const replayed = await replayedKeys(db);
      const parked = (await readParkedEvents(kafka)).map((p) => p.parked).filter((p) => matches(p, filter));
      for (const p of parked) {
        process.stdout.write(
          `${parkedKey(p)}\t${p.parkedAt}\t${p.originalTopic}\t${p.consumerGroup}\t${p.eventType ?? '-'}\t${p.eventId ?? '-'}\t${replayed.has(parkedKey(p)) ? 'replayed' : 'parked'}\t${p.reason}\n`,
        );
      }
      process.stderr.write(`${parked.length} parked event(s)\n`);
      return 0;
    }
    const producer = await connectProducer(kafka);
    try {
      const results = await replayParkedEvents(kafka, producer, db, filter);
      for (const r of results) process.stdout.write(`${r.outcome}\t${parkedKey(r.parked)}\t${r.parked.originalTopic}\t${r.parked.eventId ?? '-'}\n`);
      process.stderr.write(`${results.filter((r) => r.outcome === 'replayed').length} replayed, ${results.filter((r) => r.outcome !== 'replayed').length} skipped\n`);
      return 0;
    } finally {
      await producer.disconnect();
    }
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`dead-letters: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
