/** A server worker process, forked by `zhaoshang serve --workers N` (see workers.ts). */
import { WORKER_ENV, startWorker, type WorkerStart } from './workers.ts';

const start = JSON.parse(process.env[WORKER_ENV] ?? 'null') as WorkerStart | null;
if (!start) throw new Error(`${WORKER_ENV} is not set: this file is started by zhaoshang serve --workers`);
const { stop } = await startWorker(start);
// Ctrl-C reaches every process of the group, and the primary then asks again: stop once.
let stopping: Promise<void> | undefined;
const shutdown = () => (stopping ??= stop().then(() => process.exit(0)));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
