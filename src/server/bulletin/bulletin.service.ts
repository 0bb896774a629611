import type { ServiceContext } from '../context.ts';
import { listUnits, requireUnitInScope } from '../units/units.service.ts';
import { metricValues } from '../metrics/metrics.service.ts';
import { listTargets } from '../targets/targets.service.ts';
import { bulletinSentence, completionPercent, periodText, ranksDescending, topAndBottom, type BulletinFigure } from '../../domain/bulletin.ts';
import { daysInMonth } from '../../domain/calendar.ts';
import { metric } from '../../domain/metrics.ts';
import type { TBulletin } from '../../shared/bulletin.ts';

/** Metrics a bulletin reports when the unit has no targets for the year. */
const DEFAULT_METRICS = ['signedCount', 'signedContractYuan', 'startedCount', 'startedInvestmentYuan', 'fundsArrivedDomesticYuan'];

function figure(key: string, value: number): BulletinFigure {
  return metric(key).unit === 'count' ? { kind: 'count', count: value, measure: '个' } : { kind: 'amount', yuan: value };
}

/** 1 January to the month's end, this year and the same months last year. */
function periods(year: number, month: number) {
  const end = (y: number) => `${y}-${String(month).padStart(2, '0')}-${String(daysInMonth(y, month)).padStart(2, '0')}`;
  return { current: { from: `${year}-01-01`, to: end(year) }, lastYear: { from: `${year - 1}-01-01`, to: end(year - 1) } };
}

export async function monthlyBulletin(ctx: ServiceContext, query: { year: number; month: number; unitId?: number; listSize: number }): Promise<TBulletin> {
  const scope = await requireUnitInScope(ctx, query.unitId ?? ctx.caller.unitId, 'unitId');
  const children = (await listUnits(ctx)).filter((u) => u.parentId === scope.id);
  const targets = (await listTargets(ctx, query.year)).items;
  const targetOf = (unitId: number, key: string) => targets.find((t) => t.unitId === unitId && t.metricKey === key)?.value ?? null;
  const keys = [...new Set(targets.filter((t) => t.unitId === scope.id).map((t) => t.metricKey))];
  const reported = keys.length > 0 ? keys : DEFAULT_METRICS;
  const { current, lastYear } = periods(query.year, query.month);
  const wanted = reported.join(',');
  const valuesOf = async (unitId: number, period: { from: string; to: string }) =>
    new Map((await metricValues(ctx, { ...period, unitId, keys: wanted })).items.map((m) => [m.key, m.value]));
  const scopeNow = await valuesOf(scope.id, current);
  const scopeBefore = await valuesOf(scope.id, lastYear);
  const childValues = await Promise.all(children.map((u) => valuesOf(u.id, current)));
  const scopeName = scope.kind === 'city' ? '全市' : scope.name;
  return {
    year: query.year,
    month: query.month,
    unitId: scope.id,
    unitName: scope.name,
    period: periodText({ fromMonth: 1, toMonth: query.month }),
    items: reported.map((key) => {
      const definition = metric(key);
      const value = scopeNow.get(key) ?? 0;
      const before = scopeBefore.get(key) ?? 0;
      const target = targetOf(scope.id, key);
      const rows = children.map((u, i) => {
        const v = childValues[i]!.get(key) ?? 0;
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
