import { Alert } from 'antd';
import { Link } from 'react-router';
import type { TEnterpriseDetail } from '../../shared/enterprises.ts';
import { formatLongDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

export type EnterpriseMergedBannerProps = { mergedInto: NonNullable<TEnterpriseDetail['mergedInto']> };

/** A record merged into another (issue 13): which one carries it on, when and by whom; no new work is started here. */
export function EnterpriseMergedBanner({ mergedInto }: EnterpriseMergedBannerProps) {
  const { t, locale } = useI18n();
  return (
    <Alert
      data-testid="enterprise-merged-banner"
      type="warning"
      showIcon
      style={{ maxWidth: 640, marginBottom: 16 }}
      message={
        <>
          {t('enterpriseMerge.mergedInto')} <Link to={`/enterprises/${mergedInto.id}`}>{mergedInto.name}</Link>
        </>
      }
      description={t('enterpriseMerge.mergedIntoBy', {
        at: formatLongDateTime(mergedInto.mergedAt, locale),
        by: mergedInto.mergedByName ?? t('enterpriseMerge.someone'),
      })}
    />
  );
}
