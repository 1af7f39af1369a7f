import express, { type Express } from 'express';
import type { Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Logger } from '../log';

/** A named readiness check against a real dependency; resolves when it is reachable. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
  /**
   * Reported in /readyz but not a reason to take the pod out of service: the process goes on
   * doing its job without it (intake keeps accepting into its outbox while Kafka is away).
   */
  informational?: boolean;
}

export interface ServiceRuntime {
  app: Express;
  metrics: Registry;
  /** Registers a cleanup step; run in reverse order on SIGTERM/SIGINT or `stop()`. */
  onShutdown: (name: string, fn: () => Promise<unknown>) => void;
  listen: () => Promise<Server>;
  stop: () => Promise<void>;
}

const CHECK_TIMEOUT_MS = 3000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e as Error); });
  });
}

/**
 * The common shell of every Probity process: /healthz (the process is alive), /readyz (its real
 * dependencies answer), /metrics (Prometheus) and a graceful shutdown on SIGTERM.
 */
export function createServiceRuntime(opts: {
  service: string;
  port: number;
  host?: string;
  log: Logger;
  readiness: ReadinessCheck[];
  app?: Express;
}): ServiceRuntime {
  const { service, port, log, readiness } = opts;
  const app = opts.app ?? express();
  app.disable('x-powered-by');
  const metrics = new Registry();
  metrics.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metrics });
  const cleanups: { name: string; fn: () => Promise<unknown> }[] = [];
  let server: Server | undefined;
  let stopping: Promise<void> | undefined;

  app.get('/healthz', (_req, res) => {
    res.json({ status: stopping ? 'stopping' : 'ok', service });
  });
  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      readiness.map(async ({ name, check, informational }) => {
        const extra = informational ? { informational: true } : {};
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
          return { name, ok: true as const, ...extra };
        } catch (err) {
          return { name, ok: false as const, error: (err as Error).message, ...extra };
        }
      }),
    );
    const ready = !stopping && results.every((r) => r.ok || r.informational);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', service, checks: results });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });

  const stop = () => {
    stopping ??= (async () => {
      log.info('shutting down');
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      for (const { name, fn } of [...cleanups].reverse()) {
        try {
          await withTimeout(fn(), 15_000);
        } catch (err) {
          log.error({ step: name, err: (err as Error).message }, 'shutdown step failed');
        }
      }
      log.info('stopped');
    })();
    return stopping;
  };

  return {
    app,
    metrics,
    onShutdown: (name, fn) => cleanups.push({ name, fn }),
    stop,
    listen: () =>
      new Promise<Server>((resolve, reject) => {
        const s = app.listen(port, opts.host ?? process.env.BIND_HOST ?? '127.0.0.1', (err?: Error) => {
          if (err) return reject(err);
          log.info({ port }, 'listening');
          resolve(s);
        });
        server = s;
        const onSignal = (signal: string) => {
          log.info({ signal }, 'signal received');
          stop().then(() => process.exit(0), () => process.exit(1));
        };
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
      }),
  };
}

/** Runs a service's main(), logging a clear fatal error (and exiting 1) if start-up fails. */
export function runMain(log: Logger, main: () => Promise<unknown>): void {
  main().catch((err: unknown) => {
    log.fatal({ err: (err as Error).message, stack: (err as Error).stack }, 'failed to start');
    process.exit(1);
  });
}
