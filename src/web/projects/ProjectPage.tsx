import { useState } from 'react';
import { Button, Flex, Result, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { canWriteRecords } from '../../domain/roles.ts';
import type { StageDates } from '../../domain/deadlines.ts';
import type { TProject } from '../../shared/projects.ts';
import { ApiError } from '../api/client.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { WanAmount } from '../ui/Amount.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { FullPageSpin } from '../ui/FullPageSpin.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { NextDeadline } from './DeadlineTag.tsx';
import { ProjectForm } from './ProjectForm.tsx';
import { ProjectFunds } from './ProjectFunds.tsx';
import { ProjectLifecycle } from './ProjectLifecycle.tsx';
import { ProjectProblems } from './ProjectProblems.tsx';
import { ProjectSummary } from './ProjectSummary.tsx';
import { ConfidentialTag, MajorTag } from './ProjectTags.tsx';
import { ProjectTimeline } from './ProjectTimeline.tsx';
import { useProject, useProjectLifecycle } from './projects.queries.ts';
import { StageMoveDialog, moveTargets } from './StageMoveDialog.tsx';
import { StageTag } from './StageTag.tsx';
import { DuplicateReviewTag } from '../duplicates/DuplicateReviewTag.tsx';

const TABS = ['summary', 'lifecycle', 'funds', 'problems', 'timeline'] as const;
type Tab = (typeof TABS)[number];

/**
 * /projects/:id — opens on the project's summary (issue 16), then its stages and deadlines, funds arrived, problems and
 * timeline as tabs. Editing the record is a mode of its own (?edit=1, the 编辑 button of those who may write); a leader
 * reads the summary, never a disabled form.
 */
export function ProjectPage() {
  const { id } = useParams();
  const projectId = Number(id);
  const { t } = useI18n();
  const { data, error, isPending } = useProject(Number.isInteger(projectId) ? projectId : undefined);
  if (!Number.isInteger(projectId) || (error instanceof ApiError && error.status === 404)) {
    return <Result status="404" title={t('project.notFound')} />;
  }
  if (error) return <ErrorAlert error={error} />;
  if (isPending) return <FullPageSpin />;
  return <ProjectView key={data.id} project={data} />;
}

function ProjectView({ project }: { project: TProject }) {
  const me = useCurrentUser();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // ?tab=info (the record's old first tab) opens the summary too.
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'summary';
  const { data: lifecycle } = useProjectLifecycle(project.id);
  const [moving, setMoving] = useState(false);
  // A confidential project seen from outside its unit arrives under its code name, without its investor.
  const readOnly = !canWriteRecords(me.role) || project.confidential;
  const canMove = !readOnly && !!lifecycle && moveTargets(lifecycle.state, lifecycle.stageDates as StageDates).length > 0;
  const editing = !readOnly && params.get('edit') === '1';
  const breadcrumb = [{ title: t('nav.projects'), to: '/projects' }, { title: project.name }];

  const handleEditing = (next: boolean) => {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next) updated.set('edit', '1');
        else updated.delete('edit');
        return updated;
      },
      { replace: !next },
    );
  };

  const handleTab = (next: string) => {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next === 'summary') updated.delete('tab');
        else updated.set('tab', next);
        return updated;
      },
      { replace: true },
    );
  };

  if (editing) {
    return (
      <>
        <PageHeader
          title={project.name}
          subTitle={t('projectPage.editTitle')}
          breadcrumb={[...breadcrumb.slice(0, 1), { title: project.name, to: `/projects/${project.id}` }, { title: t('projectPage.edit') }]}
          onBack={() => handleEditing(false)}
        />
        <ProjectForm project={project} readOnly={false} onCreated={() => {}} onSaved={() => handleEditing(false)} onCancel={() => handleEditing(false)} />
      </>
    );
  }

  return (
    <>
      <PageHeader
        breadcrumb={breadcrumb}
        title={project.name}
        subTitle={
          <Flex gap={4} wrap align="center">
            <StageTag stage={lifecycle?.state ?? project.stage} />
            {project.nextDueOn ? <NextDeadline project={project} /> : null}
            <ConfidentialTag project={project} />
            <MajorTag project={project} />
            <DuplicateReviewTag projectId={project.id} />
            {readOnly ? <Tag>{t('common.readOnly')}</Tag> : null}
          </Flex>
        }
        onBack={() => void navigate('/projects')}
        extra={
          readOnly ? undefined : (
            <>
              <Button icon={<EditOutlined />} onClick={() => handleEditing(true)}>
                {t('projectPage.edit')}
              </Button>
              {canMove ? (
                <Button type="primary" icon={<NodeIndexOutlined />} onClick={() => setMoving(true)}>
                  {t('stageMove.title')}
                </Button>
              ) : null}
            </>
          )
        }
      />
      <Flex gap="large" wrap style={{ marginTop: -8, marginBottom: 8 }}>
        <Typography.Text type="secondary">
          {t('project.unit')}: {project.unitName}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('project.totalInvestmentWan')}: <WanAmount yuan={project.totalInvestmentYuan} />
        </Typography.Text>
        {project.investorName && !project.confidential ? (
          <Typography.Text type="secondary">
            {t('project.investor')}: {project.investorName}
          </Typography.Text>
        ) : null}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={handleTab}
        items={[
          { key: 'summary', label: t('projectPage.summary'), children: <ProjectSummary project={project} lifecycle={lifecycle} /> },
          { key: 'lifecycle', label: t('projectPage.lifecycle'), children: <ProjectLifecycle projectId={project.id} canCorrect={!readOnly} /> },
          { key: 'funds', label: t('projectPage.funds'), children: <ProjectFunds projectId={project.id} canWrite={!readOnly} /> },
          { key: 'problems', label: t('projectPage.problems'), children: <ProjectProblems project={project} canRaise={!readOnly} /> },
          { key: 'timeline', label: t('projectPage.timeline'), children: <ProjectTimeline projectId={project.id} canComment={me.role !== 'department'} /> },
        ]}
      />
      {moving && lifecycle ? (
        <StageMoveDialog projectId={project.id} lifecycle={lifecycle} onClose={() => setMoving(false)} onMoved={() => handleTab('lifecycle')} />
      ) : null}
    </>
  );
}
