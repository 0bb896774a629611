import type { Db } from '../db/client.ts';
import { currentWeights } from './chain-candidates.service.ts';
import { buildCandidateList, linksToRebuild, type BuildResult } from './stored-candidates.ts';

/**
 * The background rebuild of the links' stored candidate lists (issue 14, stored-candidates.ts): every round, each link
 * whose list is missing, stale (the library changed), or built under other weights or link terms is rebuilt, one link
 * after another, off the request path. Requests meanwhile compute live, so an answer is never from an outdated list.
 */
export async function refreshCandidateLists(db: Db, now: () => Date, options: { maxLinks?: number; pauseMs?: number } = {}): Promise<BuildResult[]> {
  const weights = await currentWeights(db);
  const links = (await linksToRebuild(db, weights, now())).slice(0, options.maxLinks ?? Infinity);
  const out: BuildResult[] = [];
  for (const linkId of links) {
    const result = await buildCandidateList(db, linkId, weights, now);
    out.push(result);
    if (result.outcome === 'busy') break; // the library is being written: the next round tries again
    if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs)); // room for requests
  }
  return out;
}

/** Every minute (a round never overlaps the previous one); returns the stop function. */
export function scheduleCandidateLists(db: Db, clock: () => Date, log: (line: string) => void, everyMs = 60_000): () => void {
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      await refreshCandidateLists(db, clock, { pauseMs: 200 });
    } catch (error) {
      log(`candidate lists: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), everyMs);
  timer.unref();
  const first = setTimeout(() => void round(), 5_000);
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
