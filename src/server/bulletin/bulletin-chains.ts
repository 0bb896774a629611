import { asc, eq } from 'drizzle-orm';
import { chains, chainTargets } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { metricGroups } from '../metrics/metrics.service.ts';
import type { MetricScope } from '../projects/metrics.queries.ts';
import { CHAIN_TARGETABLE } from '../targets/chain-targets.service.ts';
import { completionPercent, percentShown, type BulletinFigure, type PercentStyle } from '../../domain/bulletin.ts';
import { metric } from '../../domain/metrics.ts';
import type { TClosedFigures } from '../../shared/closes.ts';
import type { TBulletinChains } from '../../shared/bulletin.ts';

/**
 * The bulletin's 按产业链 section (issue 14): each chain's figures from 1 January over the bulletin's unit, against the
 * chain's targets for the year — the targets grid's chain rows, the same evaluation. Its metrics are those any chain
 * has a target for, else the bulletin's default ones a chain can be measured by. A closed month reads the figures
 * kept at its close; a month closed before chains were kept has no section (null), rather than today's figures.
 */

type ChainRow = { chainId: number; name: string; nameEn: string; targets: Record<string, number> };

function figure(key: string, value: number): BulletinFigure {
  const definition = metric(key);
  if (definition.unit === 'usd') return { kind: 'usd', usd: value };
  if (definition.unit === 'yuan') return { kind: 'amount', yuan: value };
  return { kind: 'count', count: value, measure: definition.measure ?? '个' };
}

function chainMetricKeys(rows: ChainRow[], defaults: string[]): string[] {
  const targeted = new Set(rows.flatMap((r) => Object.keys(r.targets)));
  const keys = CHAIN_TARGETABLE.map((m) => m.key);
  return targeted.size > 0 ? keys.filter((k) => targeted.has(k)) : keys.filter((k) => defaults.includes(k));
}

function section(rows: ChainRow[], metricKeys: string[], valueOf: (chainId: number, key: string) => number, percentStyle: PercentStyle): TBulletinChains {
  return {
    metricKeys,
    items: rows.map((r) => ({
      chainId: r.chainId,
      name: r.name,
      nameEn: r.nameEn,
      cells: metricKeys.map((key) => {
        const value = valueOf(r.chainId, key);
        const target = r.targets[key] ?? null;
        const completion = target ? completionPercent(figure(key, value), figure(key, target)) : null;
        return { metricKey: key, value, target, completion: completion === null ? null : percentShown(completion, percentStyle) };
      }),
    })),
  };
}

/** Live: the chains active or with a target this year, in the chains' order, over the scope's unit. */
export async function liveChainSection(ctx: ServiceContext, scope: MetricScope, year: number, defaults: string[], percentStyle: PercentStyle): Promise<TBulletinChains> {
  const [all, set] = await Promise.all([
    ctx.db.select().from(chains).orderBy(asc(chains.position), asc(chains.id)),
    ctx.db.select().from(chainTargets).where(eq(chainTargets.year, year)),
  ]);
  const rows: ChainRow[] = all
    .filter((c) => c.active || set.some((t) => t.chainId === c.id))
    .map((c) => ({ chainId: c.id, name: c.name, nameEn: c.nameEn, targets: Object.fromEntries(set.filter((t) => t.chainId === c.id).map((t) => [t.metricKey, t.value])) }));
  const metricKeys = chainMetricKeys(rows, defaults);
  if (rows.length === 0 || metricKeys.length === 0) return { metricKeys, items: [] };
  const metrics = metricKeys.map((key) => metric(key));
  const groups = await metricGroups(ctx, metrics, scope, 'chain');
  return section(rows, metricKeys, (chainId, key) => groups.get(String(chainId))?.[metricKeys.indexOf(key)] ?? 0, percentStyle);
}

/** Closed: the chains and figures kept at the close for this unit; null when the close kept no chains. */
export function keptChainSection(kept: TClosedFigures, unitId: number, defaults: string[], percentStyle: PercentStyle): TBulletinChains | null {
  if (!kept.chains) return null;
  const rows: ChainRow[] = Object.entries(kept.chains)
    .sort(([, a], [, b]) => a.order - b.order)
    .map(([id, c]) => ({ chainId: Number(id), name: c.name, nameEn: c.nameEn, targets: c.targets }));
  const metricKeys = chainMetricKeys(rows, defaults);
  return section(rows, metricKeys, (chainId, key) => kept.chains![String(chainId)]?.byUnit[String(unitId)]?.[key] ?? 0, percentStyle);
}
