import { Descriptions, Flex, Tag } from 'antd';
import type { TScheme, TScores } from '../../shared/assessments.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { localName } from '../metrics/metric-format.ts';
import { useMetricCatalogue } from '../metrics/metrics.queries.ts';
import { pointsAsSet } from './points.ts';

export type SchemeSummaryProps = { scheme: TScheme; scores: TScores | undefined };

/** What the ranking is made of: the period, the indicators with their weights and methods, the deductions and bonuses. */
export function SchemeSummary({ scheme, scores }: SchemeSummaryProps) {
  const { t, locale } = useI18n();
  const catalogue = useMetricCatalogue();
  const nameOf = (key: string) => {
    const metric = catalogue.data?.find((m) => m.key === key);
    return metric ? localName(metric.name, locale) : key;
  };
  const ruleText = (rule: TScheme['rules'][number]) => {
    const points = pointsAsSet(Math.abs(rule.pointsEach));
    if (rule.kind === 'lateStart' && rule.pointsEach < 0) return t('assessment.rule.lateStartEach', { points });
    if (rule.kind === 'fortune500' && rule.pointsEach > 0) return t('assessment.rule.fortune500Each', { points });
    return t('assessment.rule.each', { label: t(`assessment.rule.${rule.kind}`), points: pointsAsSet(rule.pointsEach) });
  };

  return (
    <Descriptions
      size="small"
      column={1}
      style={{ marginBottom: 16 }}
      data-testid="scheme-summary"
      items={[
        {
          key: 'period',
          label: t('assessment.periodKind'),
          children: scores
            ? `${t('assessment.period', { period: scores.period, from: scores.from, to: scores.to })} · ${t('assessment.assessingUnit', { unit: scheme.unitName })} · ${t('assessment.scoredCount', { count: scores.scored })}`
            : t('assessment.assessingUnit', { unit: scheme.unitName }),
        },
        {
          key: 'indicators',
          label: t('assessment.indicators'),
          children: (
            <Flex gap={4} wrap>
              {scheme.indicators.map((indicator) => (
                <Tag key={indicator.metricKey} color="blue" style={{ whiteSpace: 'normal' }}>
                  {nameOf(indicator.metricKey)} {t('assessment.weightPoints', { weight: pointsAsSet(indicator.weight) })} · {t(`assessment.method.${indicator.method}`)}
                </Tag>
              ))}
            </Flex>
          ),
        },
        {
          key: 'rules',
          label: t('assessment.rules'),
          children: (
            <Flex gap={4} wrap>
              {scheme.rules.map((rule, index) => (
                <Tag key={index} color={rule.pointsEach < 0 ? 'orange' : 'green'} style={{ whiteSpace: 'normal' }}>
                  {ruleText(rule)}
                </Tag>
              ))}
              {scheme.bottomCount > 0 ? <Tag color="red">{t('assessment.bottomNamed', { count: scheme.bottomCount })}</Tag> : null}
            </Flex>
          ),
        },
      ]}
    />
  );
}
