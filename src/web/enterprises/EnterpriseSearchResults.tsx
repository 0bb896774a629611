import { Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { TEnterpriseSearchHit, TEnterpriseSearchResult } from '../../shared/enterprises-search.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Highlighted } from '../ui/Highlighted.tsx';
import { urlPagination, type useUrlFilters } from '../ui/use-url-filters.ts';
import { useEnterpriseSearch } from './enterprise-search.queries.ts';

export type EnterpriseSearchResultsProps = { q: string; page: number; pageSize: number; filters: ReturnType<typeof useUrlFilters> };

/** The enterprise list while a search is typed: ranked hits with the matched part marked, and counts per tier. */
export function EnterpriseSearchResults({ q, page, pageSize, filters }: EnterpriseSearchResultsProps) {
  const { t } = useI18n();
  const { data, isFetching, error } = useEnterpriseSearch({ q, page, pageSize });
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

  return (
    <>
      <ErrorAlert error={error} />
      {data && data.facets.tier.length > 0 ? (
        <Flex gap="small" wrap style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('enterpriseSearch.tiers')}</Typography.Text>
          {data.facets.tier.map((facet) => (
            <Tag key={facet.key}>
              {tierName(facet.key)} {facet.count}
            </Tag>
          ))}
        </Flex>
      ) : null}
      <Table<TEnterpriseSearchHit>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (count) => total(data, count) })}
      />
    </>
  );
}
