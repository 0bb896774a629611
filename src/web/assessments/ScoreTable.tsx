import { Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { TScores } from '../../shared/assessments.ts';
import { useI18n } from '../i18n/i18n.tsx';

export type TUnitScore = TScores['units'][number];
type TScoreLine = TUnitScore['lines'][number];

export type ScoreTableProps = {
  scores: TScores | undefined;
  bottomCount: number;
  loading: boolean;
  /** The bureau records a deduction or bonus for a row's unit; absent for everyone else. */
  onAdjust?: (unit: TUnitScore) => void;
};

/** How one unit's total is made: every indicator, deduction and bonus, with its computation. */
function ScoreLines({ unit }: { unit: TUnitScore }) {
  const { t, locale } = useI18n();
  return (
    <Table<TScoreLine>
      data-testid="score-lines"
      rowKey={(_line, index) => `line-${index}`}
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={unit.lines}
      locale={{ emptyText: t('assessment.linesEmpty') }}
      columns={[
        { title: t('assessment.lineLabel'), key: 'label', width: '32%', render: (_: unknown, line) => (locale === 'zh-CN' ? line.label : line.labelEn) },
        {
          title: t('assessment.linePoints'),
          dataIndex: 'points',
          key: 'points',
          align: 'right',
          width: 110,
          render: (points: string) => (
            <Typography.Text className="zs-amount" type={points.startsWith('-') ? 'danger' : undefined}>
              {points}
            </Typography.Text>
          ),
        },
        {
          title: t('assessment.lineExplanation'),
          key: 'explanation',
          render: (_: unknown, line) => <span className="zs-amount">{locale === 'zh-CN' ? line.explanation : line.explanationEn}</span>,
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <Typography.Text strong>{t('assessment.total')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <Typography.Text strong className="zs-amount">
              {unit.total}
            </Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} />
        </Table.Summary.Row>
      )}
    />
  );
}

/**
 * The ranking: rank, unit, total, the bottom N tagged; a row opens onto its computation lines, so a county sees
 * why it ranked where it did. A county's table holds its own row only, opened.
 */
export function ScoreTable({ scores, bottomCount, loading, onAdjust }: ScoreTableProps) {
  const { t } = useI18n();
  const rows = scores?.units ?? [];
  const columns: TableColumnsType<TUnitScore> = [
    { title: t('assessment.rank'), dataIndex: 'rank', key: 'rank', width: 80, align: 'center' },
    {
      title: t('assessment.unit'),
      dataIndex: 'unitName',
      key: 'unitName',
      render: (name: string, unit) => (
        <>
          {name}
          {unit.flagged ? (
            <Tag color="red" style={{ marginInlineStart: 8 }} data-testid="flagged">
              {t('assessment.flagged', { count: bottomCount })}
            </Tag>
          ) : null}
        </>
      ),
    },
    {
      title: t('assessment.total'),
      dataIndex: 'total',
      key: 'total',
      align: 'right',
      width: 140,
      render: (total: string) => (
        <Typography.Text strong className="zs-amount" data-testid="total">
          {total}
        </Typography.Text>
      ),
    },
  ];
  if (onAdjust) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_value, unit) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          aria-label={`${unit.unitName} ${t('assessment.adjustUnit')}`}
          onClick={(event) => {
            event.stopPropagation();
            onAdjust(unit);
          }}
        >
          {t('assessment.adjustUnit')}
        </Button>
      ),
    });
  }

  return (
    <Table<TUnitScore>
      key={`${scores?.schemeId}-${rows.length === 1 ? rows[0]!.unitId : 'all'}`}
      data-testid="scores-table"
      rowKey="unitId"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      expandable={{
        expandRowByClick: true,
        expandedRowRender: (unit) => <ScoreLines unit={unit} />,
        defaultExpandedRowKeys: rows.length === 1 ? [rows[0]!.unitId] : [],
      }}
    />
  );
}
