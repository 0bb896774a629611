import { Flex, Tag } from 'antd';
import type { TProblem } from '../../shared/problems.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** 用地 / 审批 / 资金 / 水电气 / 人才 / 其他 */
export function CategoryTag({ category }: { category: TProblem['category'] }) {
  const { t } = useI18n();
  return <Tag>{t(`problem.category.${category}`)}</Tag>;
}

/** Open or resolved, raised to the city (市级督办), past its due date. */
export function ProblemStateTags({ problem }: { problem: Pick<TProblem, 'state' | 'level' | 'overdue'> }) {
  const { t } = useI18n();
  return (
    <Flex gap={4} wrap>
      <Tag color={problem.state === 'resolved' ? 'green' : 'blue'}>{t(`problem.state.${problem.state}`)}</Tag>
      {problem.level === 'city' ? <Tag color="volcano">{t('problem.level.city')}</Tag> : null}
      {problem.overdue ? <Tag color="red">{t('problem.overdue')}</Tag> : null}
    </Flex>
  );
}
