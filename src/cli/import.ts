import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../server/db/client.ts';
import { units, users } from '../server/db/schema.ts';
import type { ServiceContext } from '../server/context.ts';
import { AppError } from '../server/errors.ts';
import { listUnits } from '../server/units/units.service.ts';
import { commitImport, getImportBatch, importProgress, importRows, revertImport, uploadLedger } from '../server/imports/imports.service.ts';
import { readLedgerFile } from '../server/imports/ledger-reader.ts';
import { projectSheets } from '../server/imports/import-preview.ts';
import { matchUnit } from '../domain/unit-matching.ts';
import { detectColumns, LEDGER_FIELDS, normalizeLabel, type LedgerField } from '../domain/ledger-columns.ts';
import { FIELD_NAMES, headerOf, rowLabel } from '../domain/ledger-rows.ts';
import { ERRORS } from '../shared/errors.ts';
import type { Role } from '../domain/roles.ts';
import type { TAmountUnit, TColumnMapping, TImportBatch, TImportRow, TSkippedRow } from '../shared/imports.ts';

/**
 * `zhaoshang import FILE`: the same preview and all-or-nothing commit as the web page, acting as a named user
 * (the first bureau account by default), with a progress line on stderr.
 */
export type CliImportOptions = { file: string; unit?: string; sheet?: string; year?: number; dryRun?: boolean; mapping?: string; as?: string };
export type CliRevertOptions = { batch: number; as?: string };
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

/** 0-based column of a letter ("F", "AA") or a 1-based number; NaN for anything else. */
function columnIndex(column: string | number): number {
  if (typeof column === 'number') return column - 1;
  if (/^\d+$/.test(column)) return Number(column) - 1;
  if (/^[A-Z]{1,3}$/i.test(column)) return [...column.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  return NaN;
}

/** A header's label without its unit in brackets: "计划总投资(亿元)" → "计划总投资". */
const bare = (label: string) => normalizeLabel(label).replace(/\([^)]*\)$/, '');

/**
 * --mapping: JSON, inline or in a file, naming for each ledger field its column — a letter ("F"), a 1-based number
 * (6) or the header's text ("计划总投资(亿元)", or without the bracket). The fields named replace what the import
 * detected; the rest stay as detected. A column keeps the unit its header names (issue 12): that is the reading's.
 */
async function mappingFrom(spec: string, labels: string[]): Promise<TColumnMapping> {
  const text = spec.trim().startsWith('{') ? spec : await readFile(spec, 'utf8');
  let given: Record<string, string | number>;
  try {
    given = JSON.parse(text) as Record<string, string | number>;
  } catch {
    throw new Error(`--mapping: not JSON: ${spec}`);
  }
  const mapping: TColumnMapping = {};
  for (const [field, column] of Object.entries(given)) {
    if (!(LEDGER_FIELDS as readonly string[]).includes(field)) throw new Error(`--mapping: unknown field ${field} (fields: ${LEDGER_FIELDS.join(', ')})`);
    let index = columnIndex(column);
    if (Number.isNaN(index) && typeof column === 'string') {
      const exact = labels.flatMap((label, i) => (normalizeLabel(label) === normalizeLabel(column) ? [i] : []));
      const loose = labels.flatMap((label, i) => (bare(label) === bare(column) ? [i] : []));
      const found = exact.length === 1 ? exact : loose;
      if (found.length !== 1) {
        const named = labels.flatMap((label, i) => (label.trim() ? [`${String.fromCharCode(65 + (i % 26))}“${label}”`] : [])).join('、');
        throw new Error(`--mapping: ${field}: ${found.length > 1 ? `“${column}” names several columns` : `no column headed “${column}”`} (the header: ${named})`);
      }
      index = found[0]!;
    }
    if (!Number.isInteger(index) || index < 0) throw new Error(`--mapping: ${field}: "${column}" is not a column (a letter such as B, a number from 1, or a header's text)`);
    mapping[field as LedgerField] = { index };
  }
  // What the import detected, less the fields and columns the user gave.
  const taken = new Set(Object.values(mapping).map((c) => c!.index));
  const detected = Object.fromEntries(Object.entries(detectColumns(labels)).filter(([field, c]) => !(field in mapping) && !taken.has(c!.index)).map(([field, c]) => [field, { index: c!.index }]));
  return { ...detected, ...mapping };
}

/** The header labels a mapping by name reads: of the sheet chosen, or the one sheet with a project header (or the first). */
async function headerLabelsOf(file: Buffer, sheet: string | undefined): Promise<string[]> {
  // A file that cannot be read is refused by the upload that follows, in its own words.
  const sheets = await readLedgerFile(file).catch(() => []);
  if (sheets.length === 0) return [];
  const chosen = sheet ? sheets.filter((s) => s.name === sheet) : projectSheets(sheets, undefined);
  if (chosen.length > 1) throw new Error(`--mapping names one sheet's columns; add --sheet (project sheets: ${chosen.map((s) => s.name).join(', ')})`);
  return chosen.length === 1 ? (headerOf(chosen[0]!.rows, true)?.labels ?? []) : [];
}

const column = (index: number) => {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
};

const SOURCE_WORDS: Record<TAmountUnit['source'], string> = {
  mapping: '按指定',
  header: '按表头注明',
  sheet: '按表上“单位：”注明',
  assumed: '表头和表上均未注明单位，假定为万元；如不是，请在表头注明单位（如“总投资（亿元）”）后重新导入',
};

/** "总投资（F列“计划总投资(亿元)”）：亿元，按表头注明" — per amount column, the unit it is read in and why (issue 12). */
export function describeAmountUnit(unit: TAmountUnit): string {
  const where = `${FIELD_NAMES[unit.field]}（${column(unit.index)}列${unit.label ? `“${unit.label}”` : ''}）`;
  if (unit.currency) return `${where}：外币（${unit.currency}），此列金额不导入：系统金额以人民币计，请换算为万元后导入`;
  return `${where}：${unit.unit}，${SOURCE_WORDS[unit.source]}`;
}

const SKIPPED_WORDS: Record<TSkippedRow['kind'], string> = {
  title: '表头以上的标题、单位或日期行',
  section: '分类行（如“一、工业项目”）',
  total: '合计或小计行',
  note: '备注、填报人等说明行',
};

/** The preview as the CLI prints it: counts, sheets read and not, amount units, then every warning and passed-over row. */
async function printPreview(ctx: ServiceContext, batch: TImportBatch, out: Out): Promise<void> {
  const c = batch.counts;
  const names = batch.sheetsRead.length > 0 ? batch.sheetsRead.map((s) => `“${s.name}”`).join('、') : `“${batch.sheet}”`;
  out.line(`批次 #${batch.id} 工作表${names}：新增 ${c.create}，更新 ${c.update}，无变化 ${c.unchanged}，拒绝 ${c.refused}，跳过 ${c.skipped}`);
  const several = batch.sheets.length > 1;
  if (several) {
    for (const s of batch.sheetsRead) out.line(`  工作表“${s.name}”：表头在第${s.headerRow}行，项目 ${s.projectRows} 行`);
    const unread = batch.sheets.filter((s) => !batch.sheetsRead.some((r) => r.name === s.name));
    const why = (s: TImportBatch['sheets'][number]) => (batch.sheetChosen ? '未选择' : s.hidden ? '隐藏的工作表；如需导入，请用 --sheet 选择' : '没有“项目名称”等项目表头');
    for (const reason of new Set(unread.map(why))) out.line(`未读取的工作表：${unread.filter((s) => why(s) === reason).map((s) => `“${s.name}”`).join('、')}（${reason}）`);
  }
  for (const s of batch.sheetsRead) for (const unit of s.amountUnits) out.line(`金额单位 ${several ? `工作表“${s.name}” ` : ''}${describeAmountUnit(unit)}`);
  // Every row in one read: the stored rows are one document, which a page at a time would read again per page.
  const total = c.create + c.update + c.unchanged + c.refused;
  const rows: TImportRow[] = total > 0 ? (await importRows(ctx, batch.id, { page: 1, pageSize: total })).items : [];
  for (const row of rows) for (const warning of row.warnings) out.line(`提示 ${warning}`);
  // Industry words not on the city's list (issue 12): once each, not on every row.
  for (const { word, rows: count } of batch.unknownIndustries ?? []) {
    out.line(`提示 所属行业 '${word}'（${count}行）不在本市产业清单中：已照原样记为本市产业，未对应国民经济行业代码；可由招商局在“本市产业”清单中添加`);
  }
  for (const row of batch.skippedRows) out.line(`跳过 ${rowLabel(several ? row : { rowNumber: row.rowNumber })}：${SKIPPED_WORDS[row.kind]}`);
  for (const row of rows) for (const problem of row.problems) out.line(problem);
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
      mapping: options.mapping ? await mappingFrom(options.mapping, await headerLabelsOf(content, options.sheet)) : undefined,
    });
    const c = batch.counts;
    await printPreview(ctx, batch, out);
    if (batch.problem) {
      out.line(batch.problem);
      return 1;
    }
    if (c.refused > 0) {
      out.line(`有 ${c.refused} 行被拒绝，未导入任何数据。改正后重新导入（网页上可下载带错误信息的文件）。`);
      return 1;
    }
    if (options.dryRun) {
      out.line('试运行（--dry-run）：未写入任何数据。');
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
    out.line(`已导入：批次 #${batch.id}（可在“台账导入”页面整批撤销，或 zhaoshang import --revert ${batch.id}）`);
    return 0;
  } catch (error) {
    out.line(`导入失败：${message(error)}`);
    return 1;
  }
}

/**
 * `zhaoshang import --revert BATCH`: undoes a committed import as a whole, as the web page's 撤销 does — or says why
 * not: not imported, already reverted (its projects gone with it), or projects changed or deleted since.
 */
export async function revertFromCli(db: Db, options: CliRevertOptions, out: Out, now = () => new Date()): Promise<number> {
  const caller = await callerOf(db, options.as);
  const ctx: ServiceContext = { db, caller, requestId: 'cli', now: now() };
  try {
    const batch = await getImportBatch(ctx, options.batch);
    if (batch.status === 'reverted') {
      out.line(`批次 #${batch.id}（${batch.fileName}）已于 ${batch.revertedAt!.slice(0, 10)} 撤销：其导入的项目已不在系统中，无需再次撤销。`);
      return 1;
    }
    if (batch.status === 'previewed') {
      out.line(`批次 #${batch.id}（${batch.fileName}）只预览过，尚未导入：没有可撤销的内容。`);
      return 1;
    }
    const reverted = await revertImport(ctx, options.batch);
    const c = reverted.counts;
    out.line(`已撤销：批次 #${reverted.id}（${reverted.fileName}），删除新增的 ${c.create} 个项目，还原更新的 ${c.update} 个项目。`);
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'notFound') out.line(`撤销失败：没有批次 #${options.batch}，或它不在此用户的单位范围内（可用 --as 指定用户）。`);
    else out.line(`撤销失败：${message(error)}`);
    return 1;
  }
}
