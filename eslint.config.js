import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, and activities are
// reached only through proxyActivities, so only their *types* may be imported.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.cache/**', '.data/**', 'dist/**', 'shared/src/db/generated/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/src/**/*.ts', 'services/*/test/fixtures/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code must be deterministic: no Node built-ins.' })),
          patterns: [
            {
              group: ['@probity/activities/*', '**/activities/**'],
              allowTypeImports: true,
              message: 'Workflows may import only types from activities; call them through proxyActivities.',
            },
            { group: ['kafkajs', 'pg', '@prisma/*', 'nodemailer', 'express', 'pino'], message: 'Workflow code must not do I/O.' },
            {
              group: ['jose', 'openid-client', 'oidc-provider', 'nunjucks', '@probity/shared/auth/*', '@probity/shared/web/*', '@probity/shared/http/*'],
              message: 'Server-only: workflows get the Actor (@probity/shared/auth), never tokens, sessions or pages.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
