import { describe, expect, it } from 'vitest';
import { loadWorkerConfig, workflowSource } from './worker-config';

describe('worker configuration', () => {
  it('bounds the workflow cache by default, and takes a setting', () => {
    expect(loadWorkerConfig({}).WORKER_MAX_CACHED_WORKFLOWS).toBe(200);
    expect(loadWorkerConfig({ WORKER_MAX_CACHED_WORKFLOWS: '50' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(50);
    expect(() => loadWorkerConfig({ WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });

  it('takes fewer workflow tasks at once than the SDK, and never more than it may cache', () => {
    expect(loadWorkerConfig({}).WORKER_MAX_CONCURRENT_WORKFLOW_TASKS).toBe(10);
    expect(loadWorkerConfig({ WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '4' }).WORKER_MAX_CONCURRENT_WORKFLOW_TASKS).toBe(4);
    expect(() => loadWorkerConfig({ WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1' })).toThrow(/WORKER_MAX_CONCURRENT_WORKFLOW_TASKS/);
    expect(() => loadWorkerConfig({ WORKER_MAX_CACHED_WORKFLOWS: '5', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '8' })).toThrow(/exceeds WORKER_MAX_CACHED_WORKFLOWS/);
    expect(loadWorkerConfig({ WORKER_MAX_CACHED_WORKFLOWS: '0', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '8' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(0);
  });
});

describe('where workflow code comes from', () => {
  const base = { besideMain: '/app/dist/worker/workflow-bundle.js', sourcePath: '/app/workflows/src/index.ts' };
  const only = (...paths: string[]) => (p: string) => paths.includes(p);

  it('the compiled worker loads the bundle built beside it', () => {
    expect(workflowSource({ ...base, production: true, exists: only(base.besideMain) })).toEqual({ workflowBundle: { codePath: base.besideMain } });
  });

  it('a configured bundle wins, and must exist', () => {
    expect(workflowSource({ ...base, configured: '/b.js', production: false, exists: only('/b.js', base.besideMain) })).toEqual({ workflowBundle: { codePath: '/b.js' } });
    expect(() => workflowSource({ ...base, configured: '/missing.js', production: false, exists: only() })).toThrow(/not found: run npm run build/);
  });

  it('bundles from source only in development, never in production', () => {
    expect(workflowSource({ ...base, production: false, exists: only() })).toEqual({ workflowsPath: base.sourcePath });
    expect(() => workflowSource({ ...base, production: true, exists: only() })).toThrow(/production runs the prebuilt workflow bundle/);
  });
});
