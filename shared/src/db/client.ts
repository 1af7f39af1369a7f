import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type Db = InstanceType<typeof PrismaClient>;

// Prisma 7's Rust-free client talks to Postgres through the node-postgres driver adapter.
// poolSize: connections kept to Postgres (node-postgres' default is 10). A process that runs more
// transactions at once than this waits for a connection, and Prisma gives up after 2 s.
export function createDb(databaseUrl: string, opts: { poolSize?: number } = {}): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, ...(opts.poolSize ? { max: opts.poolSize } : {}) }) });
}

export * from './generated/client';
