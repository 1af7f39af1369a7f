import { defineConfig } from 'prisma/config';

// Prisma CLI configuration. The schema and Prisma Migrate-format migrations live in shared/prisma.
export default defineConfig({
  schema: 'shared/prisma/schema.prisma',
  migrations: { path: 'shared/prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://probity:probity@127.0.0.1:5433/probity' },
});
