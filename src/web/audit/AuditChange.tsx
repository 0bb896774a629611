import { Col, Row, Table, Typography, theme, type TableColumnsType } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { TAuditEntry } from '../../shared/audit.ts';
import { useI18n } from '../i18n/i18n.tsx';

type FieldChange = { key: string; before: unknown; after: unknown; changed: boolean };

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function show(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Field by field, before → after; changed fields first. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before) ?? {};
  const a = asRecord(after) ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows = keys.map((key) => ({ key, before: b[key], after: a[key], changed: show(b[key]) !== show(a[key]) }));
  return [...rows.filter((row) => row.changed), ...rows.filter((row) => !row.changed)];
}

/** The expanded audit row: what changed, and the raw JSON of before and after. */
export function AuditChange({ entry }: { entry: TAuditEntry }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const rows = fieldChanges(entry.before, entry.after);
  const columns: TableColumnsType<FieldChange> = [
    { title: t('audit.field'), dataIndex: 'key', key: 'key', render: (key: string) => <span className="zs-code">{key}</span> },
    {
      title: t('audit.before'),
      key: 'before',
      render: (_value, row) => <Typography.Text type={row.changed ? 'danger' : undefined} delete={row.changed && row.before !== undefined}>{show(row.before)}</Typography.Text>,
    },
    { title: '', key: 'arrow', width: 32, render: (_value, row) => (row.changed ? <ArrowRightOutlined /> : null) },
    {
      title: t('audit.after'),
      key: 'after',
      render: (_value, row) => <Typography.Text type={row.changed ? 'success' : undefined} strong={row.changed}>{show(row.after)}</Typography.Text>,
    },
  ];
  return (
    <>
      {rows.length > 0 ? (
        <Table<FieldChange> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} style={{ marginBottom: token.margin }} />
      ) : null}
      <Row gutter={[token.margin, token.margin]}>
        <Col xs={24} md={12}>
          <Typography.Text type="secondary">{t('audit.before')}</Typography.Text>
          <pre className="zs-json" style={{ background: token.colorFillQuaternary, padding: token.paddingXS, borderRadius: token.borderRadius }}>
            {entry.before === null ? '—' : JSON.stringify(entry.before, null, 2)}
          </pre>
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text type="secondary">{t('audit.after')}</Typography.Text>
          <pre className="zs-json" style={{ background: token.colorFillQuaternary, padding: token.paddingXS, borderRadius: token.borderRadius }}>
            {entry.after === null ? '—' : JSON.stringify(entry.after, null, 2)}
          </pre>
        </Col>
      </Row>
    </>
  );
}
