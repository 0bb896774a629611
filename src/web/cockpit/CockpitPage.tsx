import { useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Flex, Row, Select, Skeleton, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { chinaToday } from '../../domain/calendar.ts';
import type { TBreakdownDimension } from '../../shared/cockpit.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useMetricCatalogue } from '../metrics/metrics.queries.ts';
import { ScopeUnitSelect } from '../metrics/ScopeUnitSelect.tsx';
import { localName } from '../metrics/metric-format.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { BreakdownPanel } from './BreakdownPanel.tsx';
import { useCockpit, useTrend, type RecordsRequest } from './cockpit.queries.ts';
import { KpiCard } from './KpiCard.tsx';
import { monthRange, periodParams, readPeriod } from './period.ts';
import { PeriodPicker } from './PeriodPicker.tsx';
import { RecordsDrawer } from './RecordsDrawer.tsx';
import { TrendChart } from './TrendChart.tsx';

const DIMENSIONS: readonly TBreakdownDimension[] = ['unit', 'industry', 'region', 'stage', 'chain'];
/** The metric the charts open with: money signed is what leaders ask about first. */
const DEFAULT_METRIC = 'signedContractYuan';

/** 驾驶舱: the KPIs of a period and unit, a monthly trend and five breakdowns (by chain: issue 14); every number opens its records. */
export function CockpitPage() {
  const { t, locale } = useI18n();
  const filters = useUrlFilters();
  const today = chinaToday(new Date());
  const period = readPeriod(filters.text, today);
  const unitId = filters.number('unitId');
  const scope = useMemo(() => ({ from: period.from, to: period.to, unitId }), [period.from, period.to, unitId]);
  const { data, error, isPending } = useCockpit(scope);
  const catalogue = useMetricCatalogue();
  const [records, setRecords] = useState<RecordsRequest | null>(null);

  const kpis = data?.kpis ?? [];
  const chosen = filters.text('metric');
  const metricKey = kpis.some((k) => k.key === chosen) ? chosen : kpis.some((k) => k.key === DEFAULT_METRIC) ? DEFAULT_METRIC : kpis[0]?.key;
  const trend = useTrend({ key: metricKey, year: period.year, unitId });
  const metricOf = (key: string | undefined) => catalogue.data?.find((m) => m.key === key) ?? kpis.find((k) => k.key === key);

  return (
    <>
      <PageHeader
        title={t('nav.cockpit')}
        subTitle={data ? t('cockpit.subtitle', { unit: data.unitName, from: data.from, to: data.to }) : undefined}
      />
      <Flex className="zs-filters" gap="small" wrap align="center">
        <PeriodPicker value={period} today={today} onChange={(next) => filters.update(periodParams(next))} />
        <ScopeUnitSelect aria-label={t('metric.unitScope')} value={unitId} onChange={(value) => filters.update({ unitId: value })} />
        <Link to="/counting-rules">
          <InfoCircleOutlined /> {t('cockpit.countingRules')}
        </Link>
      </Flex>
      <ErrorAlert error={error} />
      {data && data.targetYear === null ? <Alert type="info" showIcon title={t('cockpit.targetsSpanYears')} style={{ marginBottom: 16 }} /> : null}
      {isPending && !error ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
      <Row gutter={[16, 16]} data-testid="kpi-cards">
        {kpis.map((kpi) => (
          <Col key={kpi.key} xs={24} sm={12} lg={8} xxl={6}>
            <KpiCard
              kpi={kpi}
              hasTargetYear={data?.targetYear !== null}
              onOpen={(which) =>
                setRecords(
                  which === 'value'
                    ? { ...scope, key: kpi.key, clicked: kpi.value }
                    : { ...scope, ...data!.lastYear, key: kpi.key, clicked: kpi.lastYear, label: t('cockpit.lastYear') },
                )
              }
            />
          </Col>
        ))}
      </Row>
      {data && kpis.length === 0 ? <Empty description={t('cockpit.noData')} /> : null}

      {metricKey ? (
        <>
          <Flex align="center" gap="small" wrap style={{ marginTop: 24, marginBottom: 12 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('cockpit.analysis')}
            </Typography.Title>
            <Select<string>
              aria-label={t('cockpit.analysisMetric')}
              value={metricKey}
              onChange={(value) => filters.update({ metric: value })}
              options={kpis.map((kpi) => ({ value: kpi.key, label: localName(kpi.name, locale) }))}
              popupMatchSelectWidth={false}
              style={{ minWidth: 220 }}
            />
            <Typography.Text type="secondary">{t('cockpit.chartHint')}</Typography.Text>
          </Flex>
          <Card size="small" title={t('cockpit.trend')} style={{ marginBottom: 16 }}>
            <ErrorAlert error={trend.error} />
            <TrendChart
              trend={trend.data}
              onPick={(year, month, clicked) =>
                setRecords({ ...monthRange(year, month), unitId, key: metricKey, clicked, label: t('cockpit.thisYear', { year }) + t('cockpit.monthLabel', { month }) })
              }
            />
          </Card>
          <Row gutter={[16, 16]}>
            {DIMENSIONS.map((by) => (
              <Col key={by} xs={24} lg={12}>
                <BreakdownPanel
                  scope={scope}
                  metricKey={metricKey}
                  by={by}
                  onPick={({ by: pickedBy, group, label, clicked }) => setRecords({ ...scope, key: metricKey, by: pickedBy, group, label, clicked })}
                />
              </Col>
            ))}
          </Row>
        </>
      ) : null}
      <RecordsDrawer request={records} metric={metricOf(records?.key)} onClose={() => setRecords(null)} />
    </>
  );
}
