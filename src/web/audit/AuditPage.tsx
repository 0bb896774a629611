import { Flex, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type TAuditEntry } from '../../shared/audit.ts';
import type { TLocale } from '../../shared/common.ts';
import { formatDateTimeSeconds } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters, urlPagination } from '../ui/use-url-filters.ts';
import { AuditChange } from './AuditChange.tsx';
import { useAuditList } from './audit.queries.ts';

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  lockout: 'orange',
  passwordChange: 'purple',
  seed: 'default',
  move: 'gold',
  remind: 'magenta',
};

/** A code's name in the screen's language; the raw code for one the catalogue does not know yet. */
function nameOf(catalogue: Record<string, { zh: string; en: string }>, code: string, locale: TLocale): string {
  const names = catalogue[code];
  return names ? (locale === 'zh-CN' ? names.zh : names.en) : code;
}

/** Who changed what, when: the append-only audit trail, for the bureau. */
export function AuditPage() {
  const { t, locale } = useI18n();
  const filters = useUrlFilters();
  const entity = filters.text('entity');
  const entityId = filters.text('entityId');
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  const { data, isFetching, error } = useAuditList({ entity, entityId, page, pageSize });

  const columns: TableColumnsType<TAuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', key: 'at', render: (at: string) => <span className="zs-amount">{formatDateTimeSeconds(at)}</span> },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      key: 'actorName',
      render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    { title: t('audit.unit'), dataIndex: 'unitName', key: 'unitName', render: (name: string | null) => name ?? '—', responsive: ['md'] },
    { title: t('audit.entity'), dataIndex: 'entity', key: 'entity', render: (code: string) => nameOf(AUDIT_ENTITIES, code, locale) },
    {
      title: t('audit.entityName'),
      key: 'entityName',
      render: (_value, entry) => (
        <Flex gap={6} wrap align="baseline">
          {entry.entityName ? <span data-testid="audit-entity-name">{entry.entityName}</span> : null}
          <Typography.Text type="secondary" className="zs-code">
            #{entry.entityId}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (code: string) => <Tag color={ACTION_COLORS[code] ?? 'default'}>{nameOf(AUDIT_ACTIONS, code, locale)}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.audit')} />
      <Flex className="zs-filters" gap="small" wrap>
        <Select<string>
          aria-label={t('audit.filterEntity')}
          value={entity}
          onChange={(value) => filters.update({ entity: value, entityId: value ? entityId : undefined })}
          allowClear
          placeholder={t('audit.allEntities')}
          showSearch
          optionFilterProp="label"
          options={Object.keys(AUDIT_ENTITIES).map((code) => ({ value: code, label: nameOf(AUDIT_ENTITIES, code, locale) }))}
          style={{ width: 180, maxWidth: '100%' }}
        />
        <Input.Search
          key={entityId ?? ''}
          defaultValue={entityId}
          allowClear
          placeholder={t('audit.entityIdPlaceholder')}
          aria-label={t('audit.entityIdPlaceholder')}
          onSearch={(value) => filters.update({ entityId: value.trim() })}
          style={{ width: 200, maxWidth: '100%' }}
        />
      </Flex>
      <ErrorAlert error={error} />
      <Table<TAuditEntry>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        size="middle"
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (entry) => <AuditChange entry={entry} />,
          rowExpandable: (entry) => entry.before !== null || entry.after !== null,
        }}
        pagination={urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('audit.total', { total }) })}
      />
    </>
  );
}
