import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Flex, Grid, Input, InputNumber, Progress, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, apiUrl } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { TIER_LIST_CODES, TIER_LISTS, type TierList } from '../../domain/enterprise-tiers.ts';
import type { TEnterpriseListColumn, TEnterpriseListImport, TEnterpriseListProgress, TEnterpriseListRow } from '../../shared/enterprise-lists.ts';

const STATUS_COLOR = { write: 'blue', same: 'default', differ: 'orange', refused: 'red' } as const;

export type EnterpriseListImportDrawerProps = { open: boolean; onClose: () => void };

/**
 * 导入名单 (issue 13 "Filling it"), for the bureau: upload a list with its list, year and batch → the preview (how each
 * row matched, the refusals by row and field) → 确认导入 with a progress bar (polling the import's progress) → 撤销.
 */
export function EnterpriseListImportDrawer({ open, onClose }: EnterpriseListImportDrawerProps) {
  const { t, locale } = useI18n();
  const language = locale === 'en' ? 'en' : 'zh';
  const queryClient = useQueryClient();
  const isPhone = !Grid.useBreakpoint().md;
  const [list, setList] = useState<TierList>('little_giant');
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const [batch, setBatch] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<TEnterpriseListImport | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | 'revert' | null>(null);
  const [progress, setProgress] = useState<TEnterpriseListProgress | null>(null);
  const [error, setError] = useState<unknown>(null);

  // While the commit runs, its progress is polled twice a second.
  useEffect(() => {
    if (busy !== 'commit' || !result) return;
    const timer = setInterval(() => {
      void api.get<TEnterpriseListProgress>(`/enterprise-lists/${result.id}/progress`).then(setProgress, () => undefined);
    }, 500);
    return () => clearInterval(timer);
  }, [busy, result]);

  const run = async (step: 'preview' | 'commit' | 'revert', work: () => Promise<TEnterpriseListImport>) => {
    setBusy(step);
    setError(null);
    setProgress(null);
    try {
      const done = await work();
      setResult(done);
      // The bar stays, full, once the import is written.
      if (step === 'commit') setProgress({ phase: 'done', done: done.summary.rows, total: done.summary.rows });
      if (step !== 'preview') await queryClient.invalidateQueries({ queryKey: ['enterprises'] });
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(null);
    }
  };
  const handlePreview = () => {
    if (!file) return;
    const form = new FormData();
    form.append('list', list);
    form.append('year', String(year));
    if (batch.trim()) form.append('batch', batch.trim());
    form.append('file', file, file.name);
    // The text fields go before the file, as the server reads them.
    void run('preview', () => apiRequest<TEnterpriseListImport>('POST', '/enterprise-lists', { body: form }));
  };
  const handleCommit = () => result && void run('commit', () => api.post<TEnterpriseListImport>(`/enterprise-lists/${result.id}/commit`));
  const handleRevert = () => result && void run('revert', () => api.post<TEnterpriseListImport>(`/enterprise-lists/${result.id}/revert`));

  const columns: TableColumnsType<TEnterpriseListRow> = [
    { title: t('enterpriseLists.row'), dataIndex: 'rowNumber', key: 'rowNumber', width: 70 },
    { title: t('enterpriseLists.name'), dataIndex: 'name', key: 'name' },
    { title: t('enterprise.creditCode'), dataIndex: 'creditCode', key: 'creditCode', render: (code: string | null) => code ?? '—', responsive: ['md'] },
    {
      title: t('enterpriseLists.match'),
      key: 'match',
      render: (_, row) => (
        <Space size={4} wrap>
          <Tag color={row.match === 'new' ? 'blue' : 'green'}>{t(`enterpriseLists.match.${row.match}`)}</Tag>
          {row.alreadyOnList ? <Tag>{t('enterpriseLists.alreadyOnList')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('enterpriseLists.onRecord'), dataIndex: 'enterpriseName', key: 'enterpriseName', render: (name: string | null) => name ?? '—', responsive: ['lg'] },
    {
      title: t('enterpriseLists.facts'),
      key: 'facts',
      render: (_, row) => (
        <Space size={4} wrap>
          {row.facts.map((f) => (
            <Tag key={f.field} color={STATUS_COLOR[f.status]} title={f.library ?? undefined}>
              {t(`enterpriseLists.column.${f.field}`)} {f.value} · {t(`enterpriseLists.status.${f.status}`)}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];
  // What each header cell of the list was read as, and for the facts what their values do.
  const countColumn = (key: 'write' | 'same' | 'differ' | 'refused') => ({
    title: t(`enterpriseLists.count.${key}`),
    key,
    render: (_: unknown, c: TEnterpriseListColumn) => (c.counts ? c.counts[key] : ''),
  });
  const headerColumns: TableColumnsType<TEnterpriseListColumn> = [
    { title: t('enterpriseLists.header'), dataIndex: 'label', key: 'label' },
    {
      title: t('enterpriseLists.readAs'),
      key: 'column',
      render: (_, c) => (c.column ? t(`enterpriseLists.column.${c.column}`) : <Tag color="warning">{t('enterpriseLists.notRead')}</Tag>),
    },
    countColumn('write'),
    countColumn('same'),
    countColumn('differ'),
    countColumn('refused'),
  ];

  return (
    <Drawer open={open} onClose={onClose} title={t('enterpriseLists.title')} size={isPhone ? '100%' : 'large'} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('enterpriseLists.hint')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select<TierList>
          aria-label={t('enterpriseLists.list')}
          value={list}
          onChange={setList}
          style={{ minWidth: 200 }}
          options={TIER_LIST_CODES.map((code) => ({ value: code, label: TIER_LISTS[code][language] }))}
        />
        <InputNumber aria-label={t('enterpriseLists.year')} value={year} onChange={(v) => v && setYear(v)} min={1900} max={2200} />
        <Input aria-label={t('enterpriseLists.batch')} placeholder={t('enterpriseLists.batch')} value={batch} onChange={(e) => setBatch(e.target.value)} style={{ width: 160 }} />
        <Button icon={<UploadOutlined />} onClick={() => document.getElementById('zs-list-file')?.click()}>
          {file ? file.name : t('enterpriseLists.file')}
        </Button>
        <input id="zs-list-file" type="file" accept=".xlsx,.csv" hidden onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <Button type="primary" disabled={!file} loading={busy === 'preview'} onClick={handlePreview}>
          {t('enterpriseLists.preview')}
        </Button>
        <Button icon={<DownloadOutlined />} href={apiUrl(`/enterprise-lists/template.xlsx?list=${list}`)} download>
          {t('enterpriseLists.template')}
        </Button>
      </Flex>
      <ErrorAlert error={error} />
      {busy === 'commit' || progress?.phase === 'done' ? (
        <Progress
          aria-label={t('enterpriseLists.progress')}
          percent={progress?.phase === 'done' ? 100 : progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0}
          status={progress?.phase === 'done' ? 'success' : 'active'}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {result ? (
        <>
          <Alert
            type={result.summary.refused > 0 ? 'warning' : result.status === 'committed' ? 'success' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            title={
              result.status === 'committed'
                ? `${t('enterpriseLists.committed', { tiers: result.createdTiers, enterprises: result.createdEnterprises })};${t('enterpriseLists.filled', { count: result.filledFacts })}`
                : result.status === 'reverted'
                  ? t('enterpriseLists.reverted')
                  : t('enterpriseLists.summary', { ...result.summary })
            }
            action={
              result.status === 'previewed' ? (
                <Button type="primary" disabled={result.summary.refused > 0} loading={busy === 'commit'} onClick={handleCommit}>
                  {t('enterpriseLists.commit')}
                </Button>
              ) : result.status === 'committed' ? (
                <Button danger loading={busy === 'revert'} onClick={handleRevert}>
                  {t('enterpriseLists.revert')}
                </Button>
              ) : undefined
            }
          />
          <Typography.Title level={5}>{t('enterpriseLists.columns')}</Typography.Title>
          <div data-testid="enterprise-list-columns" style={{ marginBottom: 16 }}>
            <Table<TEnterpriseListColumn> rowKey="index" size="small" columns={headerColumns} dataSource={result.columns} pagination={false} scroll={{ x: 'max-content' }} />
          </div>
          {result.summary.factsRefused + result.summary.factsDiffering > 0 ? (
            <Alert
              type="warning"
              style={{ marginBottom: 16 }}
              title={t('enterpriseLists.factIssues')}
              description={
                <>
                  <Typography.Paragraph>{t('enterpriseLists.factSummary', { ...result.summary })}</Typography.Paragraph>
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {result.factIssues.map((i) => (
                      <li key={`${i.rowNumber}-${i.field}`}>{language === 'en' ? i.message.en : i.message['zh-CN']}</li>
                    ))}
                  </ul>
                </>
              }
            />
          ) : null}
          {result.errorFileUrl ? (
            <Button icon={<DownloadOutlined />} href={apiUrl(`/enterprise-lists/${result.id}/errors.xlsx`)} download style={{ marginBottom: 16 }}>
              {t('enterpriseLists.downloadErrors')}
            </Button>
          ) : null}
          {result.refusals.length > 0 ? (
            <Alert
              type="error"
              style={{ marginBottom: 16 }}
              title={t('enterpriseLists.refusals')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {result.refusals.map((r) => (
                    <li key={`${r.rowNumber}-${r.field}`}>{language === 'en' ? r.message.en : r.message['zh-CN']}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
          <Table<TEnterpriseListRow> rowKey="rowNumber" size="small" columns={columns} dataSource={result.rows} pagination={{ pageSize: 50 }} scroll={{ x: 'max-content' }} />
          {result.summary.rows - result.summary.refused > result.rows.length ? (
            <Typography.Text type="secondary">{t('enterpriseLists.firstRows', { count: result.rows.length })}</Typography.Text>
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}

