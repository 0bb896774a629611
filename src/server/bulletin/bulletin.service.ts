import type { ServiceContext } from '../context.ts';
import { listUnits } from '../units/units.service.ts';
import { metricGroups, metricScope, metricsByKeys, metricTotals } from '../metrics/metrics.service.ts';
import { targetsOfUnits } from '../targets/targets.service.ts';
import { bulletinSentence, completionPercent, periodText, ranksDescending, topAndBottom, type BulletinFigure } from '../../domain/bulletin.ts';
import { daysInMonth } from '../../domain/calendar.ts';
import { metric } from '../../domain/metrics.ts';
import type { TBulletin } from '../../shared/bulletin.ts';

/** Metrics a bulletin reports when the unit has no targets for the year. */
const DEFAULT_METRICS = ['signedCount', 'signedContractYuan', 'startedCount', 'startedInvestmentYuan', 'fundsArrivedDomesticYuan'];

function figure(key: string, value: number): BulletinFigure {
  const unit = metric(key).unit;
  return unit === 'count' ? { kind: 'count', count: value, measure: '个' } : unit === 'usd' ? { kind: 'usd', usd: value } : { kind: 'amount', yuan: value };
}

/** 1 January to the month's end, this year and the same months last year. */
function periods(year: number, month: number) {
  const end = (y: number) => `${y}-${String(month).padStart(2, '0')}-${String(daysInMonth(y, month)).padStart(2, '0')}`;
  return { current: { from: `${year}-01-01`, to: end(year) }, lastYear: { from: `${year - 1}-01-01`, to: end(year - 1) } };
}

export async function monthlyBulletin(ctx: ServiceContext, query: { year: number; month: number; unitId?: number; listSize: number }): Promise<TBulletin> {
  const { current, lastYear } = periods(query.year, query.month);
  const scope = await metricScope(ctx, query.unitId, current);
  const children = (await listUnits(ctx)).filter((u) => u.parentId === scope.unit.id);
  const targets = await targetsOfUnits(ctx, query.year, [scope.unit.id, ...children.map((u) => u.id)]);
  const targetOf = (unitId: number, key: string) => targets.get(unitId)?.get(key) ?? null;
  const keys = [...(targets.get(scope.unit.id)?.keys() ?? [])];
  const reported = metricsByKeys((keys.length > 0 ? keys : DEFAULT_METRICS).join(','));
  const [scopeNow, scopeBefore, byChild] = await Promise.all([
    metricTotals(ctx, reported, scope),
    metricTotals(ctx, reported, { ...scope, period: lastYear }),
    metricGroups(ctx, reported, scope, 'unit'),
  ]);
  const scopeName = scope.unitKind === 'city' ? '全市' : scope.unitName;
  return {
    year: query.year,
    month: query.month,
    unitId: scope.unit.id,
    unitName: scope.unitName,
    period: periodText({ fromMonth: 1, toMonth: query.month }),
    items: reported.map((definition, k) => {
      const key = definition.key;
      const value = scopeNow[k] ?? 0;
      const before = scopeBefore[k] ?? 0;
      const target = targetOf(scope.unit.id, key);
      const rows = children.map((u) => {
        const v = byChild.get(String(u.id))?.[k] ?? 0;
        const t = targetOf(u.id, key);
        return { unitId: u.id, unitName: u.name, value: v, target: t, completion: t ? completionPercent(figure(key, v), figure(key, t)) : null };
      });
      // Ranked by completion when every unit has a target, otherwise by value.
      const byCompletion = rows.length > 0 && rows.every((r) => r.completion !== null);
      const measure = rows.map((r) => (byCompletion ? Number(r.completion) : r.value));
      const ranks = ranksDescending(measure);
      const { top, bottom } = topAndBottom(measure, query.listSize);
      return {
        metricKey: key,
        name: definition.name,
        sentence: bulletinSentence({
          period: { fromMonth: 1, toMonth: query.month },
          scope: scopeName,
          metric: definition.name.zh,
          value: figure(key, value),
          target: target ? figure(key, target) : null,
          lastYear: figure(key, before),
        }),
        value,
        lastYear: before,
        target,
        units: rows.map((r, i) => ({ ...r, rank: ranks[i]! })),
        red: top.map((i) => rows[i]!.unitId),
        black: bottom.map((i) => rows[i]!.unitId),
      };
    }),
  };
}
