import { Command } from 'commander';
import { mkdirSync, rmSync } from 'node:fs';
import { configFromEnv, pgliteDir } from '../server/config.ts';
import { openAndMigrate } from '../server/start.ts';
import { serve } from '../server/workers.ts';
import { isDatabaseEmpty, loadDemo } from '../server/demo/demo.service.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../server/demo/demo-data.ts';
import { addUserFromCli } from './user-add.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';
import { importFromCli, revertFromCli, type CliImportOptions } from './import.ts';
import { enterpriseListFromCli, type CliListOptions } from './enterprise-lists.ts';
import { verifyFromCli, type CliVerifyOptions } from './verify.ts';
import { ROLES, type Role } from '../domain/roles.ts';
import { DataFolderInUse, lockDataFolder, nameThisProcess } from '../server/db/data-folder-lock.ts';

function positiveWhole(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--workers must be a positive whole number, got "${value}"`);
  return n;
}

const program = new Command()
  .name('zhaoshang')
  .description('招商 — investment-promotion platform. Configuration comes from the environment (see README).');

/** The command being run ("serve", "user add"): the embedded database's lock names it, and a refusal advises on it. */
let running = '';
program.hook('preAction', (_program, action) => {
  running = [action.parent && action.parent !== program ? action.parent.name() : '', action.name()].filter(Boolean).join(' ');
  nameThisProcess(running);
});

/** What to do instead, per command, when the embedded data folder is held by another process (README › The CLI and a running server). */
function adviceWhenInUse(command: string, error: DataFolderInUse): string {
  const where = error.holder.port ? ` (http://localhost:${error.holder.port})` : '';
  if (error.holder.command !== 'serve') return `wait for it to finish, or stop it (kill ${error.holder.pid}), then run this command again`;
  const stop = `stop the server (Ctrl+C in its terminal, or kill ${error.holder.pid})`;
  switch (command) {
    case 'serve':
      return `it already serves this data folder${where}; ${stop} first, or give this one another ZHAOSHANG_DATA_DIR`;
    case 'user add':
      return `add the user in the web app's 用户 page as the bureau${where}, or ${stop} and run this command again`;
    case 'import':
      return `import the ledger in the web app's 台账导入 page${where}, or ${stop} and run this command again`;
    case 'backup':
      return `${stop}, then run the backup again (a consistent copy needs the database to itself)`;
    case 'restore':
      return `${stop}, then restore (it replaces the database the server has open)`;
    case 'demo':
      return `${stop} first (demo --reset would delete the database the server has open)`;
    default:
      return `${stop}, then run this command again`;
  }
}

program
  .command('serve')
  .description('start the web app and API (loads the demo city into an empty database unless ZHAOSHANG_DEMO=0)')
  .option('--workers <n>', 'server processes sharing the port, PostgreSQL server only (default: ZHAOSHANG_WORKERS or 1)', positiveWhole)
  .action(async (options: { workers?: number }) => {
    const config = configFromEnv();
    const { stop } = await serve({ ...config, workers: options.workers ?? config.workers });
    let stopping: Promise<void> | undefined;
    const shutdown = () =>
      (stopping ??= stop().then(() => {
        process.exit(0);
      }));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program
  .command('demo')
  .description('load the demo city 襄阳 into an empty database')
  .option('--reset', 'embedded database only: delete it first, then load the demo')
  .action(async (options: { reset?: boolean }) => {
    const config = configFromEnv();
    if (options.reset) {
      if (config.databaseUrl) throw new Error('--reset works on the embedded database only; drop a server database yourself');
      // Deleted under the folder's lock: never under a running server.
      mkdirSync(config.dataDir, { recursive: true });
      const lock = lockDataFolder(pgliteDir(config));
      try {
        rmSync(pgliteDir(config), { recursive: true, force: true });
      } finally {
        lock.release();
      }
    }
    const { database } = await openAndMigrate(config);
    try {
      if (!(await isDatabaseEmpty(database.db))) {
        throw new Error('the database already holds data; nothing was loaded (use --reset to start over)');
      }
      await loadDemo(database.db);
      console.log(`loaded the demo city 襄阳; accounts (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => u.username).join(', ')}`);
    } finally {
      await database.close();
    }
  });

const db = program.command('db').description('PostgreSQL server setup');
db.command('setup')
  .description('create the owner and app roles and the database on a PostgreSQL server, migrate as the owner, grant the app its rights (again after an upgrade)')
  .requiredOption('--superuser-url <url>', "a superuser's URL on the server, e.g. postgres://postgres@localhost:5432/postgres")
  .option('--database <name>', 'the database to create or bring up to date', 'zhaoshang')
  .option('--owner <role>', 'the role owning the schema (never logs in)', 'zhaoshang_owner')
  .option('--app <role>', 'the role the app logs in as (DATABASE_URL)', 'zhaoshang_app')
  .action(async (options: { superuserUrl: string; database: string; owner: string; app: string }) => {
    const { setUpPostgres } = await import('./db-setup.ts');
    const result = await setUpPostgres({ ...options, appPassword: process.env.ZHAOSHANG_APP_PASSWORD || undefined });
    console.log(`database ${options.database} at migration ${result.migration.version} (${result.migration.tag}), owned by ${options.owner}`);
    console.log(`the app logs in as ${options.app}: INSERT and SELECT only on audit_log, no DDL`);
    if (result.appPasswordSet) console.log(`DATABASE_URL=${result.appUrl}`);
    else console.log(`DATABASE_URL: ${options.app}'s password is unchanged (set ZHAOSHANG_APP_PASSWORD to change it)`);
  });

const user = program.command('user').description('manage user accounts');
user
  .command('add <username>')
  .description('add a user; the password must be changed at first login')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
  .requiredOption('--unit <code>', 'code of the unit the user belongs to, e.g. 420602')
  .option('--name <displayName>', 'display name (defaults to the username)')
  .option('--password <password>', 'initial password (default: generated and printed)')
  .action(async (username: string, options: { role: string; unit: string; name?: string; password?: string }) => {
    if (!(ROLES as readonly string[]).includes(options.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
    const { database } = await openAndMigrate(configFromEnv());
    try {
      const created = await addUserFromCli(database.db, { username, role: options.role as Role, unitCode: options.unit, displayName: options.name, password: options.password });
      console.log(`added ${created.username} (${options.role}) in ${created.unitName}; initial password: ${created.password}`);
    } finally {
      await database.close();
    }
  });

program
  .command('import [file]')
  .description('import a project ledger (.xlsx or .csv): preview, then all rows in one transaction or none; or undo one with --revert')
  .option('--unit <unit>', 'unit for rows without 所属单位: its code or name (default: the acting user\'s unit)')
  .option('--sheet <name>', 'sheet to read (default: every sheet with a recognisable project header)')
  .option('--year <year>', 'year for dates written without one, when the title does not say', (v) => Number(v))
  .option('--mapping <json|file>', 'JSON, inline or in a file: ledger field → column letter, number or header text, e.g. \'{"name":"B","totalInvestment":"计划总投资(亿元)"}\'; the column keeps the unit its header names')
  .option('--dry-run', 'preview only: report what would be created, updated and refused; write no project')
  .option('--revert <batch>', 'undo a committed import batch as a whole (its number, as the import printed it)', (v) => Number(v))
  .option('--as <username>', 'act as this user (default: the first bureau account)')
  .action(async (file: string | undefined, options: Omit<CliImportOptions, 'file'> & { revert?: number }) => {
    if (options.revert === undefined && !file) program.error('zhaoshang import: name a ledger file, or --revert BATCH');
    if (options.revert !== undefined && !Number.isInteger(options.revert)) program.error('--revert: a batch number, e.g. --revert 12');
    const { database } = await openAndMigrate(configFromEnv());
    try {
      const out = {
        line: (text: string) => process.stdout.write(`${text}\n`),
        progress: (text: string) => process.stderr.write(`\r${text}   `),
      };
      const { revert, ...importOptions } = options;
      process.exitCode =
        revert !== undefined
          ? await revertFromCli(database.db, { batch: revert, as: options.as }, out)
          : await importFromCli(database.db, { file: file!, ...importOptions }, out);
    } finally {
      await database.close();
    }
  });

const enterprisesCommand = program.command('enterprises').description('the enterprise library');
enterprisesCommand
  .command('import [file]')
  .description('import an enterprise list (.xlsx or .csv, GBK or UTF-8) as tier entries: preview, then all rows in one transaction or none; or undo one with --revert')
  .option('--list <code>', 'the list: fortune_global_500, china_500, private_500, industry_leader, little_giant, srdi, high_tech, listed, soe, central_soe, unicorn')
  .option('--year <year>', "the list's year", (v) => Number(v))
  .option('--batch <batch>', 'the batch, e.g. 第五批 (a 批次 column overrides it per row)')
  .option('--dry-run', 'preview only: report the matches and refusals; write nothing')
  .option('--revert <import>', 'undo a committed list import (its number, as the import printed it)', (v) => Number(v))
  .option('--as <username>', 'act as this bureau user (default: the first bureau account)')
  .action(async (file: string | undefined, options: Omit<CliListOptions, 'file'>) => {
    const { database } = await openAndMigrate(configFromEnv());
    try {
      const out = { line: (text: string) => process.stdout.write(`${text}\n`), progress: (text: string) => process.stderr.write(text) };
      process.exitCode = await enterpriseListFromCli(database.db, { ...options, ...(file ? { file } : {}) }, out);
    } finally {
      await database.close();
    }
  });

program
  .command('verify')
  .description('recompute every cockpit card, breakdown and bulletin cell of a period against the records its drill-down lists, and every closed month against its snapshot and corrections; exit 1 on any difference')
  .option('--from <day>', 'the period\'s first day (default: 1 January this year)')
  .option('--to <day>', 'the period\'s last day (default: today)')
  .option('--unit <id>', 'the unit whose subtree is checked (default: the caller\'s own)', (v) => Number(v))
  .option('--as <username>', 'act as this user: a unit\'s account sees and names only its own subtree (default: the first bureau account)')
  .action(async (options: CliVerifyOptions) => {
    const { database } = await openAndMigrate(configFromEnv());
    try {
      const out = { line: (text: string) => process.stdout.write(`${text}\n`), progress: (text: string) => process.stderr.write(text) };
      process.exitCode = await verifyFromCli(database.db, options, out);
    } finally {
      await database.close();
    }
  });

program
  .command('backup <file>')
  .description('write a consistent copy of the embedded database to a file (stop the server first)')
  .action(async (file: string) => {
    const bytes = await backupDatabase(configFromEnv(), file);
    console.log(`backup written to ${file} (${bytes} bytes)`);
  });

program
  .command('restore <file>')
  .description('replace the embedded database with a backup (stop the server first; the old one is kept aside)')
  .action(async (file: string) => {
    const keptAside = await restoreDatabase(configFromEnv(), file);
    console.log(`restored from ${file}${keptAside ? `; the previous database was moved to ${keptAside}` : ''}`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof DataFolderInUse) {
    console.error(`zhaoshang ${running}: refused, nothing was changed: ${error.message}.\nTo go on: ${adviceWhenInUse(running, error)}.`);
    process.exit(1);
  }
  console.error(`zhaoshang: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
