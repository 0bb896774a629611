import { Alert, Button, Collapse, Descriptions, Divider, Flex, Progress, Result, Skeleton, Tooltip, Typography } from 'antd';
import { CheckOutlined, DownloadOutlined, ProjectOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { TAmountUnit, TImportBatch, TImportProgress } from '../../shared/imports.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { fieldLabel, ImportCounts, ImportStatusTag } from './ImportCounts.tsx';
import { columnLetter } from './ImportSettings.tsx';
import { ImportRowsTable } from './ImportRowsTable.tsx';
import { ImportSettings } from './ImportSettings.tsx';
import { importErrorsUrl, useCommitImport, useImportBatch, useImportProgress } from './imports.queries.ts';
import { useRevertImportConfirm } from './use-revert-import.tsx';
import { UnknownIndustriesAlert } from '../local-industries/UnknownIndustriesAlert.tsx';

export type ImportBatchViewProps = { id: number; onUploadAnother: () => void };

/** One import: its preview until it is committed, then what it did (and the way back). */
export function ImportBatchView({ id, onUploadAnother }: ImportBatchViewProps) {
  const { data: batch, error } = useImportBatch(id);
  if (error) return <ErrorAlert error={error} />;
  if (!batch) return <Skeleton active />;
  return (
    <>
      {batch.status === 'previewed' ? <ImportPreview batch={batch} onUploadAnother={onUploadAnother} /> : <ImportOutcome batch={batch} onUploadAnother={onUploadAnother} />}
      <ImportRowsTable batch={batch} />
    </>
  );
}

function BatchFacts({ batch }: { batch: TImportBatch }) {
  const { t } = useI18n();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      items={[
        { key: 'file', label: t('imports.file'), children: <Typography.Text strong>{batch.fileName}</Typography.Text> },
        {
          key: 'sheet',
          label: t('imports.sheet'),
          children: batch.sheetsRead.length > 1 ? t('imports.sheetsRead', { names: batch.sheetsRead.map((s) => t('imports.quoted', { text: s.name })).join(t('imports.listSeparator')) }) : batch.sheet || '—',
        },
        { key: 'unit', label: t('imports.unit'), children: batch.unitName },
        { key: 'moneyUnit', label: t('imports.moneyUnit'), children: batch.moneyUnit },
        { key: 'year', label: t('imports.titleYear'), children: batch.titleYear ?? '—' },
        { key: 'mapping', label: t('imports.mappingSource'), children: t(`imports.mappingSource.${batch.mappingSource}`) },
        {
          key: 'uploaded',
          label: t('imports.uploadedBy'),
          children: t('imports.uploadedByValue', { who: batch.createdByName, when: formatDateTime(batch.createdAt) }),
        },
        { key: 'status', label: t('imports.status'), children: <ImportStatusTag status={batch.status} /> },
        ...unreadSheets(batch, t),
        ...batch.sheetsRead.flatMap((sheet) =>
          sheet.amountUnits.map((unit) => ({
            key: `unit-${sheet.name}-${unit.field}`,
            label: batch.sheetsRead.length > 1 ? t('imports.amountUnitOfSheet', { sheet: sheet.name, field: fieldLabel(t, unit.field) }) : t('imports.amountUnitOf', { field: fieldLabel(t, unit.field) }),
            children: <AmountUnitText unit={unit} />,
          })),
        ),
      ]}
      style={{ marginBottom: 16 }}
    />
  );
}

/** Sheets of the workbook the import did not read, and why: not chosen, or no project header (notes, summaries). */
function unreadSheets(batch: TImportBatch, t: ReturnType<typeof useI18n>['t']) {
  const unread = batch.sheets.filter((s) => !batch.sheetsRead.some((r) => r.name === s.name));
  if (unread.length === 0 || batch.sheetsRead.length === 0) return [];
  const why = (s: TImportBatch['sheets'][number]): 'imports.sheetsUnreadChosen' | 'imports.sheetsUnreadHidden' | 'imports.sheetsUnreadNoHeader' =>
    batch.sheetChosen ? 'imports.sheetsUnreadChosen' : s.hidden ? 'imports.sheetsUnreadHidden' : 'imports.sheetsUnreadNoHeader';
  const reasons = [...new Set(unread.map(why))];
  const names = (reason: ReturnType<typeof why>) => unread.filter((s) => why(s) === reason).map((s) => t('imports.quoted', { text: s.name })).join(t('imports.listSeparator'));
  return [{ key: 'unread', label: t('imports.sheetsUnread'), children: reasons.map((reason) => t(reason, { names: names(reason) })).join(t('imports.listSeparator')) }];
}

/** "亿元 · F列“计划总投资(亿元)” · 表头注明": the unit an amount column is read in, and where it came from (issue 12). */
function AmountUnitText({ unit }: { unit: TAmountUnit }) {
  const { t } = useI18n();
  const where = t('imports.columnOption', { letter: columnLetter(unit.index), label: unit.label || '—' });
  if (unit.currency) {
    return (
      <Typography.Text type="danger" data-testid="import-amount-unit">
        {t('imports.amountCurrency', { currency: unit.currency, where })}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text type={unit.source === 'assumed' ? 'warning' : undefined} data-testid="import-amount-unit">
      {t(`imports.amountSource.${unit.source}`, { unit: unit.unit, where })}
    </Typography.Text>
  );
}

function progressPercent(progress: TImportProgress | undefined): number {
  if (!progress) return 0;
  if (progress.phase === 'done') return 100;
  return progress.total > 0 ? Math.min(99, Math.floor((progress.done * 100) / progress.total)) : 0;
}

type PreviewProps = { batch: TImportBatch; onUploadAnother: () => void };

/** The dry run: what each row would do, why rows are refused, how the columns were read; then 确认导入. */
function ImportPreview({ batch, onUploadAnother }: PreviewProps) {
  const { t } = useI18n();
  const commit = useCommitImport(batch.id);
  const { data: progress } = useImportProgress(batch.id, commit.isPending);
  const { counts } = batch;
  const toWrite = counts.create + counts.update;
  const blocked = counts.refused > 0 || batch.problem !== null;
  const why = blocked ? t('imports.commitRefused') : toWrite === 0 ? t('imports.nothingToCommit') : undefined;
  // The settings start afresh with every new answer of the server.
  const settingsKey = JSON.stringify([batch.sheet, batch.unitId, batch.mapping, batch.titleYear, batch.counts]);

  return (
    <>
      <BatchFacts batch={batch} />
      {batch.problem ? (
        <Alert type="error" showIcon role="alert" title={t('imports.problemTitle')} description={`${batch.problem} ${t('imports.problemHint')}`} style={{ marginBottom: 16 }} />
      ) : null}
      <Flex justify="space-between" align="flex-end" gap="middle" wrap style={{ marginBottom: 16 }}>
        <ImportCounts counts={counts} />
        <Flex gap="small" wrap>
          <Button icon={<UploadOutlined />} onClick={onUploadAnother} disabled={commit.isPending}>
            {t('imports.uploadAnother')}
          </Button>
          <Tooltip title={why}>
            <Button type="primary" icon={<CheckOutlined />} disabled={why !== undefined} loading={commit.isPending} onClick={() => commit.mutate()}>
              {t('imports.commit')}
            </Button>
          </Tooltip>
        </Flex>
      </Flex>
      {counts.refused > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('imports.refusedTitle', { count: counts.refused })}
          description={t('imports.refusedHint')}
          action={
            <Button icon={<DownloadOutlined />} href={importErrorsUrl(batch.id)} download>
              {t('imports.downloadErrors')}
            </Button>
          }
          data-testid="import-refused"
          style={{ marginBottom: 16 }}
        />
      ) : !blocked && toWrite > 0 ? (
        <Alert type="info" showIcon title={t('imports.commitHint', { create: counts.create, update: counts.update })} style={{ marginBottom: 16 }} />
      ) : null}
      <UnknownIndustriesAlert batch={batch} />
      {commit.isPending ? (
        <div style={{ marginBottom: 16 }} data-testid="import-progress">
          <Typography.Text type="secondary">
            {progress
              ? t('imports.progress', { phase: t(`imports.phase.${progress.phase}`), done: progress.done, total: progress.total })
              : t('imports.phase.idle')}
          </Typography.Text>
          <Progress percent={progressPercent(progress)} status="active" />
        </div>
      ) : null}
      <ErrorAlert error={commit.error} onClose={commit.reset} />
      <Collapse
        size="small"
        defaultActiveKey={batch.problem ? ['settings'] : []}
        items={[{ key: 'settings', label: t('imports.settings'), children: <ImportSettings key={settingsKey} batch={batch} /> }]}
        style={{ marginBottom: 16 }}
      />
    </>
  );
}

/** After the commit: what was written, and 撤销本次导入; after a revert, that it was undone. */
function ImportOutcome({ batch, onUploadAnother }: PreviewProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const confirmRevert = useRevertImportConfirm();
  const { counts } = batch;
  const committed = batch.status === 'committed';
  const subTitle = (
    <Flex vertical gap={4} align="center">
      <span>
        {t('imports.committedSummary', { create: counts.create, update: counts.update, unchanged: counts.unchanged, skipped: counts.skipped })}
      </span>
      <span>{t('imports.committedBy', { who: batch.createdByName, when: formatDateTime(batch.committedAt ?? batch.createdAt), file: batch.fileName })}</span>
      {batch.revertedAt ? <span>{t('imports.revertedBy', { when: formatDateTime(batch.revertedAt) })}</span> : null}
    </Flex>
  );
  return (
    <>
      <Result
        status={committed ? 'success' : 'info'}
        title={committed ? t('imports.committedTitle') : t('imports.revertedTitle')}
        subTitle={subTitle}
        data-testid="import-result"
        extra={[
          committed ? (
            <Button key="revert" danger icon={<RollbackOutlined />} onClick={() => confirmRevert(batch)}>
              {t('imports.revert')}
            </Button>
          ) : null,
          <Button key="projects" icon={<ProjectOutlined />} onClick={() => void navigate('/projects')}>
            {t('imports.viewProjects')}
          </Button>,
          <Button key="another" type="primary" icon={<UploadOutlined />} onClick={onUploadAnother}>
            {t('imports.newImport')}
          </Button>,
        ]}
      />
      <Divider />
    </>
  );
}
