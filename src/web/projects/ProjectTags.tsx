import { Tag, Tooltip } from 'antd';
import { LockOutlined, StarFilled } from '@ant-design/icons';
import type { TProject } from '../../shared/projects.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * 🔒 保密: a project shown under its code name (its investor withheld), or — inside its own unit — one that has a
 * code name and so is shown that way to everyone else.
 */
export function ConfidentialTag({ project }: { project: Pick<TProject, 'confidential' | 'codeName'> }) {
  const { t } = useI18n();
  if (!project.confidential && !project.codeName) return null;
  return (
    <Tooltip title={project.confidential ? t('project.confidentialOutside') : t('project.confidentialInside', { codeName: project.codeName ?? '' })}>
      <Tag icon={<LockOutlined />} color="purple" data-testid="confidential-tag">
        {t('project.confidential')}
      </Tag>
    </Tooltip>
  );
}

/** 重大项目 */
export function MajorTag({ project }: { project: Pick<TProject, 'isMajor'> }) {
  const { t } = useI18n();
  if (!project.isMajor) return null;
  return (
    <Tag icon={<StarFilled />} color="gold">
      {t('project.major')}
    </Tag>
  );
}
