import { Tag } from 'antd';
import { PROJECT_STATES, type ProjectState } from '../../domain/stages.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';

/** Preset palette names: cool colours as a project advances, warm ones for the side states. */
const STAGE_COLORS: Record<ProjectState, string> = {
  lead: 'default',
  signed: 'blue',
  registered: 'cyan',
  started: 'geekblue',
  producing: 'green',
  inStats: 'purple',
  stalled: 'orange',
  terminated: 'red',
};

export function StageTag({ stage }: { stage: ProjectState }) {
  const { t } = useI18n();
  return <Tag color={STAGE_COLORS[stage]}>{t(`stage.${stage}`)}</Tag>;
}

export function stageOptions(t: Translate) {
  return PROJECT_STATES.map((stage) => ({ value: stage, label: t(`stage.${stage}`) }));
}
