import { defineConfig } from 'vitest/config';

// Two projects: `unit` is pure logic (no infrastructure); `integration` runs against the
// real Temporal, Kafka, Postgres and SMTP sink that `infra/probity test` brings up first.
export default defineConfig({
  test: {
    // The JSON report lets .ci/run print a plain 'N passed, N failed' line.
    reporters: ['default', ['json', { outputFile: '.data/test-report.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/src/**/*.test.ts', 'infra/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.int.test.ts'],
          // Pure logic, but some tests walk every day or hour of a decade: on a busy machine that
          // takes seconds. Time is not what they test (speed lives in npm run bench).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          // Real servers on 2 cores: run files one after another, generous timeouts.
          setupFiles: ['./vitest.setup.integration.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
