import { Flex, Statistic, Tag, Tooltip, Typography, theme } from 'antd';
import { LEDGER_FIELDS, type LedgerField } from '../../domain/ledger-columns.ts';
import type { TImportAction, TImportBatch } from '../../shared/imports.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';

export type ImportCountsValue = TImportBatch['counts'];
export type ImportStatus = TImportBatch['status'];

export const IMPORT_ACTIONS: readonly TImportAction[] = ['create', 'update', 'unchanged', 'refused'];

export const ACTION_COLORS: Record<TImportAction, string> = {
  create: 'green',
  update: 'blue',
  unchanged: 'default',
  refused: 'red',
};

const STATUS_COLORS: Record<ImportStatus, string> = {
  previewed: 'gold',
  committed: 'green',
  reverted: 'default',
};

/** A ledger field's name in the user's language; a name the web app does not know stays as the server wrote it. */
export function fieldLabel(t: Translate, field: string): string {
  return (LEDGER_FIELDS as readonly string[]).includes(field) ? t(`imports.field.${field as LedgerField}`) : field;
}

export function ActionTag({ action }: { action: TImportAction }) {
  const { t } = useI18n();
  return <Tag color={ACTION_COLORS[action]}>{t(`imports.action.${action}`)}</Tag>;
}

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{t(`imports.status.${status}`)}</Tag>;
}

/** 新增 / 更新 / 无变化 / 拒绝 / 跳过, as large figures: the preview's summary. */
export function ImportCounts({ counts }: { counts: ImportCountsValue }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const colour: Record<TImportAction, string | undefined> = {
    create: token.colorSuccess,
    update: token.colorPrimary,
    unchanged: undefined,
    refused: counts.refused > 0 ? token.colorError : undefined,
  };
  return (
    <Flex gap="large" wrap data-testid="import-counts">
      {IMPORT_ACTIONS.map((action) => (
        <Statistic
          key={action}
          title={t(`imports.action.${action}`)}
          value={counts[action]}
          styles={{ content: { color: colour[action] } }}
          data-testid={`import-count-${action}`}
        />
      ))}
      <Tooltip title={t('imports.skippedHint')}>
        <Statistic title={t('imports.skipped')} value={counts.skipped} styles={{ content: { color: token.colorTextTertiary } }} data-testid="import-count-skipped" />
      </Tooltip>
    </Flex>
  );
}

/** The same counts in one line of tags, for the history table (a zero is left out). */
export function ImportCountTags({ counts }: { counts: ImportCountsValue }) {
  const { t } = useI18n();
  const shown = IMPORT_ACTIONS.filter((action) => counts[action] > 0);
  if (shown.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {shown.map((action) => (
        <Tag key={action} color={ACTION_COLORS[action]} style={{ marginInlineEnd: 0 }}>
          {t(`imports.action.${action}`)} {counts[action]}
        </Tag>
      ))}
    </Flex>
  );
}
