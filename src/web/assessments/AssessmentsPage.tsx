import { useState } from 'react';
import { Alert, Button, DatePicker, Empty, Flex, Segmented, Select, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { chinaToday } from '../../domain/calendar.ts';
import { canAdminister } from '../../domain/roles.ts';
import type { TScheme, TScores } from '../../shared/assessments.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { AdjustmentDialog, type AdjustmentTarget } from './AdjustmentDialog.tsx';
import { assessmentPeriodParams, firstMonthKey, lastMonthOf, readAssessmentPeriod, switchKind, type AssessmentPeriod } from './assessment-period.ts';
import { useSchemes, useScores } from './assessments.queries.ts';
import { SchemeDrawer } from './SchemeDrawer.tsx';
import { SchemeSummary } from './SchemeSummary.tsx';
import { ScoreTable, type TUnitScore } from './ScoreTable.tsx';
import { AdjustmentList } from './AdjustmentList.tsx';

/** A county's view of the ranking: its own place among the units scored, or that it is not one of them. */
function OwnRank({ scores, scheme }: { scores: TScores; scheme: TScheme }) {
  const { t } = useI18n();
  const own = scores.units[0];
  if (!own) return <Alert type="info" showIcon title={t('assessment.notScored', { scheme: scheme.name })} style={{ marginBottom: 16 }} />;
  return (
    <Flex align="center" gap="middle" wrap style={{ marginBottom: 16 }}>
      <TrophyOutlined style={{ fontSize: 28, color: own.flagged ? '#cf1322' : '#d48806' }} />
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="own-rank">
        {t('assessment.ownRank', { rank: own.rank, scored: scores.scored })}
      </Typography.Title>
      {own.flagged ? <Tag color="red">{t('assessment.flagged', { count: scheme.bottomCount })}</Tag> : null}
      <Typography.Text type="secondary">{t('assessment.ownRankHint')}</Typography.Text>
    </Flex>
  );
}

/**
 * 考核: a scheme's ranking of the units it scores over a month or a quarter (from 1 January), each row opening onto
 * how its total was made; a county sees its own row and place. The bureau writes the schemes and the hand
 * deductions and bonuses.
 */
export function AssessmentsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const bureau = canAdminister(me.role);
  const filters = useUrlFilters();
  const today = chinaToday(new Date());
  const period = readAssessmentPeriod(filters.text, today);
  const schemes = useSchemes();
  const scheme = schemes.data?.find((s) => s.id === filters.number('scheme')) ?? schemes.data?.[0];
  const scores = useScores(scheme?.id, period);
  const [editing, setEditing] = useState<TScheme | 'new' | null>(null);
  const [adjusting, setAdjusting] = useState<AdjustmentTarget | null>(null);

  const choosePeriod = (next: AssessmentPeriod) => filters.update(assessmentPeriodParams(next, today));
  const seesAll = scores.data ? scores.data.units.length === scores.data.scored : true;
  const adjust = (unit?: TUnitScore) =>
    setAdjusting({ units: scores.data?.units ?? [], unitId: unit?.unitId, year: period.year, month: lastMonthOf(period) });
  const future = (day: dayjs.Dayjs) => day.isAfter(dayjs(today), 'month');

  return (
    <>
      <PageHeader
        title={t('nav.assessments')}
        extra={
          bureau ? (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('assessment.create')}
              </Button>
              {scheme ? (
                <Button icon={<EditOutlined />} onClick={() => setEditing(scheme)}>
                  {t('assessment.edit')}
                </Button>
              ) : null}
              {scheme && scores.data ? (
                <Button type="primary" onClick={() => adjust()}>
                  {t('assessment.adjust')}
                </Button>
              ) : null}
            </>
          ) : undefined
        }
      />
      <Flex className="zs-filters" gap="small" wrap align="center">
        <Select<number>
          aria-label={t('assessment.scheme')}
          placeholder={t('assessment.scheme')}
          loading={schemes.isPending}
          value={scheme?.id}
          onChange={(id) => filters.update({ scheme: id })}
          options={(schemes.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          style={{ minWidth: 240 }}
        />
        <Segmented<AssessmentPeriod['kind']>
          aria-label={t('assessment.periodKind')}
          value={period.kind}
          onChange={(kind) => choosePeriod(switchKind(period, kind, today))}
          options={[
            { value: 'month', label: t('assessment.month') },
            { value: 'quarter', label: t('assessment.quarter') },
          ]}
        />
        {period.kind === 'month' ? (
          <DatePicker
            picker="month"
            aria-label={t('assessment.monthPicker')}
            allowClear={false}
            value={dayjs(`${firstMonthKey(period)}-01`)}
            disabledDate={future}
            onChange={(day) => day && choosePeriod({ kind: 'month', year: day.year(), month: day.month() + 1 })}
            style={{ width: 140 }}
          />
        ) : (
          <DatePicker
            picker="quarter"
            aria-label={t('assessment.quarterPicker')}
            allowClear={false}
            value={dayjs(`${firstMonthKey(period)}-01`)}
            format={(day) => `${day.year()}-Q${Math.floor(day.month() / 3) + 1}`}
            disabledDate={future}
            onChange={(day) => day && choosePeriod({ kind: 'quarter', year: day.year(), quarter: Math.floor(day.month() / 3) + 1 })}
            style={{ width: 140 }}
          />
        )}
      </Flex>
      <ErrorAlert error={schemes.error ?? scores.error} />
      {schemes.data && !scheme ? (
        <Empty description={bureau ? t('assessment.noSchemeBureau') : t('assessment.noScheme')}>
          {bureau ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('assessment.create')}
            </Button>
          ) : null}
        </Empty>
      ) : null}
      {scheme ? (
        <>
          <SchemeSummary scheme={scheme} scores={scores.data} />
          {scores.data && !seesAll ? (
            <OwnRank scores={scores.data} scheme={scheme} />
          ) : (
            <Typography.Paragraph type="secondary">{t('assessment.clickToExpand')}</Typography.Paragraph>
          )}
          <ScoreTable
            scores={scores.data}
            bottomCount={scheme.bottomCount}
            loading={scores.isFetching}
            onAdjust={bureau && seesAll ? adjust : undefined}
          />
          <AdjustmentList scheme={scheme} year={period.year} canWithdraw={bureau} />
        </>
      ) : null}
      {bureau ? (
        <SchemeDrawer
          open={editing !== null}
          scheme={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            filters.update({ scheme: saved.id });
          }}
        />
      ) : null}
      {bureau && scheme ? <AdjustmentDialog scheme={scheme} target={adjusting} today={today} onClose={() => setAdjusting(null)} /> : null}
    </>
  );
}
