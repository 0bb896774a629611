import { Tag, Tooltip } from 'antd';
import type { TDeadlineView } from '../../shared/project-stages.ts';
import type { TProject } from '../../shared/projects.ts';
import { useI18n } from '../i18n/i18n.tsx';

type DeadlineStatus = NonNullable<TProject['deadlineStatus']>;

/** Preset palette names for the deadline rule's own colours (绿/蓝/黄/橙/红 in the rule data). */
const COLOUR_TAGS: Record<NonNullable<TDeadlineView['colour']>, string> = {
  green: 'green',
  blue: 'blue',
  yellow: 'gold',
  orange: 'orange',
  red: 'red',
};

const STATUS_TAGS: Record<DeadlineStatus, string> = { onTrack: 'green', dueSoon: 'gold', overdue: 'red' };

export function colourTag(colour: TDeadlineView['colour'], status: TDeadlineView['status']): string {
  if (colour) return COLOUR_TAGS[colour];
  return status ? STATUS_TAGS[status] : 'default';
}

export type NextDeadlineProps = { project: Pick<TProject, 'nextDueOn' | 'deadlineStatus' | 'stage'> };

/** The next date a project must reach its next stage by (26211 and the like), coloured by how close it is. */
export function NextDeadline({ project }: NextDeadlineProps) {
  const { t } = useI18n();
  if (!project.nextDueOn) return <span>—</span>;
  const status = project.deadlineStatus;
  return (
    <Tooltip title={status ? t(`deadline.status.${status}`) : undefined}>
      <Tag color={status ? STATUS_TAGS[status] : 'default'} className="zs-amount">
        {project.nextDueOn}
      </Tag>
    </Tooltip>
  );
}
