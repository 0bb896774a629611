import { useState } from 'react';
import { Button, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TProject } from '../../shared/projects.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ProblemDrawer } from '../problems/ProblemDrawer.tsx';
import { useProblemList } from '../problems/problems.queries.ts';
import { ProblemTable } from '../problems/ProblemTable.tsx';
import { RaiseProblemDialog } from '../problems/RaiseProblemDialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

export type ProjectProblemsProps = { project: TProject; canRaise: boolean };

/** 问题: the project's blockers in the ledger, and raising a new one. */
export function ProjectProblems({ project, canRaise }: ProjectProblemsProps) {
  const { t } = useI18n();
  const { data, isFetching, error } = useProblemList({ projectId: project.id, page: 1, pageSize: 200 });
  const [raising, setRaising] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap="small" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('problem.projectHint')}</Typography.Text>
        {canRaise ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)}>
            {t('problem.raise')}
          </Button>
        ) : null}
      </Flex>
      <ErrorAlert error={error} />
      <ProblemTable problems={data?.items ?? []} loading={isFetching} onOpen={(problem) => setOpenId(problem.id)} projectColumn="none" />
      {raising ? <RaiseProblemDialog projectId={project.id} projectName={project.name} onClose={() => setRaising(false)} /> : null}
      <ProblemDrawer problemId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
