import { Alert } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { useStageVerifications } from './verification.queries.ts';

/**
 * On the 督办 list (issue 17): how many stage changes wait for verification and how long the oldest has waited — the
 * queue is sorted oldest first, so its first row is the oldest.
 */
export function VerificationWaiting() {
  const { t } = useI18n();
  const { data } = useStageVerifications('reported', 1, 1);
  if (!data || data.total === 0) return null;
  return (
    <Alert
      data-testid="verification-waiting"
      type={data.items[0]!.daysWaiting > 14 ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      message={t('verification.supervisionTitle')}
      description={t('verification.supervisionSummary', { count: data.total, days: data.items[0]!.daysWaiting })}
      action={<Link to="/supervision?view=verification">{t('verification.supervisionLink')}</Link>}
    />
  );
}
