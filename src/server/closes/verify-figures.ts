import { inArray } from 'drizzle-orm';
import { projects, stageVerifications } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { breakdown, cockpit, records } from '../cockpit/cockpit.service.ts';
import { monthlyBulletin } from '../bulletin/bulletin.service.ts';
import { metricScope, metricTotals, metricsByKeys } from '../metrics/metrics.service.ts';
import { listUnits } from '../units/units.service.ts';
import { activeDeadlineRules } from '../deadlines/deadlines.service.ts';
import { activeVerificationSettings } from '../verification/verification.service.ts';
import { projectColumns, stageEventsOf } from '../projects/stages.service.ts';
import { closedFigures, correctionsOfYear, listCloses } from './closes.service.ts';
import { daysInMonth } from '../../domain/calendar.ts';
import { isSummable, METRICS, type Period } from '../../domain/metrics.ts';
import { AppError } from '../errors.ts';
import type { TBreakdownDimension } from '../../shared/cockpit.ts';

/**
 * `zhaoshang verify` (issue 17, "every figure proves itself"): for a period, every cockpit card, every breakdown row and
 * every bulletin cell is recomputed through the services that show it and checked against the sum of the records its
 * drill-down lists; every closed month is checked against its snapshot, a difference being explained only by the
 * corrections listed against it; and every project's stored stage fold against its stage history. No figure is
 * computed here a second way: the services are the figures, the drill-down is the records. Everything runs as the
 * caller, so a unit's run sees and names only its own subtree.
 */

export type VerifyFinding = { kind: 'difference' | 'explained'; figure: string; expected: number | string; actual: number | string; note?: string };
/** `modes`: the 统计口径 the figures were checked in — both where the bureau verifies stage changes (issue 17). */
export type VerifyReport = { checked: number; findings: VerifyFinding[]; modes: ('reported' | 'confirmed')[] };

const MODE_WORDS = { reported: '按报送', confirmed: '按核实' } as const;
const STAGE_DATE = { signed: 'signedOn', registered: 'registeredOn', started: 'startedOn', producing: 'producingOn', inStats: 'inStatsOn' } as const;
const STAGE_WORDS = { signed: '签约', registered: '注册', started: '开工', producing: '投产', inStats: '入统' } as const;

const DIMENSIONS: TBreakdownDimension[] = ['unit', 'industry', 'region', 'stage', 'chain'];

/** Sums compared in hundredths: a split credit's share (0.3 of a project) adds up exactly, as the figures' SQL does. */
const same = (a: number, b: number) => Math.round(a * 100) === Math.round(b * 100);
const sumOf = (items: { contribution: number }[]) => items.reduce((total, r) => total + Math.round(r.contribution * 100), 0) / 100;

export async function verifyFigures(ctx: ServiceContext, query: { from: string; to: string; unitId?: number }, progress: (text: string) => void = () => {}): Promise<VerifyReport> {
  const verification = await activeVerificationSettings(ctx.db);
  // 统计口径 (issue 17): where the bureau verifies stage changes, every card and breakdown is checked as reported and as
  // confirmed (the cockpit shows either, or both side by side); otherwise as the figures count. The 待甄别 hold-out
  // applies as the bureau set it, in every mode: it is in the counting rules every service reads.
  const modes: ('reported' | 'confirmed')[] = verification.rules.length > 0 ? ['reported', 'confirmed'] : [verification.confirmedOnly ? 'confirmed' : 'reported'];
  const report: VerifyReport = { checked: 0, findings: [], modes };
  const check = (figure: string, expected: number, actual: number, note?: string) => {
    report.checked += 1;
    if (!same(expected, actual)) report.findings.push({ kind: 'difference', figure, expected, actual, ...(note ? { note } : {}) });
  };
  const scope = await metricScope(ctx, query.unitId, { from: query.from, to: query.to });
  const where = `${scope.unitName} ${query.from}…${query.to}`;
  const summable = METRICS.filter(isSummable);

  for (const mode of modes) {
    // Named by mode only where there are two: a city that verifies nothing reads as before.
    const m = modes.length > 1 ? `${MODE_WORDS[mode]} ` : '';
    const counting = modes.length > 1 ? { counting: mode } : {};
    // 1. Cockpit cards against their drill-downs.
    progress(`${m}驾驶舱指标`);
    const cards = await cockpit(ctx, { from: query.from, to: query.to, unitId: scope.unit.id, ...counting });
    for (const card of cards.kpis.filter((k) => k.summable)) {
      const listed = await records(ctx, { from: query.from, to: query.to, unitId: scope.unit.id, key: card.key, ...counting });
      check(`${m}驾驶舱 ${card.name.zh}（${where}）`, card.value, sumOf(listed.items), '明细合计');
    }

    // 2. Breakdowns: their rows add up to the card, each row to its own drill-down.
    for (const metric of summable) {
      progress(`${m}分组 ${metric.name.zh}`);
      const card = cards.kpis.find((k) => k.key === metric.key)!;
      for (const by of DIMENSIONS) {
        let table;
        try {
          table = await breakdown(ctx, { from: query.from, to: query.to, unitId: scope.unit.id, key: metric.key, by, ...counting });
        } catch (error) {
          if (error instanceof AppError) continue; // a dimension the metric has none of (a trip has no industry)
          throw error;
        }
        check(`${m}分组 ${metric.name.zh} 按${by}（${where}）`, card.value, table.value, '分组总数');
        // Distinct enterprises visited do not add up across rows: one visited by two units counts once in the whole.
        const additive = !(metric.spec.kind === 'visits' && metric.spec.measure === 'enterprises');
        if (additive) check(`${m}分组 ${metric.name.zh} 按${by}（${where}）`, table.value, table.rows.reduce((t, r) => t + Math.round(r.value * 100), 0) / 100, '各组之和');
        if (by !== 'unit') continue;
        for (const row of table.rows) {
          const listed = await records(ctx, { from: query.from, to: query.to, unitId: scope.unit.id, key: metric.key, by, group: row.group, ...counting });
          check(`${m}分组 ${metric.name.zh} ${row.label.zh}（${where}）`, row.value, sumOf(listed.items), '明细合计');
        }
      }
    }
  }

  // 3. Bulletin cells of the period's last month (open months: closed ones are checked against their snapshot below).
  const [year, month] = [Number(query.to.slice(0, 4)), Number(query.to.slice(5, 7))];
  progress('通报');
  const bulletin = await monthlyBulletin(ctx, { year, month, unitId: scope.unit.id, listSize: 3 });
  if (!bulletin.closedAt) {
    const fromJanuary = { from: `${year}-01-01`, to: `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}` };
    for (const item of bulletin.items) {
      check(`通报 ${year}年${month}月 ${item.name.zh}（${bulletin.unitName}）`, item.value, item.units.reduce((t, u) => t + Math.round(u.value * 100), 0) / 100, '各单位之和');
      for (const row of item.units) {
        const listed = await records(ctx, { ...fromJanuary, unitId: row.own ? scope.unit.id : row.unitId, key: item.metricKey, ...(row.own ? { by: 'unit' as const, group: 'self' } : {}) });
        check(`通报 ${year}年${month}月 ${item.name.zh} ${row.unitName}`, row.value, sumOf(listed.items), '明细合计');
      }
    }
  }

  // 4. Closed months of the period's years against their snapshots, differences explained only by corrections.
  const units = (await listUnits(ctx)).filter((u) => u.path.startsWith(scope.unit.path));
  const years = new Set([Number(query.from.slice(0, 4)), year]);
  for (const close of (await listCloses(ctx)).filter((c) => years.has(c.year))) {
    progress(`关账 ${close.year}年${close.month}月`);
    const kept = (await closedFigures(ctx.db, close.year, close.month))!.figures;
    const corrected = (await correctionsOfYear(ctx, close.year)).filter((c) => c.closedMonth <= `${close.year}-${String(close.month).padStart(2, '0')}`);
    const period: Period = { from: `${close.year}-01-01`, to: `${close.year}-${String(close.month).padStart(2, '0')}-${String(daysInMonth(close.year, close.month)).padStart(2, '0')}` };
    for (const unit of units) {
      const snapshot = kept.units[String(unit.id)];
      if (!snapshot) continue;
      const keys = metricsByKeys(Object.keys(snapshot.now).join(','));
      const live = await metricTotals(ctx, keys, await metricScope(ctx, unit.id, period));
      const explaining = corrected.filter((c) => c.unitPath.startsWith(unit.path)).length;
      keys.forEach((metric, i) => {
        const figure = `关账 ${close.year}年${close.month}月 ${metric.name.zh}（${unit.name}）`;
        const [expected, actual] = [snapshot.now[metric.key] ?? 0, live[i] ?? 0];
        report.checked += 1;
        if (same(expected, actual)) return;
        if (explaining > 0) report.findings.push({ kind: 'explained', figure, expected, actual, note: `${explaining} 条更正` });
        else report.findings.push({ kind: 'difference', figure, expected, actual, note: '快照与记录不符且无更正' });
      });
    }
  }

  // 5. Every project's stored stage fold (the columns figures count by) against its stage history.
  progress('项目阶段');
  const inScope = await ctx.db.select().from(projects).where(inArray(projects.unitId, units.map((u) => u.id)));
  const histories = await stageEventsOf(ctx.db, inScope.map((p) => p.id));
  const rules = await activeDeadlineRules(ctx.db);
  for (const project of inScope) {
    const folded = projectColumns(histories.get(project.id) ?? [], rules);
    for (const field of ['stage', 'signedOn', 'registeredOn', 'startedOn', 'producingOn', 'inStatsOn'] as const) {
      report.checked += 1;
      if (folded[field] !== project[field]) {
        const name = project.codeName && project.unitId !== ctx.caller.unitId ? project.codeName : project.name;
        report.findings.push({ kind: 'difference', figure: `项目 #${project.id} ${name} ${field}`, expected: String(folded[field]), actual: String(project[field]), note: '与阶段记录不符' });
      }
    }
  }

  // 6. 核实 records (issue 17), which the confirmed figures count by: each one's state is the last of its steps, and a
  // change still waiting is on a stage the project has reached (a revoked change is withdrawn, not left waiting).
  if (modes.includes('confirmed')) {
    progress('核实记录');
    const inScopeIds = new Map(inScope.map((p) => [p.id, p]));
    const rows = inScope.length === 0 ? [] : await ctx.db.select().from(stageVerifications).where(inArray(stageVerifications.projectId, [...inScopeIds.keys()]));
    for (const row of rows) {
      const project = inScopeIds.get(row.projectId)!;
      const name = project.codeName && project.unitId !== ctx.caller.unitId ? project.codeName : project.name;
      const stage = row.stage as keyof typeof STAGE_DATE;
      const figure = `按核实 核实记录 #${row.id} ${name} ${STAGE_WORDS[stage]}`;
      const last = (row.steps as { status: string }[]).at(-1)?.status ?? '';
      report.checked += 1;
      if (last !== row.status) report.findings.push({ kind: 'difference', figure, expected: last, actual: row.status, note: '与核实步骤不符' });
      const waiting = row.status === 'reported' || row.status === 'rejected';
      report.checked += 1;
      if (waiting && project[STAGE_DATE[stage]] === null) report.findings.push({ kind: 'difference', figure, expected: 'withdrawn', actual: row.status, note: '阶段已不在项目记录中' });
    }
  }
  return report;
}
