import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { jobRuns } from '../db/schema.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { scanCity, type DetectionResult } from './duplicate-claims.detect.ts';

export const DUPLICATE_SCAN_JOB = 'duplicateScan';

/**
 * The nightly city-wide re-scan for duplicate claims (issue 17): catches what a create, an edit or an import did not
 * (an investor's group changed, a unit renamed, the rules moved), re-scores open pairs and drops those that no longer
 * score. Decided pairs are left as the bureau decided. Once a day (China time), recorded in job_runs.
 */
export async function runDuplicateScan(db: Db, now: Date): Promise<DetectionResult & { day: string }> {
  const day = chinaToday(now);
  const result = await scanCity(db, now);
  await db
    .insert(jobRuns)
    .values({ name: DUPLICATE_SCAN_JOB, lastDay: day, lastFinishedAt: now })
    .onConflictDoUpdate({ target: jobRuns.name, set: { lastDay: day, lastFinishedAt: now } });
  return { ...result, day };
}

/** Checked every hour; runs when the day's scan has not run yet. Returns the stop function. */
export function scheduleDuplicateScan(db: Db, clock: () => Date, log: (line: string) => void, everyMs = 60 * 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = clock();
      const [last] = await db.select({ lastDay: jobRuns.lastDay }).from(jobRuns).where(eq(jobRuns.name, DUPLICATE_SCAN_JOB));
      if (last?.lastDay !== chinaToday(now)) await runDuplicateScan(db, now);
    } catch (error) {
      log(`duplicate scan failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  const first = setTimeout(() => void tick(), 30_000);
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
