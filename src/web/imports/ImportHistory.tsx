import { Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import type { TImportBatch } from '../../shared/imports.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ImportCountTags, ImportStatusTag } from './ImportCounts.tsx';
import { useImportBatches } from './imports.queries.ts';
import { useRevertImportConfirm } from './use-revert-import.tsx';

export type ImportHistoryProps = { currentId: number | undefined; onOpen: (id: number) => void };

/** 导入记录: the recent imports, newest first; a committed one can be reverted from here too. */
export function ImportHistory({ currentId, onOpen }: ImportHistoryProps) {
  const { t } = useI18n();
  const { data, isFetching, error } = useImportBatches();
  const confirmRevert = useRevertImportConfirm();

  const columns: TableColumnsType<TImportBatch> = [
    {
      title: t('imports.file'),
      dataIndex: 'fileName',
      key: 'fileName',
      render: (name: string, batch) =>
        batch.id === currentId ? (
          <Typography.Text strong>{name}</Typography.Text>
        ) : (
          <Typography.Link onClick={() => onOpen(batch.id)}>{name}</Typography.Link>
        ),
    },
    { title: t('imports.unit'), dataIndex: 'unitName', key: 'unitName', responsive: ['md'] },
    { title: t('imports.createdBy'), dataIndex: 'createdByName', key: 'createdByName', responsive: ['lg'] },
    {
      title: t('imports.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      responsive: ['sm'],
      render: (at: string) => <span className="zs-amount">{formatDateTime(at)}</span>,
    },
    { title: t('imports.status'), dataIndex: 'status', key: 'status', render: (status: TImportBatch['status']) => <ImportStatusTag status={status} /> },
    { title: t('imports.result'), key: 'counts', responsive: ['md'], render: (_value, batch) => <ImportCountTags counts={batch.counts} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, batch) => (
        <Flex gap={4} wrap>
          {batch.id !== currentId ? (
            <Button size="small" type="link" onClick={() => onOpen(batch.id)}>
              {t('imports.open')}
            </Button>
          ) : null}
          {batch.status === 'committed' ? (
            <Button size="small" type="link" danger onClick={() => confirmRevert(batch)} aria-label={`${t('imports.revertShort')} ${batch.fileName}`}>
              {t('imports.revertShort')}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <section data-testid="import-history" style={{ marginTop: 24 }}>
      <Typography.Title level={5}>{t('imports.history')}</Typography.Title>
      <ErrorAlert error={error} />
      <Table<TImportBatch>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        locale={{ emptyText: t('imports.historyEmpty') }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
      />
    </section>
  );
}
