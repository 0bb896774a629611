import { Tag } from 'antd';
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

/**
 * The next date a project must reach its next stage by (26211 and the like): the date, its status as a word and as a
 * colour — never a colour alone (issue 16).
 */
export function NextDeadline({ project }: NextDeadlineProps) {
  const { t } = useI18n();
  if (!project.nextDueOn) return <span>—</span>;
  const status = project.deadlineStatus;
  return (
    <Tag color={status ? STATUS_TAGS[status] : 'default'} className="zs-amount" data-status={status ?? undefined}>
      {project.nextDueOn}
      {status ? ` · ${t(`deadline.status.${status}`)}` : ''}
    </Tag>
  );
}

export type DeadlineLightProps = { status: DeadlineStatus; colour?: TDeadlineView['colour']; children?: React.ReactNode };

/** A deadline's light: the rule's colour and the status in words (临期 / 逾期 / 正常), for cards and lists. */
export function DeadlineLight({ status, colour = null, children }: DeadlineLightProps) {
  const { t } = useI18n();
  return (
    <Tag color={colourTag(colour, status)} className="zs-amount" data-status={status} style={{ marginInlineEnd: 0 }}>
      {children ? <>{children} · </> : null}
      {t(`deadline.status.${status}`)}
    </Tag>
  );
}
