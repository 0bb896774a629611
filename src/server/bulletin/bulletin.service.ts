import type { ServiceContext } from '../context.ts';
import { listUnits } from '../units/units.service.ts';
import { metricBreakdown, metricScope, metricsByKeys, metricTotals } from '../metrics/metrics.service.ts';
import { targetsOfUnits } from '../targets/targets.service.ts';
import { bulletinSentence, bulletinSentenceEn, completionPercent, percentShown, periodText, periodTextEn, ranksDescending, topAndBottom, type BulletinFigure } from '../../domain/bulletin.ts';
import { daysInMonth } from '../../domain/calendar.ts';
import { metric, type MetricDefinition, type Period } from '../../domain/metrics.ts';
import { closedFigures, correctionsFor } from '../closes/closes.service.ts';
import type { TClosedFigures } from '../../shared/closes.ts';
import type { TBulletin } from '../../shared/bulletin.ts';
import { keptChainSection, liveChainSection } from './bulletin-chains.ts';

/** Metrics a bulletin reports when the unit has no targets for the year. */
const DEFAULT_METRICS = ['signedCount', 'signedContractYuan', 'startedCount', 'startedInvestmentYuan', 'fundsArrivedDomesticYuan'];

function sentences(input: Parameters<typeof bulletinSentence>[0], en: { scope: string; metric: string }) {
  return { sentence: bulletinSentence(input), sentenceEn: bulletinSentenceEn({ ...input, ...en }) };
}

function figure(key: string, value: number): BulletinFigure {
  const definition = metric(key);
  if (definition.unit === 'usd') return { kind: 'usd', usd: value };
  if (definition.unit === 'yuan') return { kind: 'amount', yuan: value };
  return { kind: 'count', count: value, measure: definition.measure ?? '个' };
}

/** 1 January to the month's end, this year and the same months last year. */
function periods(year: number, month: number) {
  const end = (y: number) => `${y}-${String(month).padStart(2, '0')}-${String(daysInMonth(y, month)).padStart(2, '0')}`;
  return { current: { from: `${year}-01-01`, to: end(year) }, lastYear: { from: `${year - 1}-01-01`, to: end(year - 1) } };
}

/**
 * What a bulletin is written from: the unit, its children, their targets and figures. Live for an open month;
 * for a closed month, the figures kept when it was closed (so it reproduces exactly, whatever changed since).
 */
type BulletinFigures = {
  children: { id: number; name: string }[];
  targetOf(unitId: number, key: string): number | null;
  targetKeys: string[];
  /** `own`: the unit's own records (本级), not in any sub-unit; `heldOut*`: what the 待甄别 projects would add (issue 17). */
  values(keys: MetricDefinition[]): Promise<{ now: number[]; lastYear: number[]; byChild: Map<number, number[]>; own: number[]; heldOut: number[]; heldOutByChild: Map<number, number[]>; heldOutOwn: number[] }>;
};

const difference = (all: number[], counted: number[]) => all.map((v, i) => v - (counted[i] ?? 0));

async function liveFigures(ctx: ServiceContext, scope: Awaited<ReturnType<typeof metricScope>>, year: number, lastYear: Period): Promise<BulletinFigures> {
  const children = (await listUnits(ctx)).filter((u) => u.parentId === scope.unit.id);
  const targets = await targetsOfUnits(ctx, year, [scope.unit.id, ...children.map((u) => u.id)]);
  return {
    children,
    targetOf: (unitId, key) => targets.get(unitId)?.get(key) ?? null,
    targetKeys: [...(targets.get(scope.unit.id)?.keys() ?? [])],
    async values(keys) {
      // The sub-units' cells and the unit's figure from one statement: the figure is the rollup of the cells (issue 19).
      const [{ total: now, groups: byChild }, before] = await Promise.all([metricBreakdown(ctx, keys, scope, 'unit'), metricTotals(ctx, keys, { ...scope, period: lastYear })]);
      const zeros = (values: (number | null)[] | undefined) => keys.map((_, i) => values?.[i] ?? 0);
      const counted = {
        now: zeros(now),
        lastYear: zeros(before),
        byChild: new Map(children.map((u) => [u.id, zeros(byChild.get(String(u.id)))])),
        own: zeros(byChild.get('')),
      };
      if (!scope.rules.holdOutUnderReview) return { ...counted, heldOut: keys.map(() => 0), heldOutByChild: new Map(), heldOutOwn: keys.map(() => 0) };
      // The same figures with the pairs under review counted: the difference is what waits for 甄别.
      const all = { ...scope, rules: { ...scope.rules, holdOutUnderReview: false } };
      const { total: allNow, groups: allByChild } = await metricBreakdown(ctx, keys, all, 'unit');
      return {
        ...counted,
        heldOut: difference(zeros(allNow), counted.now),
        heldOutByChild: new Map(children.map((u) => [u.id, difference(zeros(allByChild.get(String(u.id))), counted.byChild.get(u.id)!)])),
        heldOutOwn: difference(zeros(allByChild.get('')), counted.own),
      };
    },
  };
}

function keptFigures(kept: TClosedFigures, unitId: number): BulletinFigures {
  const units = Object.entries(kept.units).map(([id, u]) => ({ id: Number(id), ...u }));
  const children = units.filter((u) => u.parentId === unitId);
  const of = (id: number) => kept.units[String(id)];
  return {
    children,
    targetOf: (id, key) => of(id)?.targets[key] ?? null,
    targetKeys: Object.keys(of(unitId)?.targets ?? {}),
    async values(keys) {
      const pick = (record: Record<string, number> | undefined) => keys.map((m) => record?.[m.key] ?? 0);
      const now = pick(of(unitId)?.now);
      const byChild = new Map(children.map((u) => [u.id, pick(u.now)]));
      // Kept per subtree: the unit's own records are its subtree less its sub-units'.
      const own = now.map((total, k) => total - [...byChild.values()].reduce((sum, values) => sum + values[k]!, 0));
      // A closed month's figures are kept as they counted: nothing waits beside them.
      return { now, lastYear: pick(of(unitId)?.lastYear), byChild, own, heldOut: keys.map(() => 0), heldOutByChild: new Map(), heldOutOwn: keys.map(() => 0) };
    },
  };
}

export async function monthlyBulletin(ctx: ServiceContext, query: { year: number; month: number; unitId?: number; listSize: number }): Promise<TBulletin> {
  const { current, lastYear } = periods(query.year, query.month);
  const scope = await metricScope(ctx, query.unitId, current);
  const closed = await closedFigures(ctx.db, query.year, query.month);
  const source = closed ? keptFigures(closed.figures, scope.unit.id) : await liveFigures(ctx, scope, query.year, lastYear);
  const { children, targetOf } = source;
  const reported = metricsByKeys((source.targetKeys.length > 0 ? source.targetKeys : DEFAULT_METRICS).join(','));
  const [{ now: scopeNow, lastYear: scopeBefore, byChild, own, heldOut, heldOutByChild, heldOutOwn }, corrections] = await Promise.all([
    source.values(reported),
    correctionsFor(ctx, query.year, query.month, scope.unit.path),
  ]);
  // A closed bulletin names units as they were named when it was closed.
  const unitName = (closed && closed.figures.units[String(scope.unit.id)]?.name) || scope.unitName;
  const scopeName = scope.unitKind === 'city' ? '全市' : unitName;
  // The bureau's way of writing percentages; the figures themselves are the same either way.
  const percentStyle = scope.rules.percentStyle ?? 'twoDecimals';
  return {
    year: query.year,
    month: query.month,
    unitId: scope.unit.id,
    unitName,
    period: periodText({ fromMonth: 1, toMonth: query.month }),
    periodEn: `${periodTextEn({ fromMonth: 1, toMonth: query.month })} ${query.year}`,
    items: reported.map((definition, k) => {
      const key = definition.key;
      const value = scopeNow[k] ?? 0;
      const before = scopeBefore[k] ?? 0;
      const target = targetOf(scope.unit.id, key);
      const rows = children.map((u) => {
        const v = byChild.get(u.id)?.[k] ?? 0;
        const t = targetOf(u.id, key);
        return { unitId: u.id, unitName: u.name, value: v, target: t, completion: t ? completionPercent(figure(key, v), figure(key, t)) : null, heldOut: heldOutByChild.get(u.id)?.[k] ?? 0 };
      });
      // Ranked by completion when every unit has a target, otherwise by value.
      const byCompletion = rows.length > 0 && rows.every((r) => r.completion !== null);
      const measure = rows.map((r) => (byCompletion ? Number(r.completion) : r.value));
      const ranks = ranksDescending(measure);
      const { top, bottom } = topAndBottom(measure, query.listSize);
      const ownRow =
        own[k] || heldOutOwn[k] ? [{ unitId: scope.unit.id, unitName: `${unitName}本级`, value: own[k]!, target: null, completion: null, rank: null, own: true, heldOut: heldOutOwn[k] ?? 0 }] : [];
      return {
        metricKey: key,
        name: definition.name,
        ...sentences({
          period: { fromMonth: 1, toMonth: query.month },
          scope: scopeName,
          metric: definition.name.zh,
          value: figure(key, value),
          target: target ? figure(key, target) : null,
          lastYear: figure(key, before),
          percentStyle,
        }, { scope: scope.unitKind === 'city' ? 'the city' : unitName, metric: definition.name.en }),
        value,
        lastYear: before,
        target,
        heldOut: heldOut[k] ?? 0,
        units: [...rows.map((r, i) => ({ ...r, completion: r.completion === null ? null : percentShown(r.completion, percentStyle), rank: ranks[i]!, own: false })), ...ownRow],
        red: top.map((i) => rows[i]!.unitId),
        black: bottom.map((i) => rows[i]!.unitId),
      };
    }),
    closedAt: closed?.closedAt.toISOString() ?? null,
    corrections,
    chains: closed ? keptChainSection(closed.figures, scope.unit.id, DEFAULT_METRICS, percentStyle) : await liveChainSection(ctx, scope, query.year, DEFAULT_METRICS, percentStyle),
    percentStyle,
    holdOutUnderReview: !closed && !!scope.rules.holdOutUnderReview,
  };
}
