import { wanTextToYuan, yuanToWanText } from '../../domain/money.ts';
import type { TSetTargetsRequest } from '../../shared/targets.ts';
import type { MetricUnit } from '../metrics/metric-format.ts';

/**
 * The targets grid's cells: a target is stored in the metric's own unit (whole 元, whole US dollars, a count) and
 * typed in the unit people write it in (万元, 万美元, 个). Conversions go through decimal text and integers only
 * (domain/money.ts), so 1234.5678 万元 is exactly 12345678 元 and nothing is lost to floating point.
 */
export type CellKey = `${number}:${string}`;
export const cellKey = (unitId: number, metricKey: string): CellKey => `${unitId}:${metricKey}`;

/** What the cell shows for a stored target: "50000" 万元, "1234.5" 万美元, "12" 个. */
export function toDisplay(value: number, unit: MetricUnit): string {
  return unit === 'yuan' || unit === 'usd' ? yuanToWanText(value) : String(value);
}

/** What a typed cell means: null for empty (no target), a positive whole number in the metric's unit, or 'invalid'. */
export function fromDisplay(text: string | null, unit: MetricUnit): number | null | 'invalid' {
  const trimmed = (text ?? '').trim().replace(/[,\s，]/g, '');
  if (trimmed === '') return null;
  if (unit === 'yuan' || unit === 'usd') {
    const amount = wanTextToYuan(trimmed);
    return amount === null || amount <= 0 ? 'invalid' : amount;
  }
  if (!/^\d+$/.test(trimmed)) return 'invalid';
  const count = Number(trimmed);
  return Number.isSafeInteger(count) && count > 0 ? count : 'invalid';
}

export type Drafts = ReadonlyMap<CellKey, string | null>;

export type DraftPlan = {
  /** The cells whose meaning differs from what is stored: set or cleared. */
  items: TSetTargetsRequest['items'];
  /** Cells typed into that mean nothing (negative, too many decimals, a fraction of a count). */
  invalid: Set<CellKey>;
};

/**
 * What saving the drafts would send: only the cells that change. A cell typed back to its stored value, or
 * emptied where there was no target, sends nothing.
 */
export function planChanges(stored: ReadonlyMap<CellKey, number>, drafts: Drafts, unitOf: (metricKey: string) => MetricUnit): DraftPlan {
  const items: DraftPlan['items'] = [];
  const invalid = new Set<CellKey>();
  for (const [key, text] of drafts) {
    const [unitPart, metricKey] = splitKey(key);
    const meant = fromDisplay(text, unitOf(metricKey));
    if (meant === 'invalid') {
      invalid.add(key);
      continue;
    }
    const before = stored.get(key) ?? null;
    if (meant !== before) items.push({ unitId: unitPart, metricKey, value: meant });
  }
  return { items, invalid };
}

function splitKey(key: CellKey): [number, string] {
  const colon = key.indexOf(':');
  return [Number(key.slice(0, colon)), key.slice(colon + 1)];
}
