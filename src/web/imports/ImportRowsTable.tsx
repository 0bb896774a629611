import { Flex, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { PROJECT_STATES, type ProjectState } from '../../domain/stages.ts';
import type { TImportAction, TImportBatch, TImportRow } from '../../shared/imports.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { zhCN } from '../i18n/zh-CN.ts';
import { StageTag } from '../projects/StageTag.tsx';
import { WanAmount } from '../ui/Amount.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useUrlFilters, urlPagination } from '../ui/use-url-filters.ts';
import { ActionTag, IMPORT_ACTIONS, fieldLabel } from './ImportCounts.tsx';
import { useImportRows } from './imports.queries.ts';
import { CorrectionsNote, FixRowButton } from './FixRowDialog.tsx';

type Filter = TImportAction | 'all';

/** The row's stage, as a stage key or as its Chinese name (the way ledgers write it). */
function stageOf(value: string | null): ProjectState | undefined {
  if (!value) return undefined;
  if ((PROJECT_STATES as readonly string[]).includes(value)) return value as ProjectState;
  return PROJECT_STATES.find((stage) => zhCN[`stage.${stage}`] === value);
}

/** Why a row is refused (red), what it will not take (orange), what an update changes. */
function RowDetails({ row, batch }: { row: TImportRow; batch: TImportBatch }) {
  const { t, locale } = useI18n();
  const fields = row.changes.map((field) => fieldLabel(t, field)).join(locale === 'zh-CN' ? '、' : ', ');
  const changes = row.action === 'update' && row.changes.length > 0 ? t('imports.changes', { fields }) : null;
  if (!changes && row.problems.length === 0 && row.warnings.length === 0) return null;
  return (
    <Flex vertical gap={2}>
      {(locale === 'en' && row.problemsEn ? row.problemsEn : row.problems).map((problem) => (
        <Typography.Text key={problem} type="danger" data-testid="import-row-problem">
          {problem}
        </Typography.Text>
      ))}
      {(locale === 'en' && row.warningsEn ? row.warningsEn : row.warnings).map((warning) => (
        <Typography.Text key={warning} type="warning" data-testid="import-row-warning">
          {warning}
        </Typography.Text>
      ))}
      {changes ? <Typography.Text type="secondary">{changes}</Typography.Text> : null}
      <FixRowButton batch={batch} row={row} />
    </Flex>
  );
}

export type ImportRowsTableProps = { batch: TImportBatch };

/** The preview row by row, filtered by what would happen to each; paged by the server. */
export function ImportRowsTable({ batch }: ImportRowsTableProps) {
  const { t } = useI18n();
  const filters = useUrlFilters();
  const actionParam = filters.text('action');
  const action = (IMPORT_ACTIONS as readonly string[]).includes(actionParam ?? '') ? (actionParam as TImportAction) : undefined;
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  const { data, isFetching, error } = useImportRows(batch.id, { action, page, pageSize });
  const all = IMPORT_ACTIONS.reduce((sum, one) => sum + batch.counts[one], 0);

  // A workbook with projects on several sheets names each row by its sheet (issue 12).
  const severalSheets = batch.sheetsRead.length > 1;
  const columns: TableColumnsType<TImportRow> = [
    ...(severalSheets ? [{ title: t('imports.rowSheet'), dataIndex: 'sheet', key: 'sheet', width: 120 }] : []),
    { title: t('imports.rowNumber'), dataIndex: 'rowNumber', key: 'rowNumber', width: 64, align: 'right', render: (value: number) => <span className="zs-amount">{value}</span> },
    { title: t('imports.rowAction'), dataIndex: 'action', key: 'action', width: 88, render: (value: TImportAction) => <ActionTag action={value} /> },
    {
      title: t('project.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) =>
        row.projectId !== null && batch.status !== 'reverted' ? <Link to={`/projects/${row.projectId}`}>{name}</Link> : name || '—',
    },
    {
      title: t('imports.field.unit'),
      dataIndex: 'unitName',
      key: 'unitName',
      responsive: ['md'],
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (name: string | null) => name ?? '—',
    },
    {
      title: t('imports.field.investorName'),
      key: 'investor',
      responsive: ['lg'],
      render: (_value, row) =>
        row.investorName ? (
          <Flex gap={4} wrap align="center">
            <span>{row.investorName}</span>
            {row.investor ? (
              <Tag color={row.investor === 'new' ? 'orange' : 'default'} style={{ marginInlineEnd: 0 }}>
                {t(`imports.investor.${row.investor}`)}
              </Tag>
            ) : null}
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t('project.stage'),
      dataIndex: 'stage',
      key: 'stage',
      responsive: ['md'],
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (value: string | null) => {
        const stage = stageOf(value);
        return stage ? <StageTag stage={stage} /> : (value ?? '—');
      },
    },
    {
      title: t('project.totalInvestmentWan'),
      dataIndex: 'totalInvestmentYuan',
      key: 'totalInvestmentYuan',
      align: 'right',
      responsive: ['sm'],
      onHeaderCell: () => ({ style: { wordBreak: 'keep-all' } }),
      render: (yuan: number | null) => (yuan === null ? '—' : <WanAmount yuan={yuan} />),
    },
    {
      title: t('imports.signedOn'),
      dataIndex: 'signedOn',
      key: 'signedOn',
      responsive: ['lg'],
      render: (date: string | null) => <span className="zs-amount">{date ?? '—'}</span>,
    },
    { title: t('imports.details'), key: 'details', width: '24%', render: (_value, row) => <RowDetails row={row} batch={batch} /> },
  ];

  const options: { value: Filter; label: string }[] = [
    { value: 'all', label: `${t('imports.rowsAll')} ${all}` },
    ...IMPORT_ACTIONS.map((one) => ({ value: one, label: `${t(`imports.action.${one}`)} ${batch.counts[one]}` })),
  ];

  return (
    <>
      <Flex className="zs-filters" gap="small" wrap align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('imports.rows')}
        </Typography.Title>
        <Segmented<Filter>
          aria-label={t('imports.rowAction')}
          value={action ?? 'all'}
          onChange={(next) => filters.update({ action: next === 'all' ? null : next })}
          options={options}
        />
        <CorrectionsNote batch={batch} />
      </Flex>
      <ErrorAlert error={error} />
      <Table<TImportRow>
        rowKey={(row) => `${row.sheet}\n${row.rowNumber}`}
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        locale={{ emptyText: t('imports.rowsEmpty') }}
        onRow={(row) => ({ 'data-action': row.action }) as React.HTMLAttributes<HTMLElement>}
        pagination={urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('imports.rowsTotal', { total }) })}
      />
    </>
  );
}
