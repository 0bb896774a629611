import { YUAN_PER_WAN, YUAN_PER_YI, yuanToWanText, yuanToYiExactText } from '../../domain/money.ts';
import type { TLocale } from '../../shared/common.ts';
import type { Translate } from '../i18n/i18n.tsx';
import { formatYi, groupThousands } from '../ui/money.ts';

/** What a metric's value is measured in (src/shared/metrics.ts): a count, whole 元, whole US dollars, or a rate 0..1. */
export type MetricUnit = 'count' | 'yuan' | 'usd' | 'percent' | 'days';

/** A number as a report writes it: the figure, and the measure after it ("383.80" + "亿元"). */
export type MetricText = { number: string; suffix: string };

/**
 * Whole 元 (or dollars) → 万 with two decimals, rounded half up on integers: 123456789 → "12,345.68".
 * A hundredth of a 万 is 100 元, so the rounding is one integer division — exact for every safe integer.
 */
export function formatWanRounded(amount: number): string {
  const hundredths = Math.floor((Math.abs(amount) + 50) / 100);
  const sign = amount < 0 && hundredths > 0 ? '-' : '';
  const whole = Math.floor(hundredths / 100);
  return sign + groupThousands(String(whole)) + '.' + String(hundredths % 100).padStart(2, '0');
}

/**
 * A rate (value ÷ cohort as a fraction 0..1, as the API sends it) in percent with two decimals, rounded half up.
 * The fraction is first taken to millionths so that 0.125 is 12.50 and not 12.49 through binary noise.
 */
export function formatRate(fraction: number): string {
  const millionths = Math.round(fraction * 1_000_000);
  const hundredthsOfPercent = Math.floor((millionths + 50) / 100);
  return `${Math.floor(hundredthsOfPercent / 100)}.${String(hundredthsOfPercent % 100).padStart(2, '0')}`;
}

/**
 * A metric's value as the cockpit and bulletin show it: 亿元 (two decimals) from 1亿 up and 万元 below for amounts,
 * 万美元 for foreign capital, 个 for counts, % for rates.
 */
export function formatMetric(value: number, unit: MetricUnit, t: Translate): MetricText {
  switch (unit) {
    case 'count':
      return { number: groupThousands(String(value)), suffix: t('metric.unit.count') };
    case 'yuan':
      if (value === 0) return { number: '0', suffix: t('metric.unit.wan') };
      return Math.abs(value) >= YUAN_PER_YI
        ? { number: formatYi(value), suffix: t('metric.unit.yi') }
        : { number: formatWanRounded(value), suffix: t('metric.unit.wan') };
    case 'usd':
      return { number: value === 0 ? '0' : formatWanRounded(value), suffix: t('metric.unit.wanUsd') };
    case 'percent':
      return { number: formatRate(value), suffix: t('metric.unit.percent') };
    case 'days':
      return { number: groupThousands(String(value)), suffix: t('metric.unit.days') };
  }
}

/** The same as one string: "383.80 亿元", "12 个", "37.50%". */
export function metricText(value: number, unit: MetricUnit, t: Translate): string {
  const { number, suffix } = formatMetric(value, unit, t);
  if (!suffix) return number;
  return unit === 'percent' ? number + suffix : `${number} ${suffix}`;
}

/**
 * A target as it was set, trailing zeros dropped, as the bulletin writes it ("589 亿元", "12.5 亿元", "3000 万元"):
 * a target is a decision, not a measurement, so it is never rounded.
 */
export function targetText(value: number, unit: MetricUnit, t: Translate): string {
  if (unit === 'yuan') {
    return Math.abs(value) >= YUAN_PER_YI
      ? `${groupThousands(yuanToYiExactText(value))} ${t('metric.unit.yi')}`
      : `${groupThousands(yuanToWanText(value))} ${t('metric.unit.wan')}`;
  }
  if (unit === 'usd') return `${groupThousands(yuanToWanText(value))} ${t('metric.unit.wanUsd')}`;
  return metricText(value, unit, t);
}

/** A value in a table whose column names the measure: amounts in 亿元 for yuan, 万美元 for usd. */
export function metricCell(value: number, unit: MetricUnit): string {
  if (unit === 'yuan') return formatYi(value);
  if (unit === 'usd') return formatWanRounded(value);
  if (unit === 'percent') return formatRate(value) + '%';
  return groupThousands(String(value));
}

/** A target in a table column of the metric's measure, written as it was set (trailing zeros dropped): "589", "12.5". */
export function targetCell(value: number, unit: MetricUnit): string {
  if (unit === 'yuan') return groupThousands(yuanToYiExactText(value));
  if (unit === 'usd') return groupThousands(yuanToWanText(value));
  return groupThousands(String(value));
}

/** The measure a table column of the metric is in, for its title: "(亿元)". */
export function metricColumnUnit(unit: MetricUnit, t: Translate): string {
  if (unit === 'yuan') return t('metric.unit.yi');
  if (unit === 'usd') return t('metric.unit.wanUsd');
  if (unit === 'percent') return '%';
  return t('metric.unit.countColumn');
}

/** A chart's axis value: amounts in 万 (a float is fine for drawing, never for the figures written out). */
export function chartValue(value: number, unit: MetricUnit): number {
  if (unit === 'yuan' || unit === 'usd') return value / YUAN_PER_WAN;
  if (unit === 'percent') return Math.round(value * 10_000) / 100;
  return value;
}

/** The axis title of a chart of the metric. */
export function chartUnit(unit: MetricUnit, t: Translate): string {
  if (unit === 'yuan') return t('metric.unit.wan');
  if (unit === 'usd') return t('metric.unit.wanUsd');
  if (unit === 'percent') return '%';
  return t('metric.unit.countColumn');
}

/** A {zh, en} name in the reader's language. */
export function localName(name: { zh: string; en: string }, locale: TLocale): string {
  return locale === 'zh-CN' ? name.zh : name.en;
}
