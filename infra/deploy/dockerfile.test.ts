import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './compose';

// The image cannot be built here (no Docker): its Dockerfile is held to what the image must be.
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const stages = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\S+))?$/gm)].map((m) => ({ image: m[1]!, name: m[2] }));
const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

describe('Dockerfile', () => {
  it('builds on Node 22 LTS in stages, and runs from a stage without dev dependencies', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22-bookworm-slim$/m);
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(stages.every((s) => s.image === '${NODE_IMAGE}')).toBe(true);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(finalStage).not.toMatch(/npm (ci|install)/);
    expect(finalStage).toMatch(/COPY --from=prod-deps \/app\/node_modules/);
  });
  it('runs compiled JavaScript with the prebuilt workflow bundle, as a non-root user', () => {
    expect(dockerfile).toMatch(/infra\/build\.ts && test -s dist\/worker\/workflow-bundle\.js/);
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toMatch(/^CMD \["node", "--enable-source-maps", "dist\/[a-z]+\/main\.js"\]$/m);
    expect(finalStage).not.toMatch(/tsx/);
  });
});
