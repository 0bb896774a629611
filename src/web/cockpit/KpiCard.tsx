import { Card, Flex, Progress, Tag, Tooltip, Typography, theme } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { TCockpitKpi } from '../../shared/cockpit.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatMetric, formatRate, localName, metricText, targetText } from '../metrics/metric-format.ts';

export type KpiCardProps = {
  kpi: TCockpitKpi;
  /** Opens the records behind the card's value, or behind last year's figure. */
  onOpen: (which: 'value' | 'lastYear') => void;
  /** Whether the period lies within one year, so a target can be compared with. */
  hasTargetYear: boolean;
  /** 对照 (issue 17): the same card counting confirmed stage changes only, shown beside the reported value. */
  confirmed?: TCockpitKpi | undefined;
};

/**
 * One KPI: its value as reports write it, last year's figure and the growth (red up, green down, as Chinese
 * dashboards colour them), the annual target and its completion; the definition on the help icon.
 */
export function KpiCard({ kpi, onOpen, hasTargetYear, confirmed }: KpiCardProps) {
  const { t, locale } = useI18n();
  const { token } = theme.useToken();
  const name = localName(kpi.name, locale);
  // A rate or a median over nothing has no value: "—", never a 0 that reads as a result.
  const value = kpi.empty ? { number: '—', suffix: '' } : formatMetric(kpi.value, kpi.unit, t);
  const { direction, text: growthText } = comparison(kpi, t);
  const growthColour = direction === 0 ? token.colorTextSecondary : direction > 0 ? token.colorErrorText : token.green8;
  const growth = direction;

  return (
    <Card
      size="small"
      data-testid={`kpi-${kpi.key}`}
      title={
        <Flex align="center" gap={6} style={{ minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: name }} style={{ fontWeight: 500 }}>
            {name}
          </Typography.Text>
          <Tooltip title={<><b>{t('cockpit.definition')}</b>:{localName(kpi.definition, locale)}</>}>
            <QuestionCircleOutlined aria-label={t('cockpit.definition')} style={{ color: token.colorTextTertiary, cursor: 'help' }} />
          </Tooltip>
        </Flex>
      }
      styles={{ body: { paddingTop: 8 } }}
    >
      <button
        type="button"
        className="zs-kpi-value"
        aria-label={`${value.number}${value.suffix ?? ''} ${t('cockpit.open', { name })}`}
        data-testid={`kpi-value-${kpi.key}`}
        onClick={() => onOpen('value')}
      >
        <span className="zs-kpi-number zs-amount">{value.number}</span>
        {value.suffix ? <span className="zs-kpi-suffix">{value.suffix}</span> : null}
      </button>
      {confirmed ? <SideBySide reported={kpi} confirmed={confirmed} /> : null}
      {kpi.heldOut ? (
        <Tag color="orange" className="zs-amount" data-testid={`kpi-held-out-${kpi.key}`} style={{ marginBottom: 4 }}>
          {kpi.unit === 'count' ? t('duplicates.heldOutCount', { n: kpi.heldOut }) : t('duplicates.heldOutText', { text: metricText(kpi.heldOut, kpi.unit, t) })}
        </Tag>
      ) : null}
      <Flex justify="space-between" gap={8} wrap style={{ fontSize: token.fontSizeSM }}>
        <span>
          <Typography.Text type="secondary">{t('cockpit.lastYear')} </Typography.Text>
          <button type="button" className="zs-link-number zs-amount" data-testid={`kpi-last-${kpi.key}`} onClick={() => onOpen('lastYear')}>
            {kpi.lastYearEmpty ? '—' : metricText(kpi.lastYear, kpi.unit, t)}
          </button>
        </span>
        <span style={{ color: growthColour }} data-testid={`kpi-growth-${kpi.key}`}>
          {growth > 0 ? <ArrowUpOutlined /> : growth < 0 ? <ArrowDownOutlined /> : null} {growthText}
        </span>
      </Flex>
      {kpi.unit === 'percent' ? null : (
        <div style={{ marginTop: 8, fontSize: token.fontSizeSM }} data-testid={`kpi-target-${kpi.key}`}>
          {kpi.target !== null ? (
            <>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text type="secondary">
                  {t('cockpit.target')} <span className="zs-amount">{targetText(kpi.target, kpi.unit, t)}</span>
                </Typography.Text>
                <Typography.Text strong className="zs-amount" data-testid={`kpi-completion-${kpi.key}`}>
                  {t('cockpit.completion')} {kpi.completion ?? '—'}%
                </Typography.Text>
              </Flex>
              <Progress
                percent={Math.min(100, Number(kpi.completion ?? 0))}
                showInfo={false}
                size="small"
                status="normal"
                aria-label={`${name} ${t('cockpit.completion')}`}
              />
            </>
          ) : (
            <Typography.Text type="secondary">{hasTargetYear ? t('cockpit.noTarget') : t('cockpit.targetsSpanYears')}</Typography.Text>
          )}
        </div>
      )}
    </Card>
  );
}

type Translate = ReturnType<typeof useI18n>['t'];

/** The figure as reported and as confirmed ("报送 12 个 · 已核实 9 个"); what still waits stands out in orange. */
export function SideBySide({ reported, confirmed }: { reported: TCockpitKpi; confirmed: TCockpitKpi }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const text = (kpi: TCockpitKpi) => (kpi.empty ? '—' : metricText(kpi.value, kpi.unit, t));
  const waiting = reported.value !== confirmed.value;
  return (
    // Each half keeps its figure on one line; on a phone's half-width card the confirmed half wraps below.
    <div data-testid={`kpi-side-by-side-${reported.key}`} style={{ fontSize: token.fontSizeSM, marginBottom: 4 }}>
      <span className="zs-amount" data-testid={`kpi-reported-${reported.key}`}>
        {t('counting.reportedShort')} {text(reported)}
      </span>
      {' · '}
      <span className="zs-amount" data-testid={`kpi-confirmed-${reported.key}`} style={{ color: waiting ? token.colorWarningText : token.colorSuccessText }}>
        {t('counting.confirmedShort')} {text(confirmed)}
      </span>
    </div>
  );
}

/**
 * How the value compares with last year: a sum's growth in percent; a rate's change in percentage points (its
 * growth in percent would mislead); nothing for a median, or where either year has no value.
 */
export function comparison(kpi: TCockpitKpi, t: Translate): { direction: number; text: string } {
  if (kpi.summable) {
    if (kpi.growth === null) return { direction: 0, text: t('cockpit.growthNone') };
    const growth = Number(kpi.growth);
    if (growth === 0) return { direction: 0, text: t('cockpit.growthFlat') };
    return growth > 0 ? { direction: 1, text: t('cockpit.growthUp', { value: kpi.growth }) } : { direction: -1, text: t('cockpit.growthDown', { value: kpi.growth.replace(/^-/, '') }) };
  }
  if (kpi.unit !== 'percent' || kpi.empty || kpi.lastYearEmpty) return { direction: 0, text: '' };
  // Points in hundredths, from the rates as they are written (two decimals), so the difference matches the cards.
  const hundredths = Math.round(Number(formatRate(kpi.value)) * 100) - Math.round(Number(formatRate(kpi.lastYear)) * 100);
  if (hundredths === 0) return { direction: 0, text: t('cockpit.growthFlat') };
  const points = `${Math.floor(Math.abs(hundredths) / 100)}.${String(Math.abs(hundredths) % 100).padStart(2, '0')}`;
  return hundredths > 0 ? { direction: 1, text: t('cockpit.pointsUp', { value: points }) } : { direction: -1, text: t('cockpit.pointsDown', { value: points }) };
}
