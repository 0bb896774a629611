import { Tag, Tooltip } from 'antd';
import type { TStageEvent } from '../../shared/project-stages.ts';
import { useI18n } from '../i18n/i18n.tsx';

export const VERIFICATION_COLOURS = { reported: 'gold', confirmed: 'green', rejected: 'red', withdrawn: 'default' } as const;

export type VerificationTagProps = { verification: TStageEvent['verification'] };

/** On a stage record (issue 17): 待核实 / 已核实 / 已退回 with why, when the bureau's settings put the change under verification. */
export function VerificationTag({ verification }: VerificationTagProps) {
  const { t } = useI18n();
  if (!verification || verification.status === 'withdrawn') return null;
  const tag = (
    <Tag color={VERIFICATION_COLOURS[verification.status]} data-testid="verification-tag">
      {t(`verification.status.${verification.status}`)}
    </Tag>
  );
  if (verification.status === 'reported') return <Tooltip title={t('verification.tag.reportedHint')}>{tag}</Tooltip>;
  if (verification.status === 'rejected') return <Tooltip title={t('verification.tag.rejectedHint', { reason: verification.reason ?? '' })}>{tag}</Tooltip>;
  return tag;
}
