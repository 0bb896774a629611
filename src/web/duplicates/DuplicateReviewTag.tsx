import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useProjectDuplicateReview } from './duplicates.queries.ts';

export type DuplicateReviewTagProps = { projectId: number };

/**
 * On a project's page (issue 17): "甄别中" while the bureau reviews whether another unit claimed the same investment,
 * then by whom it was resolved. The unit learns nothing of the other unit's project.
 */
export function DuplicateReviewTag({ projectId }: DuplicateReviewTagProps) {
  const { t } = useI18n();
  const { data } = useProjectDuplicateReview(projectId);
  if (!data || data.status === 'none') return null;
  if (data.status === 'underReview') {
    return (
      <Tooltip title={t('duplicates.review.underReviewHint')}>
        <Tag color="orange" data-testid="duplicate-review-tag">
          {t('duplicates.review.underReview')}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={t('duplicates.review.resolvedHint', { at: formatDateTime(data.resolvedAt), unit: data.resolvedByUnitName ?? '', by: data.resolvedByName ?? '' })}>
      <Tag color="green" data-testid="duplicate-review-tag">
        {t('duplicates.review.resolved', { outcome: data.outcome ? t(`duplicates.status.${data.outcome}`) : '' })}
      </Tag>
    </Tooltip>
  );
}
