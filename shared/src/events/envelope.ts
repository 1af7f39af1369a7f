import { z } from 'zod';

// One envelope for every event, in the CloudEvents 1.0 shape. `subject` is the case or policy
// id and also the Kafka key, so all events of one case stay in order on one partition.
export const EnvelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  type: z.string().min(1),
  source: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  subject: z.string().min(1),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
});

export type Envelope<T = unknown> = Omit<z.infer<typeof EnvelopeSchema>, 'data'> & { data: T };

export interface NewEvent<T> {
  id: string;
  type: string;
  source: string;
  subject: string;
  data: T;
  time?: Date;
}

export function envelope<T>(e: NewEvent<T>): Envelope<T> {
  return {
    specversion: '1.0',
    id: e.id,
    type: e.type,
    source: e.source,
    time: (e.time ?? new Date()).toISOString(),
    subject: e.subject,
    datacontenttype: 'application/json',
    data: e.data,
  };
}

export class InvalidEventError extends Error {
  constructor(
    message: string,
    readonly issues: unknown,
  ) {
    super(message);
  }
}

/** Parses an envelope and its data against the schema of its type; throws InvalidEventError. */
export function parseEvent<T>(raw: unknown, dataSchema: z.ZodType<T>): Envelope<T> {
  const env = EnvelopeSchema.safeParse(raw);
  if (!env.success) throw new InvalidEventError('not a Probity event envelope', z.treeifyError(env.error));
  const data = dataSchema.safeParse(env.data.data);
  if (!data.success) {
    throw new InvalidEventError(`invalid data for event type ${env.data.type}`, z.treeifyError(data.error));
  }
  return { ...env.data, data: data.data };
}
