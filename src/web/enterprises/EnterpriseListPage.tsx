import { useState } from 'react';
import { Alert, Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { canAdminister, canWriteRecords, seesUnitRecords } from '../../domain/roles.ts';
import type { TEnterprise } from '../../shared/enterprises.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters, urlPagination } from '../ui/use-url-filters.ts';
import { useEnterpriseList } from './enterprises.queries.ts';
import { EnterpriseSearchResults } from './EnterpriseSearchResults.tsx';
import { EnterpriseLibraryFilters, LIBRARY_FILTERS } from './EnterpriseLibraryFilters.tsx';
import { EnterpriseListImportDrawer } from './EnterpriseListImportDrawer.tsx';

export function EnterpriseListPage() {
  const me = useCurrentUser();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);
  const filters = useUrlFilters();
  // 资源库 (issue 13): words typed or any filter set search the library; nothing set lists the newest first.
  const searchParams = filters.current(LIBRARY_FILTERS);
  const searching = Object.keys(searchParams).length > 0;
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  // A typed search goes to the ranked, highlighted search (issue 13); the plain list shows the newest first.
  const { data, isFetching, error } = useEnterpriseList({ page: searching ? 1 : page, pageSize });

  const columns: TableColumnsType<TEnterprise> = [
    {
      title: t('enterprise.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, enterprise) => (
        <>
          <Link to={`/enterprises/${enterprise.id}`}>{name}</Link>
          {enterprise.fortuneGlobal500 ? (
            <Tag color="gold" style={{ marginInlineStart: 8 }}>
              {t('enterprise.fortune500')}
            </Tag>
          ) : null}
        </>
      ),
    },
    {
      title: t('enterprise.creditCode'),
      dataIndex: 'creditCode',
      key: 'creditCode',
      render: (code: string | null) => (code ? <span className="zs-code">{code}</span> : <Typography.Text type="secondary">—</Typography.Text>),
      responsive: ['md'],
    },
    { title: t('enterprise.hqRegion'), dataIndex: 'hqRegionName', key: 'hqRegionName', render: (name: string | null) => name ?? '—', responsive: ['sm'] },
    { title: t('enterprise.unit'), dataIndex: 'unitName', key: 'unitName', responsive: ['lg'] },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.enterprises')}
        extra={
          canWriteRecords(me.role) ? (
            <Space>
              {canAdminister(me.role) ? (
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  {t('enterpriseLists.open')}
                </Button>
              ) : null}
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/enterprises/new')}>
                {t('enterprise.create')}
              </Button>
            </Space>
          ) : undefined
        }
      />
      {!seesUnitRecords(me.role) ? <Alert type="info" showIcon title={t('common.departmentNotice')} style={{ marginBottom: 16 }} /> : null}
      {canAdminister(me.role) ? <EnterpriseListImportDrawer open={importing} onClose={() => setImporting(false)} /> : null}
      <EnterpriseLibraryFilters filters={filters} />
      {searching ? (
        <EnterpriseSearchResults params={searchParams} page={page} pageSize={pageSize} filters={filters} />
      ) : (
        <>
          <ErrorAlert error={error} />
          <Table<TEnterprise>
            rowKey="id"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={isFetching}
            pagination={urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('enterprise.total', { total }) })}
          />
        </>
      )}
    </>
  );
}
