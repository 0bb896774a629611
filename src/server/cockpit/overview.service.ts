import type { ServiceContext } from '../context.ts';
import { listUnits } from '../units/units.service.ts';
import { targetsOfUnits } from '../targets/targets.service.ts';
import { cockpitHeroes, metricGroups, metricScope } from '../metrics/metrics.service.ts';
import { listSupervision } from '../projects/supervision.service.ts';
import { listProblems } from '../problems/problems.service.ts';
import { completionPercent, type BulletinFigure } from '../../domain/bulletin.ts';
import { rankByCompletion } from '../../domain/cockpit-heroes.ts';
import type { TCockpitOverview, TCockpitQuery } from '../../shared/cockpit.ts';

const figure = (value: number): BulletinFigure => ({ kind: 'count', count: value, measure: '' });

/**
 * The cockpit's first screen (issue 16). The heroes' own figures are the KPI cards' (GET /cockpit); here are the
 * child units of the scope ranked by their hero completion — each unit's figures are the cockpit's by-unit
 * breakdown, its targets the targets grid's — and the alerts, each the total of the list it opens (the 督办 list
 * by status, the problems list past due), counted by those lists' own queries so the numbers cannot drift apart.
 */
export async function overview(ctx: ServiceContext, query: TCockpitQuery): Promise<TCockpitOverview> {
  const scope = await metricScope(ctx, query.unitId, { from: query.from, to: query.to }, query.counting);
  const { metrics, chosen } = await cockpitHeroes(ctx);
  const targetYear = query.from.slice(0, 4) === query.to.slice(0, 4) ? Number(query.from.slice(0, 4)) : null;
  const children = (await listUnits(ctx)).filter((u) => u.parentId === scope.unit.id);
  const [values, targets, overdue, dueSoon, problemsPastDue] = await Promise.all([
    metricGroups(ctx, metrics, scope, 'unit'),
    targetYear && children.length > 0 ? targetsOfUnits(ctx, targetYear, children.map((u) => u.id)) : new Map<number, Map<string, number>>(),
    listSupervision(ctx, { unitId: query.unitId, status: 'overdue', page: 1, pageSize: 1 }),
    listSupervision(ctx, { unitId: query.unitId, status: 'dueSoon', page: 1, pageSize: 1 }),
    listProblems(ctx, { overdue: 'true', unitId: query.unitId, page: 1, pageSize: 1 }),
  ]);
  const ranked = rankByCompletion(
    children.map((u) => ({
      unitId: u.id,
      unitName: u.name,
      figures: metrics.map((m, i) => ({ key: m.key, value: values.get(String(u.id))?.[i] ?? 0, target: targets.get(u.id)?.get(m.key) ?? null })),
    })),
  );
  return {
    heroes: metrics.map((m) => m.key),
    heroesChosen: chosen,
    targetYear,
    ranking: ranked.map((r) => ({
      unitId: r.unitId,
      unitName: r.unitName,
      completion: r.completion,
      rank: r.rank,
      heroes: r.figures.map((f) => ({ ...f, completion: f.target ? completionPercent(figure(f.value), figure(f.target)) : null })),
    })),
    alerts: { overdueDeadlines: overdue.total, dueSoonDeadlines: dueSoon.total, overdueProblems: problemsPastDue.total },
  };
}
