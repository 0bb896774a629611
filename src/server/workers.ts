import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from './config.ts';
import { BUILT, workerEntry } from './built.ts';
import { openDatabase } from './db/client.ts';
import type { MigrationState } from './db/migrate.ts';
import { forgetSessionsHere, relaySessionForgetting, type SessionForgetting } from './auth/auth.service.ts';
import { announce, buildServerApp, openAndMigrate, prepareFirstStart, refuseWorkersOnEmbedded, scheduleJobs, startServer } from './start.ts';

/** What a worker process is started with: the primary's configuration and the schema it brought up to date. */
export const WORKER_ENV = 'ZHAOSHANG_WORKER';
export type WorkerStart = { config: AppConfig; migration: MigrationState };

export type RunningServer = { port: number; stop: () => Promise<void> };

/** The message a worker sends the primary, and the primary the other workers, when sessions must be forgotten. */
type ForgetMessage = { zhaoshangForgetSessions: SessionForgetting };
const isForgetMessage = (message: unknown): message is ForgetMessage =>
  typeof message === 'object' && message !== null && 'zhaoshangForgetSessions' in message;

/**
 * `zhaoshang serve`. One Node process uses one core, so on a PostgreSQL server `workers` > 1 starts a primary
 * process that migrates and fills the database once, runs the scheduled jobs (idle sessions, reminders) — in
 * exactly one process — and keeps that many server processes listening on the port (node:cluster hands each
 * connection to one of them). Sessions live in the database, so any process serves any logged-in user.
 */
export async function serve(config: AppConfig, log: (line: string) => void = console.log): Promise<RunningServer> {
  refuseWorkersOnEmbedded(config);
  if (config.workers <= 1) {
    const { app, stop } = await startServer(config, log);
    return { port: (app.server.address() as { port: number }).port, stop };
  }
  return startPrimary(config, log);
}

/** A worker serves requests and nothing else: the primary runs the jobs. */
export function workerConfig(config: AppConfig): AppConfig {
  return { ...config, reminders: false };
}

/** Runs in a worker process (see worker.entry.ts). */
export async function startWorker({ config, migration }: WorkerStart): Promise<RunningServer> {
  if (!config.databaseUrl) throw new Error('a server worker needs DATABASE_URL');
  relaySessionForgetting((forgetting) => process.send?.({ zhaoshangForgetSessions: forgetting } satisfies ForgetMessage));
  process.on('message', (message) => {
    if (isForgetMessage(message)) forgetSessionsHere(message.zhaoshangForgetSessions);
  });
  const database = await openDatabase({ databaseUrl: config.databaseUrl });
  const app = await buildServerApp(config, database, migration, () => new Date());
  await app.listen({ port: config.port, host: config.host });
  return {
    port: (app.server.address() as { port: number }).port,
    stop: async () => {
      await app.close();
      await database.close();
    },
  };
}

const WORKER_ENTRY = fileURLToPath(workerEntry('worker.entry', new URL('./worker.entry.ts', import.meta.url)));

async function startPrimary(config: AppConfig, log: (line: string) => void): Promise<RunningServer> {
  const { database, migration } = await openAndMigrate(config);
  const firstStart = await prepareFirstStart(database, config);
  // Workers run what this process runs: the build, or the TypeScript sources through tsx however this one was started.
  const execArgv = process.execArgv.filter((arg) => !arg.includes('tsx'));
  cluster.setupPrimary({ exec: WORKER_ENTRY, args: [], execArgv: BUILT ? execArgv : [...execArgv, '--import', import.meta.resolve('tsx')] });
  const env = { [WORKER_ENV]: JSON.stringify({ config: workerConfig(config), migration } satisfies WorkerStart) };
  const workers = new Set<Worker>();
  let port = config.port;
  const startOne = () =>
    new Promise<Worker>((resolve, reject) => {
      const worker = cluster.fork(env);
      workers.add(worker);
      const failed = (code: number | null) => reject(new Error(`a server process exited while starting (code ${code})`));
      worker.once('exit', failed);
      worker.once('listening', (address) => {
        worker.off('exit', failed);
        port = address.port;
        resolve(worker);
      });
    });

  let stopping = false;
  const stopWorkers = () =>
    Promise.all(
      [...workers].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  // A worker that crashes after the start is replaced; one that cannot start fails the whole start.
  const replaceCrashed = (worker: Worker, code: number | null, signal: string | null) => {
    workers.delete(worker);
    if (stopping || code === 0) return;
    log(`a server process stopped (${signal ?? `exit code ${code}`}); starting another`);
    startOne().catch((error: unknown) => log(`could not start a server process: ${error instanceof Error ? error.message : String(error)}`));
  };
  const relayForgetting = (from: Worker, message: unknown) => {
    if (!isForgetMessage(message)) return;
    for (const worker of workers) if (worker !== from && worker.isConnected()) worker.send(message);
  };
  cluster.on('message', relayForgetting);
  try {
    await Promise.all(Array.from({ length: config.workers }, startOne));
  } catch (error) {
    stopping = true;
    cluster.off('message', relayForgetting);
    await stopWorkers();
    await database.close();
    throw error;
  }
  cluster.on('exit', replaceCrashed);

  const stopJobs = scheduleJobs(database, config, () => new Date(), log);
  announce({ ...config, port }, database.kind, migration, firstStart, log);
  return {
    port,
    stop: async () => {
      stopping = true;
      cluster.off('exit', replaceCrashed);
      cluster.off('message', relayForgetting);
      stopJobs();
      await stopWorkers();
      await database.close();
    },
  };
}
