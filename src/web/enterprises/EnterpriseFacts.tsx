import { Alert, Descriptions, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { TEnterprise } from '../../shared/enterprises.ts';
import { formatLongDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { useIndustryNames } from '../industries/industries.queries.ts';
import { WanAmount } from '../ui/Amount.tsx';
import { useEnterpriseDetail } from './enterprises.queries.ts';

/**
 * The enterprise's public facts as read (issue 16): what everyone of the city reads, never a disabled form; those who
 * may change them have the page's 编辑 mode.
 */
export function EnterpriseFacts({ enterprise }: { enterprise: TEnterprise }) {
  const { t, locale } = useI18n();
  const industries = useIndustryNames(enterprise.industryCodes);
  const notSet = <Typography.Text type="secondary">{t('projectSummary.notSet')}</Typography.Text>;
  const orNotSet = (value: string | null) => (value ? value : notSet);
  return (
    <section data-testid="enterprise-facts">
      <Typography.Title level={5}>{t('enterprisePage.facts')}</Typography.Title>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 1, xxl: 2 }}
        items={[
          { key: 'creditCode', label: t('enterprise.creditCode'), children: enterprise.creditCode ? <span className="zs-code">{enterprise.creditCode}</span> : notSet },
          { key: 'hq', label: t('enterprise.hqRegion'), children: orNotSet(enterprise.hqRegionName && enterprise.hqCity ? `${enterprise.hqRegionName} · ${enterprise.hqCity}` : enterprise.hqRegionName) },
          ...(enterprise.englishName ? [{ key: 'englishName', label: t('library.englishName'), children: enterprise.englishName }] : []),
          {
            key: 'industries',
            label: t('library.industryCodes'),
            span: 'filled' as const,
            children:
              enterprise.industryCodes.length === 0 ? (
                notSet
              ) : (
                <Flex gap={4} wrap>
                  {enterprise.industryCodes.map((code) => (
                    <Tag key={code}>
                      {code} {industries.get(code) ?? ''}
                    </Tag>
                  ))}
                </Flex>
              ),
          },
          {
            key: 'capital',
            label: t('library.registeredCapital'),
            children: enterprise.registeredCapitalYuan === null ? notSet : <WanAmount yuan={enterprise.registeredCapitalYuan} />,
          },
          { key: 'founded', label: t('library.foundedOn'), children: orNotSet(enterprise.foundedOn) },
          { key: 'size', label: t('library.sizeBand'), children: enterprise.sizeBand ? t(`library.size.${enterprise.sizeBand}` as MessageKey) : notSet },
          {
            key: 'listing',
            label: t('library.listingExchange'),
            children: enterprise.listingExchange ? `${enterprise.listingExchange}${enterprise.listingTicker ? ` ${enterprise.listingTicker}` : ''}` : notSet,
          },
          {
            key: 'parent',
            label: t('library.parent'),
            children: enterprise.parentEnterpriseId ? <Link to={`/enterprises/${enterprise.parentEnterpriseId}`}>{enterprise.parentName}</Link> : notSet,
          },
          { key: 'source', label: t('enterprisePage.sourceRegion'), children: orNotSet(enterprise.sourceRegionName) },
          { key: 'localUnit', label: t('library.localUnit'), children: orNotSet(enterprise.localUnitName) },
          { key: 'unit', label: t('enterprise.unit'), children: enterprise.unitName },
          ...(enterprise.website
            ? [
                {
                  key: 'website',
                  label: t('library.website'),
                  children: (
                    <Typography.Link href={enterprise.website} target="_blank" rel="noreferrer">
                      {enterprise.website}
                    </Typography.Link>
                  ),
                },
              ]
            : []),
          ...(enterprise.businessScope ? [{ key: 'scope', label: t('library.businessScope'), span: 'filled' as const, children: enterprise.businessScope }] : []),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('common.timestamps', { created: formatLongDateTime(enterprise.createdAt, locale), updated: formatLongDateTime(enterprise.updatedAt, locale) })}
      </Typography.Paragraph>
    </section>
  );
}

/**
 * Who else follows the enterprise (issue 13's rule): another unit's leads, visits and projects show only as that
 * unit's name and the kinds of work — "另一单位正在跟进：谷城县".
 */
export function EnterpriseInterest({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useI18n();
  const { data } = useEnterpriseDetail(enterpriseId);
  if (!data || data.interest.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="enterprise-interest"
      style={{ marginBottom: 16 }}
      message={
        <Flex vertical gap={4}>
          {data.interest.map((item) => (
            <Flex key={item.unitName} gap="small" wrap align="center">
              {t('library.interestItem', { unit: item.unitName })}
              {item.kinds.map((kind) => (
                <Tag key={kind}>{t(`library.interestKind.${kind}` as MessageKey)}</Tag>
              ))}
            </Flex>
          ))}
        </Flex>
      }
    />
  );
}
