import { useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Flex, Row, Select, Skeleton, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { chinaToday } from '../../domain/calendar.ts';
import type { TBreakdownDimension, TCockpitKpi } from '../../shared/cockpit.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useMetricCatalogue } from '../metrics/metrics.queries.ts';
import { ScopeUnitSelect } from '../metrics/ScopeUnitSelect.tsx';
import { localName } from '../metrics/metric-format.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { BreakdownPanel } from './BreakdownPanel.tsx';
import { CountingControl, countingMode, useVerificationOn } from './CountingControl.tsx';
import { useCockpit, useCockpitOverview, useTrend, type RecordsRequest } from './cockpit.queries.ts';
import { AlertsPanel, HeroCol, OtherKpisTable, RankingPanel } from './FirstScreen.tsx';
import { KpiCard } from './KpiCard.tsx';
import { monthRange, periodParams, readPeriod } from './period.ts';
import { PeriodPicker } from './PeriodPicker.tsx';
import { RecordsDrawer } from './RecordsDrawer.tsx';
import { TrendChart } from './TrendChart.tsx';

const DIMENSIONS: readonly TBreakdownDimension[] = ['unit', 'industry', 'region', 'stage', 'chain'];
/** The metric the charts open with: money signed is what leaders ask about first. */
const DEFAULT_METRIC = 'signedContractYuan';

/**
 * 驾驶舱: the first screen answers "how are we doing against this year's targets, who is behind, what is overdue"
 * (issue 16) — the bureau's hero figures with their targets, the child units ranked by completion, the alerts —
 * then a monthly trend and five breakdowns (by chain: issue 14), then every other indicator in a grouped table.
 * Every number opens its records.
 */
export function CockpitPage() {
  const { t, locale } = useI18n();
  const filters = useUrlFilters();
  const today = chinaToday(new Date());
  const period = readPeriod(filters.text, today);
  const unitId = filters.number('unitId');
  // 统计口径 (issue 17): only where the bureau verifies stage changes; 对照 counts as reported and, beside, as confirmed.
  const verification = useVerificationOn();
  const mode = verification.on ? countingMode(filters.text('counting'), verification.confirmedOnly) : undefined;
  const counting = mode === undefined ? undefined : mode === 'compare' ? 'reported' : mode;
  const scope = useMemo(() => ({ from: period.from, to: period.to, unitId, counting }), [period.from, period.to, unitId, counting]);
  const { data, error, isPending } = useCockpit(scope);
  const confirmed = useCockpit({ ...scope, counting: 'confirmed' }, mode === 'compare');
  const confirmedOf = (key: string) => (mode === 'compare' ? confirmed.data?.kpis.find((k) => k.key === key) : undefined);
  const overview = useCockpitOverview(scope);
  const catalogue = useMetricCatalogue();
  const [records, setRecords] = useState<RecordsRequest | null>(null);

  const kpis = data?.kpis ?? [];
  const chosen = filters.text('metric');
  const metricKey = kpis.some((k) => k.key === chosen) ? chosen : kpis.some((k) => k.key === DEFAULT_METRIC) ? DEFAULT_METRIC : kpis[0]?.key;
  const trend = useTrend({ key: metricKey, year: period.year, unitId, counting });
  const metricOf = (key: string | undefined) => catalogue.data?.find((m) => m.key === key) ?? kpis.find((k) => k.key === key);
  const heroKeys = overview.data?.heroes ?? [];
  const heroes = heroKeys.map((key) => kpis.find((k) => k.key === key)).filter((k): k is TCockpitKpi => !!k);
  const others = overview.data ? kpis.filter((k) => !heroKeys.includes(k.key)) : [];
  const open = (kpi: TCockpitKpi, which: 'value' | 'lastYear') =>
    setRecords(
      which === 'value'
        ? { ...scope, key: kpi.key, clicked: kpi.value }
        : { ...scope, ...data!.lastYear, key: kpi.key, clicked: kpi.lastYear, label: t('cockpit.lastYear') },
    );

  return (
    <>
      <PageHeader
        title={t('nav.cockpit')}
        subTitle={data ? t('cockpit.subtitle', { unit: data.unitName, from: data.from, to: data.to }) : undefined}
      />
      <Flex className="zs-filters" gap="small" wrap align="center">
        <PeriodPicker value={period} today={today} onChange={(next) => filters.update(periodParams(next))} />
        <ScopeUnitSelect aria-label={t('metric.unitScope')} value={unitId} onChange={(value) => filters.update({ unitId: value })} />
        {mode ? <CountingControl value={mode} onChange={(next) => filters.update({ counting: next })} /> : null}
        <Link to="/counting-rules">
          <InfoCircleOutlined /> {t('cockpit.countingRules')}
        </Link>
      </Flex>
      <ErrorAlert error={error} />
      <ErrorAlert error={confirmed.error} />
      {data && data.targetYear === null ? <Alert type="info" showIcon title={t('cockpit.targetsSpanYears')} style={{ marginBottom: 16 }} /> : null}
      {isPending && !error ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
      <ErrorAlert error={overview.error} />
      <Row gutter={[12, 12]} data-testid="cockpit-heroes" className="zs-hero-row">
        {heroes.map((kpi) => (
          <HeroCol key={kpi.key} count={heroes.length}>
            <KpiCard kpi={kpi} confirmed={confirmedOf(kpi.key)} hasTargetYear={data?.targetYear !== null} onOpen={(which) => open(kpi, which)} />
          </HeroCol>
        ))}
      </Row>
      {data && overview.data ? (
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          {/* On a phone the alerts come before the ranking; on a wide screen the ranking is on the left. */}
          <Col xs={{ span: 24, order: 1 }} lg={{ span: 9, order: 2 }}>
            <AlertsPanel overview={overview.data} unitId={unitId} />
          </Col>
          <Col xs={{ span: 24, order: 2 }} lg={{ span: 15, order: 1 }}>
            <RankingPanel overview={overview.data} kpis={kpis} onUnit={(id) => filters.update({ unitId: id })} />
          </Col>
        </Row>
      ) : null}
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
      {others.length > 0 ? (
        <div style={{ marginTop: 16 }}>
          <OtherKpisTable kpis={others} confirmedOf={confirmedOf} onOpen={open} />
        </div>
      ) : null}
      <RecordsDrawer request={records} metric={metricOf(records?.key)} onClose={() => setRecords(null)} />
    </>
  );
}
