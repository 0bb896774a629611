import { asc, eq } from 'drizzle-orm';
import type { Db } from '../server/db/client.ts';
import { units, users } from '../server/db/schema.ts';
import type { ServiceContext } from '../server/context.ts';
import { verifyFigures } from '../server/closes/verify-figures.ts';
import { sourceRegionDifferences } from '../server/heatmap/source-region-check.ts';
import { chinaToday } from '../domain/calendar.ts';
import type { Role } from '../domain/roles.ts';

export type CliVerifyOptions = { from?: string; to?: string; unit?: number; as?: string };
export type Out = { line(text: string): void; progress(text: string): void };

/** Who the run acts as: a named user (a unit's run sees only its subtree), else the first bureau account. */
async function callerOf(db: Db, username: string | undefined): Promise<ServiceContext['caller']> {
  const [user] = await db
    .select({ id: users.id, username: users.username, role: users.role, unitId: users.unitId, unitPath: units.path, departmentId: users.departmentId })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(username ? eq(users.username, username) : eq(users.role, 'bureau'))
    .orderBy(asc(users.id))
    .limit(1);
  if (!user) throw new Error(username ? `no user named ${username}` : 'no bureau account to act as; name one with --as');
  return { userId: user.id, username: user.username, role: user.role as Role, unitId: user.unitId, unitPath: user.unitPath, departmentId: user.departmentId };
}

/**
 * `zhaoshang verify`: recomputes every figure of the period and prints each difference; 0 when every figure proves
 * itself (differences a listed correction explains are printed, and pass), 1 otherwise.
 */
export async function verifyFromCli(db: Db, options: CliVerifyOptions, out: Out, now = () => new Date()): Promise<number> {
  const today = chinaToday(now());
  const from = options.from ?? `${today.slice(0, 4)}-01-01`;
  const to = options.to ?? today;
  const ctx: ServiceContext = { db, caller: await callerOf(db, options.as), requestId: 'cli-verify', now: now() };
  const report = await verifyFigures(ctx, { from, to, ...(options.unit ? { unitId: options.unit } : {}) }, (text) => out.progress(`\r核对 ${text}…   `));
  out.progress('\n');
  // 统计口径 (issue 17): where the bureau verifies stage changes, each figure was checked as reported and as confirmed.
  if (report.modes.length > 1) out.line(`统计口径：按报送、按核实，各核对一遍`);
  for (const f of report.findings) {
    const mark = f.kind === 'difference' ? '差异' : '已更正';
    out.line(`${mark}  ${f.figure}：应为 ${f.expected}，实为 ${f.actual}${f.note ? `（${f.note}）` : ''}`);
  }
  // The heat map's stored source region (issue 15): every enterprise's equals what its group tree gives, abroad included.
  const regions = await sourceRegionDifferences(db);
  for (const r of regions) out.line(`差异  企业“${r.name}”（#${r.id}）投资来源地：应为 ${r.expected ?? '未知'}，实为 ${r.stored ?? '未知'}`);
  const differences = report.findings.filter((f) => f.kind === 'difference').length + regions.length;
  out.line(differences === 0 ? `核对 ${report.checked} 项，全部相符` : `核对 ${report.checked} 项，${differences} 项不符`);
  return differences === 0 ? 0 : 1;
}
