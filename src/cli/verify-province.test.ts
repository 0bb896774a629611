import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../server/db/client.ts';
import { queryRows } from '../server/db/client.ts';
import { openTestDatabase } from '../../test/support/test-db.ts';
import { TODAY, seedOwnStageRecords, seedProvince } from '../../bench/cockpit.seed.ts';
import { verifyFromCli } from './verify.ts';

/**
 * CI runs `zhaoshang verify` on the province-scale bench data (issue 17), in a form CI can afford: the bench's own seed
 * — a province, its cities and their counties, projects over three years of stages, fund entries, targets — at a
 * reduced scale (3 cities × 2 counties, 1,200 projects, 4,800 fund entries), so every level of the unit tree and every
 * kind of figure is checked, on both engines. The full scale is `npm run bench:verify` (docs/benchmarks.md).
 */
describe('zhaoshang verify on the province bench data, reduced', () => {
  let database: Database;
  const run = async () => {
    const lines: string[] = [];
    const code = await verifyFromCli(database.db, { from: '2026-01-01', to: TODAY }, { line: (text) => lines.push(text), progress: () => {} }, () => new Date(`${TODAY}T12:00:00+08:00`));
    return { code, output: lines.join('\n') };
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedProvince(database, { cities: 3, countiesPerCity: 2, projects: 1_200, enterprises: 500, stageRecords: 7_200, fundEntries: 4_800 });
    await seedOwnStageRecords(database);
  }, 120_000);
  afterAll(() => database?.close());

  it('every figure of the year to date proves itself; a record changed behind the app’s back is named', async () => {
    const { code, output } = await run();
    // 1,200 projects × 6 stage columns, plus the cards, breakdowns and bulletin cells of 9 units.
    const checked = Number(/核对 (\d+) 项，全部相符/.exec(output)?.[1]);
    expect(checked, output).toBeGreaterThan(7_200);
    expect(code, output).toBe(0);

    const [project] = await queryRows<{ id: number; name: string }>(database.db, sql`select id, name from projects where signed_on >= '2026-01-01' order by id limit 1`);
    await queryRows(database.db, sql`update projects set signed_on = signed_on - 1 where id = ${project!.id}`);
    const broken = await run();
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`项目 #${project!.id} ${project!.name} signedOn`);
  }, 120_000);
});
