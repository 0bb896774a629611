import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../server/db/client.ts';
import { units, users } from '../server/db/schema.ts';
import type { ServiceContext } from '../server/context.ts';
import { AppError } from '../server/errors.ts';
import { errorBody } from '../shared/errors.ts';
import { TIER_LIST_CODES, TIER_LISTS, type TierList } from '../domain/enterprise-tiers.ts';
import type { Role } from '../domain/roles.ts';
import {
  commitEnterpriseList,
  enterpriseListErrorsWorkbook,
  enterpriseListProgress,
  previewEnterpriseList,
  revertEnterpriseList,
} from '../server/enterprises/enterprise-lists.service.ts';
import { FACT_LABELS } from '../server/enterprises/enterprise-list-facts.ts';
import type { TEnterpriseListImport } from '../shared/enterprise-lists.ts';

/**
 * `zhaoshang enterprises import FILE --list little_giant --year 2024 [--batch 第五批]`: the web page's preview and
 * all-or-nothing commit of an enterprise list (issue 13), acting as the first bureau account (or --as), with a
 * progress bar on stderr and the preview's refusals printed. `--revert N` undoes import N.
 */
export type CliListOptions = { file?: string; list?: string; year?: number; batch?: string; dryRun?: boolean; revert?: number; as?: string };
export type Out = { line(text: string): void; progress(text: string): void };

async function callerOf(db: Db, username: string | undefined): Promise<ServiceContext['caller']> {
  const [user] = await db
    .select({ id: users.id, username: users.username, role: users.role, unitId: users.unitId, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(username ? eq(users.username, username) : eq(users.role, 'bureau'))
    .orderBy(asc(users.id))
    .limit(1);
  if (!user) throw new Error(username ? `no user named ${username}` : 'no bureau account to act as; name one with --as');
  return { userId: user.id, username: user.username, role: user.role as Role, unitId: user.unitId, unitPath: user.unitPath };
}

/** A text progress bar: "[██████░░░░░░░░░░░░░░]  30% 30,000/100,000 写入". */
export function progressBar(done: number, total: number, label: string, width = 24): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${label}`;
}

function report(result: TEnterpriseListImport, out: Out): void {
  const s = result.summary;
  out.line(`名单导入 #${result.id} ${result.fileName}: ${result.year} ${TIER_LISTS[result.list].zh}${result.batch ? ` ${result.batch}` : ''} (${result.status})`);
  out.line(`  ${s.rows} 行 rows: 按代码匹配 by code ${s.byCode}, 按名称匹配 by name ${s.byName}, 新增 new ${s.new}, 已在榜 already on the list ${s.alreadyOnList}, 拒绝 refused ${s.refused}`);
  for (const c of result.columns) {
    if (c.column === null) out.line(`  列 column “${c.label}”: 未读取 not read`);
    else if (c.counts) {
      const k = c.counts;
      const label = FACT_LABELS[c.column as keyof typeof FACT_LABELS];
      out.line(`  列 column “${c.label}” (${label.zh} ${label.en}): 写入 write ${k.write}, 已有 kept ${k.same}, 不同 differ ${k.differ}, 拒绝 refused ${k.refused}`);
    }
  }
  for (const r of result.refusals) out.line(`  拒绝 ${r.message['zh-CN']} / ${r.message.en}`);
  for (const i of result.factIssues) out.line(`  ${i.kind === 'refused' ? '未写入' : '不同'} ${i.message['zh-CN']} / ${i.message.en}`);
  const more = result.summary.factsRefused + result.summary.factsDiffering - result.factIssues.length;
  if (more > 0) out.line(`  …另有 ${more} 项 / ${more} more`);
}

/** Writes the error file next to the list ("名单-原因.xlsx") and says where. */
async function saveErrorFile(ctx: ServiceContext, result: TEnterpriseListImport, listPath: string, out: Out): Promise<void> {
  if (!result.errorFileUrl) return;
  const file = await enterpriseListErrorsWorkbook(ctx, result.id);
  const path = join(dirname(listPath), file.fileName);
  await writeFile(path, file.content);
  out.line(`  错误文件 error file (原因 column): ${path}`);
}

export async function enterpriseListFromCli(db: Db, options: CliListOptions, out: Out): Promise<number> {
  const ctx: ServiceContext = { db, caller: await callerOf(db, options.as), requestId: null, now: new Date() };
  try {
    if (options.revert !== undefined) {
      const reverted = await revertEnterpriseList(ctx, options.revert);
      out.line(`撤销了名单导入 #${reverted.id} / reverted list import #${reverted.id}`);
      return 0;
    }
    if (!options.file) throw new Error('name a list file, or --revert N');
    if (!options.list || !(TIER_LIST_CODES as readonly string[]).includes(options.list)) throw new Error(`--list must be one of ${TIER_LIST_CODES.join(', ')}`);
    if (!Number.isInteger(options.year)) throw new Error('--year: a year, e.g. --year 2024');
    out.progress(`读取 ${basename(options.file)} …`);
    const content = await readFile(options.file);
    const preview = await previewEnterpriseList(
      ctx,
      { fileName: basename(options.file), content },
      { list: options.list as TierList, year: options.year!, ...(options.batch ? { batch: options.batch } : {}) },
    );
    out.progress('\n');
    report(preview, out);
    await saveErrorFile(ctx, preview, options.file, out);
    if (preview.summary.refused > 0) {
      out.line('有被拒绝的行，未写入任何数据 / rows are refused; nothing was written');
      return 1;
    }
    if (options.dryRun) return 0;
    const timer = setInterval(() => {
      const p = enterpriseListProgress(preview.id);
      if (p.phase === 'writing' || p.phase === 'done') out.progress(`\r${progressBar(p.done, p.total, '写入 writing')}`);
    }, 200);
    let committed: TEnterpriseListImport;
    try {
      committed = await commitEnterpriseList(ctx, preview.id);
    } finally {
      clearInterval(timer);
    }
    out.progress(`\r${progressBar(1, 1, '完成 done')}\n`);
    out.line(`导入完成 / imported: ${committed.createdTiers} 条榜单记录 tier entries, ${committed.createdEnterprises} 家新企业 new enterprises (撤销 revert: --revert ${committed.id})`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      const body = errorBody(error.code, error.options);
      out.line(`${body.error.message['zh-CN']} / ${body.error.message.en}`);
      return 1;
    }
    throw error;
  }
}
