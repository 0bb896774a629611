/**
 * The server of the soak benchmark (bench/soak.bench.ts): `zhaoshang serve` as deployed, in a child process started
 * with --expose-gc, that answers the bench's "memory?" with its memory after a full garbage collection.
 */
import { configFromEnv } from '../src/server/config.ts';
import { serve } from '../src/server/workers.ts';

const gc = (globalThis as { gc?: () => void }).gc;
const { port, stop } = await serve(configFromEnv(), () => {});
process.send!({ listening: port });
process.on('message', (message: { memory?: boolean; stop?: boolean }) => {
  if (message.memory) {
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    process.send!({ memory: { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, gc: !!gc } });
  }
  if (message.stop) void stop().then(() => process.exit(0));
});
