// What the chaos system holds, read from the real pieces: cases and stage timings in PostgreSQL,
// workflow executions in Temporal's visibility, mail in the sink, stage events and parked events
// in Kafka, outbox rows not yet published.
import pg from 'pg';
import { Connection, Client } from '@temporalio/client';
import { createKafka, readTopic } from '../../shared/src/kafka';
import { parkedEventOf, type ParkedEvent } from '../../shared/src/dead-letters';
import { TOPICS } from '../../shared/src/events/topics';
import type { ChaosSystem } from './system';
import type { Mail, Observed, StageEvent } from './checks';

const REF_IN_SUBJECT = /^\[([A-Z]{2}-\d{4}-\d+)\]/;

export async function mailByRef(system: ChaosSystem): Promise<Map<string, Mail[]>> {
  const res = await fetch(`${system.mailUrl}/api/messages`);
  if (!res.ok) throw new Error(`mail sink answered ${res.status}`);
  const byRef = new Map<string, Mail[]>();
  for (const m of (await res.json()) as Mail[]) {
    const ref = REF_IN_SUBJECT.exec(m.subject)?.[1];
    if (ref) byRef.set(ref, [...(byRef.get(ref) ?? []), { to: m.to, subject: m.subject }]);
  }
  return byRef;
}

/** Outbox rows written but not yet on Kafka. */
export async function unpublishedOutbox(system: ChaosSystem): Promise<number> {
  const db = new pg.Client({ connectionString: system.databaseUrl });
  await db.connect();
  try {
    return Number((await db.query('SELECT count(*) AS n FROM "OutboxEvent" WHERE "publishedAt" IS NULL')).rows[0].n);
  } finally {
    await db.end();
  }
}

export async function observe(system: ChaosSystem, emailLike: string): Promise<Observed & { parked: ParkedEvent[] }> {
  const db = new pg.Client({ connectionString: system.databaseUrl });
  await db.connect();
  const casesByEmail = new Map<string, string[]>();
  const stagesByRef = new Map<string, string[]>();
  try {
    const cases = await db.query(
      `SELECT cm.contact->>'email' AS email, c.ref FROM "Complainant" cm JOIN "Case" c ON c.id = cm."caseId" WHERE cm.contact->>'email' LIKE $1`,
      [emailLike],
    );
    for (const r of cases.rows as { email: string; ref: string }[]) casesByEmail.set(r.email, [...(casesByEmail.get(r.email) ?? []), r.ref]);
    const stages = await db.query(
      `SELECT c.ref, s.stage FROM "StageTiming" s JOIN "Case" c ON c.id = s."caseId" JOIN "Complainant" cm ON cm."caseId" = c.id
       WHERE cm.contact->>'email' LIKE $1 ORDER BY s."enteredAt", s.id`,
      [emailLike],
    );
    for (const r of stages.rows as { ref: string; stage: string }[]) stagesByRef.set(r.ref, [...(stagesByRef.get(r.ref) ?? []), r.stage]);
  } finally {
    await db.end();
  }

  const connection = await Connection.connect({ address: system.temporalAddress });
  const workflowRuns = new Map<string, number>();
  try {
    const client = new Client({ connection, namespace: 'default' });
    for await (const wf of client.workflow.list({ query: 'CaseKind = "complaint"' })) {
      workflowRuns.set(wf.workflowId, (workflowRuns.get(wf.workflowId) ?? 0) + 1);
    }
  } finally {
    await connection.close();
  }

  // The chaos system has a broker of its own: topic names without a prefix.
  const kafka = createKafka(system.kafkaBrokers, 'probity-chaos-checks');
  const stageEventsByRef = new Map<string, StageEvent[]>();
  for (const { message } of await readTopic(kafka, TOPICS.caseStageChanged, 'probity-chaos-checks')) {
    const e = JSON.parse(message.value!.toString('utf8')) as { id: string; data: { ref: string; from: string; to: string } };
    stageEventsByRef.set(e.data.ref, [...(stageEventsByRef.get(e.data.ref) ?? []), { id: e.id, from: e.data.from, to: e.data.to }]);
  }
  const parked = (await readTopic(kafka, TOPICS.deadLetter, 'probity-chaos-checks')).map((p) => parkedEventOf(p.partition, p.message));
  return { casesByEmail, workflowRuns, mailByRef: await mailByRef(system), stageEventsByRef, stagesByRef, parked };
}
