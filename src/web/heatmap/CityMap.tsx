import { useState } from 'react';
import { Card, Col, Row, Select, Table, Typography } from 'antd';
import { chinaToday } from '../../domain/calendar.ts';
import { growthPercent } from '../../domain/bulletin.ts';
import { featureOfCell, type MapKey } from '../../domain/heatmap/map-features.ts';
import { samePeriodLastYear } from '../../domain/metrics.ts';
import type { TUnit } from '../../shared/units.ts';
import { useBreakdown, type RecordsRequest } from '../cockpit/cockpit.queries.ts';
import { RecordsDrawer } from '../cockpit/RecordsDrawer.tsx';
import { ytdPeriod } from '../cockpit/period.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useMetricCatalogue } from '../metrics/metrics.queries.ts';
import { localName } from '../metrics/metric-format.ts';
import { formatWan } from '../ui/money.ts';
import { RegionMap, type MapCell } from './RegionMap.tsx';

/** The city's own figures a leader reads on its map (挂图作战): projects signed, their amounts, started. */
const CITY_MEASURES = ['signedCount', 'signedContractYuan', 'startedCount'] as const;
type CityMeasure = (typeof CITY_MEASURES)[number];

export type CityMapProps = { city: TUnit; units: readonly TUnit[]; year: number; height: number; showLabels: boolean };

/**
 * The city's own map (issue 15, 挂图作战): its counties and districts coloured by the projects their units signed or
 * started this year — the cockpit's breakdown by unit, so each number is the cockpit's — with the development zones
 * (no polygon of their own) and the city's own records listed beside it. Every region and row opens the records
 * that make its number.
 */
export function CityMap({ city, units, year, height, showLabels }: CityMapProps) {
  const { t, locale } = useI18n();
  const [measure, setMeasure] = useState<CityMeasure>('signedCount');
  const [request, setRequest] = useState<RecordsRequest | null>(null);
  const { data: catalogue } = useMetricCatalogue();
  const period = ytdPeriod(year, chinaToday(new Date()));
  const lastPeriod = samePeriodLastYear(period);
  const scope = { from: period.from, to: period.to, unitId: city.id };
  const { data } = useBreakdown({ ...scope, key: measure, by: 'unit' });
  const { data: last } = useBreakdown({ from: lastPeriod.from, to: lastPeriod.to, unitId: city.id, key: measure, by: 'unit' });
  const mapKey: MapKey = { kind: 'city', code: city.code };
  const codeOf = new Map(units.map((u) => [String(u.id), u.code]));
  const text = (value: number) => (data?.unit === 'yuan' ? t('money.wanValue', { value: formatWan(value) }) : String(value));

  const rows = (data?.rows ?? []).map((row) => {
    const lastYear = last?.rows.find((r) => r.group === row.group)?.value ?? 0;
    const cell: MapCell = {
      // A district's unit by its GB/T 2260 code, which names its shape; a zone or the city itself by its group.
      cell: row.group === 'self' ? `=${city.code}` : (codeOf.get(row.group) ?? row.group),
      label: localName(row.label, locale),
      value: row.value,
      valueText: text(row.value),
      share: data && data.value > 0 ? ((row.value / data.value) * 100).toFixed(2) : null,
      change: growthPercent({ kind: 'count', count: row.value, measure: '' }, { kind: 'count', count: lastYear, measure: '' }),
      lastYearText: text(lastYear),
    };
    return { group: row.group, cell, drawn: featureOfCell(cell.cell, mapKey) !== null };
  });
  const open = (group: string, label: string, clicked: number) => setRequest({ ...scope, key: measure, by: 'unit', group, clicked, label });
  const handlePick = (feature: string, name: string, cell: MapCell | null) => {
    const row = rows.find((r) => r.cell.cell === feature);
    const unit = units.find((u) => u.code === feature && u.parentId === city.id);
    const group = row?.group ?? (unit ? String(unit.id) : null);
    if (group) open(group, name, cell?.value ?? 0);
  };

  return (
    <Card
      size="small"
      title={t('heatmapMap.cityTitle', { city: city.name })}
      extra={
        <Select<CityMeasure>
          size="small"
          aria-label={t('heatmap.measure')}
          value={measure}
          onChange={setMeasure}
          style={{ minWidth: 140 }}
          options={CITY_MEASURES.map((m) => ({ value: m, label: t(`heatmap.measure.${m}`) }))}
        />
      }
      data-testid="heatmap-city"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <RegionMap
            mapKey={mapKey}
            cells={rows.filter((r) => r.drawn).map((r) => r.cell)}
            measureName={t(`heatmap.measure.${measure}`)}
            regionName={city.name}
            height={height}
            showLabels={showLabels}
            testId="heatmap-city-map"
            onPick={handlePick}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('heatmapMap.cityHint')}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="group"
            pagination={false}
            dataSource={rows.filter((r) => !r.drawn)}
            locale={{ emptyText: t('heatmap.empty') }}
            data-testid="heatmap-city-zones"
            columns={[
              { title: t('heatmapMap.zone'), key: 'label', render: (_: unknown, r) => r.cell.label },
              {
                title: t(`heatmap.measure.${measure}`),
                key: 'value',
                align: 'right',
                render: (_: unknown, r) => <a onClick={() => open(r.group, r.cell.label, r.cell.value)}>{r.cell.valueText}</a>,
              },
            ]}
          />
        </Col>
      </Row>
      <RecordsDrawer request={request} metric={catalogue?.find((m) => m.key === measure)} onClose={() => setRequest(null)} />
    </Card>
  );
}
