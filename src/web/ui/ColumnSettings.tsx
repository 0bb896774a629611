import { useMemo, useState, type ReactNode } from 'react';
import { Button, Checkbox, Flex, Popover, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n.tsx';
import { columnStorageKey, readHiddenColumns, sumYuan, writeHiddenColumns } from './column-settings.ts';
import { WanAmount } from './Amount.tsx';

type Keyed = { key?: React.Key; title?: ReactNode };

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export type ColumnSettingsOptions = {
  /** The table's name in the stored choice (`problems`, `projects`…). */
  table: string;
  userId: number;
  /** Keys of the columns a user may not hide (the key column: 状态, 入库, the metric). */
  always: readonly string[];
};

/**
 * Show / hide columns of a wide table, remembered per user in localStorage (issue 16). Answers the visible columns and
 * the button that opens the choice; key columns always show.
 */
export function useColumnSettings<T>(columns: TableColumnsType<T>, { table, userId, always }: ColumnSettingsOptions) {
  const { t } = useI18n();
  const key = columnStorageKey(table, userId);
  const hideable = useMemo(
    () => (columns as Keyed[]).map((c) => String(c.key ?? '')).filter((k) => k && !always.includes(k)),
    [columns, always],
  );
  const [hidden, setHidden] = useState<string[]>(() => readHiddenColumns(storage(), key, hideable));
  const update = (next: string[]) => {
    setHidden(next);
    writeHiddenColumns(storage(), key, next);
  };
  const visible = (columns as Keyed[]).filter((c) => !hidden.includes(String(c.key ?? ''))) as TableColumnsType<T>;
  const content = (
    <Flex vertical gap={4} style={{ maxWidth: 260 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('columns.settingsHint')}
      </Typography.Text>
      {(columns as Keyed[]).map((c) => {
        const k = String(c.key ?? '');
        const fixed = always.includes(k);
        return (
          <Checkbox
            key={k}
            checked={!hidden.includes(k)}
            disabled={fixed}
            data-column={k}
            onChange={(event) => update(event.target.checked ? hidden.filter((h) => h !== k) : [...hidden, k])}
          >
            {c.title as ReactNode}
            {fixed ? t('columns.always') : ''}
          </Checkbox>
        );
      })}
      <Button size="small" onClick={() => update([])} disabled={hidden.length === 0}>
        {t('columns.reset')}
      </Button>
    </Flex>
  );
  const button = (
    <Popover trigger="click" content={content} title={t('columns.settings')} placement="bottomRight">
      <Button icon={<SettingOutlined />} data-testid={`column-settings-${table}`}>
        {t('columns.settings')}
      </Button>
    </Popover>
  );
  return { columns: visible, button, hidden };
}

export type PageSumProps<T> = {
  rows: readonly T[];
  columns: TableColumnsType<T>;
  /** Amount columns (by key) and the whole-yuan amount of a row in each. */
  amounts: Record<string, (row: T) => number>;
};

/**
 * A table's total row over the rows shown (issue 16): labelled as the sum of this page's rows, never as the total of
 * every filtered row, and exact (whole yuan summed as integers).
 */
export function PageSum<T>({ rows, columns, amounts }: PageSumProps<T>) {
  const { t } = useI18n();
  if (rows.length === 0) return null;
  const keys = (columns as Keyed[]).map((c) => String(c.key ?? ''));
  const firstAmount = keys.findIndex((k) => k in amounts);
  if (firstAmount < 0) return null;
  return (
    <Table.Summary fixed="bottom">
      <Table.Summary.Row data-testid="page-sum">
        {keys.map((k, index) => {
          if (index === 0)
            return (
              <Table.Summary.Cell key={k} index={index} colSpan={Math.max(1, firstAmount)}>
                <Tooltip title={t('table.pageSumHint')}>
                  <Typography.Text strong>{t('table.pageSum', { count: rows.length })}</Typography.Text>
                </Tooltip>
              </Table.Summary.Cell>
            );
          if (index < firstAmount) return null;
          const amountOf = amounts[k];
          if (!amountOf) return <Table.Summary.Cell key={k} index={index} />;
          const sum = sumYuan(rows.map(amountOf));
          return (
            <Table.Summary.Cell key={k} index={index} align="right">
              <Typography.Text strong data-testid={`page-sum-${k}`}>
                {sum === null ? '—' : <WanAmount yuan={sum} />}
              </Typography.Text>
            </Table.Summary.Cell>
          );
        })}
      </Table.Summary.Row>
    </Table.Summary>
  );
}
