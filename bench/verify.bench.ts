/**
 * `zhaoshang verify` at province scale (issue 17 "Every figure proves itself"): the cockpit bench's province (100 units,
 * 50,000 projects, 200,000 fund entries; each project's stage records the ones its dates say) on PostgreSQL, every card, breakdown, bulletin cell and stage
 * fold of the year to date checked against its records. Prints the run's time, how many figures it checked and every
 * difference; exits 1 on any, as the command does.
 * Run: npx tsx bench/verify.bench.ts
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { openDatabase } from '../src/server/db/client.ts';
import { verifyFromCli } from '../src/cli/verify.ts';
import { TEST_PG_URL, postgresAnswers, withDatabase } from '../test/support/environment.ts';
import { PROJECTS, STAGE_RECORDS, TODAY, UNITS, seedOwnStageRecords, seedProvince } from './cockpit.seed.ts';

let stageRecords = STAGE_RECORDS;

async function main(): Promise<number> {
  if (!(await postgresAnswers(TEST_PG_URL))) {
    console.log(`PostgreSQL does not answer at ${TEST_PG_URL}: nothing measured.`);
    return 0;
  }
  const name = `zs_bench_verify_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const database = await openDatabase({ databaseUrl: withDatabase(TEST_PG_URL, name) });
    try {
      let t = performance.now();
      await seedProvince(database);
      // Each project's stage records are the ones its dates say: verify folds every history into its dates.
      stageRecords = await seedOwnStageRecords(database);
      console.error(`seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      const lines: string[] = [];
      t = performance.now();
      const now = () => new Date(`${TODAY}T12:00:00+08:00`);
      const exit = await verifyFromCli(database.db, { from: '2026-01-01', to: TODAY }, { line: (text) => lines.push(text), progress: (text) => process.stderr.write(text) }, now);
      const seconds = (performance.now() - t) / 1000;
      console.log(`\n#### zhaoshang verify, province scale: ${UNITS} units, ${PROJECTS.toLocaleString('en')} projects, ${stageRecords.toLocaleString('en')} stage records (each project's own), PostgreSQL 15, ${cpus().length} cores (load ${loadavg()[0]!.toFixed(1)})\n`);
      console.log(`2026-01-01 … ${TODAY}: ${seconds.toFixed(1)} s, exit ${exit}`);
      for (const line of lines) console.log(`    ${line}`);
      return exit;
    } finally {
      await database.close();
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

process.exit(await main());
