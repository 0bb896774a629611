import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../server/db/client.ts';
import { units, users } from '../server/db/schema.ts';
import type { ServiceContext } from '../server/context.ts';
import { AppError } from '../server/errors.ts';
import { listUnits } from '../server/units/units.service.ts';
import { commitImport, importProgress, importRows, uploadLedger } from '../server/imports/imports.service.ts';
import { matchUnit } from '../domain/unit-matching.ts';
import { LEDGER_FIELDS, type LedgerField } from '../domain/ledger-columns.ts';
import { ERRORS } from '../shared/errors.ts';
import type { Role } from '../domain/roles.ts';
import type { TColumnMapping } from '../shared/imports.ts';

/**
 * `zhaoshang import FILE`: the same preview and all-or-nothing commit as the web page, acting as a named user
 * (the first bureau account by default), with a progress line on stderr.
 */
export type CliImportOptions = { file: string; unit?: string; sheet?: string; year?: number; dryRun?: boolean; mapping?: string; as?: string };
export type Out = { line(text: string): void; progress(text: string): void };

async function callerOf(db: Db, username: string | undefined): Promise<ServiceContext['caller']> {
  const rows = await db
    .select({ id: users.id, username: users.username, role: users.role, unitId: users.unitId, unitPath: units.path, departmentId: users.departmentId })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(username ? eq(users.username, username) : eq(users.role, 'bureau'))
    .orderBy(asc(users.id))
    .limit(1);
  const user = rows[0];
  if (!user) throw new Error(username ? `no user named ${username}` : 'no bureau account to act as; name one with --as');
  return { userId: user.id, username: user.username, role: user.role as Role, unitId: user.unitId, unitPath: user.unitPath, departmentId: user.departmentId };
}

/** --mapping: a JSON file naming, for each ledger field, its column as a letter ("B") or a 1-based number. */
async function mappingFrom(file: string): Promise<TColumnMapping> {
  const given = JSON.parse(await readFile(file, 'utf8')) as Record<string, string | number>;
  const mapping: TColumnMapping = {};
  for (const [field, column] of Object.entries(given)) {
    if (!(LEDGER_FIELDS as readonly string[]).includes(field)) throw new Error(`--mapping: unknown field ${field} (fields: ${LEDGER_FIELDS.join(', ')})`);
    const index = typeof column === 'number' ? column - 1 : /^[A-Z]+$/i.test(column) ? [...column.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1 : NaN;
    if (!Number.isInteger(index) || index < 0) throw new Error(`--mapping: ${field}: "${column}" is not a column (a letter such as B, or a number from 1)`);
    mapping[field as LedgerField] = { index };
  }
  return mapping;
}

function message(error: unknown): string {
  if (error instanceof AppError) {
    let text: string = ERRORS[error.code].zh;
    for (const [key, value] of Object.entries(error.options.params ?? {})) text = text.replace(`{${key}}`, value);
    return text.replace('{field}', error.options.field ?? '');
  }
  return error instanceof Error ? error.message : String(error);
}

/** Runs an import; resolves to the process exit code (0 imported or previewed clean, 1 refused). */
export async function importFromCli(db: Db, options: CliImportOptions, out: Out, now = () => new Date()): Promise<number> {
  const caller = await callerOf(db, options.as);
  const ctx: ServiceContext = { db, caller, requestId: 'cli', now: now() };
  let unitId: number | undefined;
  if (options.unit) {
    const scope = await listUnits(ctx);
    const byCode = scope.find((u) => u.code === options.unit);
    const match = byCode ? { ok: true as const, unitId: byCode.id } : matchUnit(options.unit, scope);
    if (!match.ok) throw new Error(`--unit ${options.unit}: ${match.problem === 'ambiguousUnit' ? `fits several units (${match.candidates.join('、')})` : 'no such unit in your scope'}`);
    unitId = match.unitId;
  }
  const content = await readFile(options.file);
  out.progress(`读取 ${basename(options.file)} …`);
  try {
    const batch = await uploadLedger(ctx, { fileName: basename(options.file), content }, {
      unitId,
      sheet: options.sheet,
      year: options.year,
      mapping: options.mapping ? await mappingFrom(options.mapping) : undefined,
    });
    const c = batch.counts;
    out.line(`批次 #${batch.id} 工作表“${batch.sheet}”:新增 ${c.create},更新 ${c.update},无变化 ${c.unchanged},拒绝 ${c.refused},跳过 ${c.skipped}`);
    if (batch.problem) {
      out.line(batch.problem);
      return 1;
    }
    if (c.refused > 0) {
      const refused = await importRows(ctx, batch.id, { action: 'refused', page: 1, pageSize: 500 });
      for (const row of refused.items) for (const problem of row.problems) out.line(problem);
      out.line(`有 ${c.refused} 行被拒绝,未导入任何数据。改正后重新导入(网页上可下载带错误信息的文件)。`);
      return 1;
    }
    if (options.dryRun) {
      out.line('试运行(--dry-run):未写入任何数据。');
      return 0;
    }
    const timer = setInterval(() => {
      const p = importProgress(batch.id);
      if (p.phase === 'writing') out.progress(`写入 ${p.done}/${p.total}`);
      else if (p.phase === 'checking') out.progress(`检查 ${p.done}/${p.total}`);
    }, 200);
    try {
      await commitImport({ ...ctx, now: now() }, batch.id);
    } finally {
      clearInterval(timer);
    }
    out.line(`已导入:批次 #${batch.id}(可在“台账导入”页面整批撤销)`);
    return 0;
  } catch (error) {
    out.line(`导入失败:${message(error)}`);
    return 1;
  }
}
