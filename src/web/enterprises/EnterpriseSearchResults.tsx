import { Card, Collapse, Flex, Grid, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { TEnterpriseSearchHit, TEnterpriseSearchResult } from '../../shared/enterprises-search.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Highlighted } from '../ui/Highlighted.tsx';
import { urlPagination, type useUrlFilters } from '../ui/use-url-filters.ts';
import { useEnterpriseSearch, type EnterpriseSearchParams } from './enterprise-search.queries.ts';
import { EnterpriseFacets } from './EnterpriseFacets.tsx';

export type EnterpriseSearchResultsProps = {
  /** The words and filters in force (q, tier, tierYear, industry, region, size, listed, local), from the address. */
  params: EnterpriseSearchParams;
  page: number;
  pageSize: number;
  filters: ReturnType<typeof useUrlFilters>;
};

/**
 * The 资源库 while a search is typed or a filter is set: ranked hits with the matched part marked and their tiers as
 * tags, and counts per tier, province and industry section that filter on a click (beside the list on a wide screen,
 * folded above it on a phone).
 */
export function EnterpriseSearchResults({ params, page, pageSize, filters }: EnterpriseSearchResultsProps) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const { data, isFetching, error } = useEnterpriseSearch({ ...params, page, pageSize });
  const tierName = (list: string) => t(`enterpriseSearch.tier.${list}` as Parameters<typeof t>[0]);

  const columns: TableColumnsType<TEnterpriseSearchHit> = [
    {
      title: t('enterprise.name'),
      key: 'name',
      render: (_: unknown, hit) => (
        <Flex vertical>
          <span>
            <Link to={`/enterprises/${hit.id}`}>
              <Highlighted text={hit.name} ranges={hit.match?.field === 'name' ? hit.match.ranges : []} />
            </Link>
            {hit.tiers.map((list) => (
              <Tag key={list} color={list === 'fortune_global_500' ? 'gold' : undefined} style={{ marginInlineStart: 8 }}>
                {tierName(list)}
              </Tag>
            ))}
          </span>
          {hit.match?.field === 'otherName' ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('enterpriseSearch.matchedOtherName')}
              <Highlighted text={hit.match.text} ranges={hit.match.ranges} />
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('enterprise.creditCode'),
      key: 'creditCode',
      render: (_: unknown, hit) =>
        hit.creditCode ? (
          <span className="zs-code">
            <Highlighted text={hit.creditCode} ranges={hit.match?.field === 'creditCode' ? hit.match.ranges : []} />
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
      responsive: ['md'],
    },
    { title: t('enterprise.hqRegion'), dataIndex: 'hqRegionName', key: 'hqRegionName', render: (name: string | null) => name ?? '—', responsive: ['sm'] },
    { title: t('enterpriseSearch.local'), dataIndex: 'local', key: 'local', render: (local: boolean) => (local ? '✓' : ''), responsive: ['lg'] },
  ];

  const total = (result: TEnterpriseSearchResult | undefined, count: number) =>
    result?.capped ? t('enterpriseSearch.totalCapped', { total: count }) : t('enterpriseSearch.total', { total: count });

  const str = (value: EnterpriseSearchParams[keyof EnterpriseSearchParams]) => (value === undefined || value === null ? undefined : String(value));
  const facets = data ? (
    <EnterpriseFacets facets={data.facets} tier={str(params.tier)} region={str(params.region)} industry={str(params.industry)} onPick={filters.update} />
  ) : null;
  const table = (
    <Table<TEnterpriseSearchHit>
      rowKey="id"
      data-testid="enterprise-search-results"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={isFetching}
      pagination={urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (count) => total(data, count) })}
    />
  );

  return (
    <>
      <ErrorAlert error={error} />
      {screens.lg ? (
        <Flex gap="middle" align="flex-start">
          <Card size="small" title={t('libraryScreen.facets')} style={{ width: 260, flex: 'none' }}>
            {facets}
          </Card>
          <div style={{ flex: 1, minWidth: 0 }}>{table}</div>
        </Flex>
      ) : (
        <>
          <Collapse size="small" style={{ marginBottom: 12 }} items={[{ key: 'facets', label: t('libraryScreen.facets'), children: facets }]} />
          {table}
        </>
      )}
    </>
  );
}
