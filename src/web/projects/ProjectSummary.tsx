import { Card, Col, Descriptions, Empty, Flex, List, Row, Statistic, Steps, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { PROJECT_STAGES, type ProjectStage } from '../../domain/stages.ts';
import type { TProblem } from '../../shared/problems.ts';
import type { TDeadlineView, TProjectLifecycle } from '../../shared/project-stages.ts';
import type { TProject } from '../../shared/projects.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { industryLabel } from '../industries/IndustrySelect.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { metricText } from '../metrics/metric-format.ts';
import { useScopeRules } from '../metrics/metrics.queries.ts';
import { useProblemList } from '../problems/problems.queries.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { WanUsdAmount } from '../ui/Amount.tsx';
import { colourTag } from './DeadlineTag.tsx';
import { useProjectFunds } from './projects.queries.ts';

export type ProjectSummaryProps = { project: TProject; lifecycle: TProjectLifecycle | undefined };

/**
 * 概览 (issue 16): what a leader reads at a glance — the stages with their dates, the next deadline in words, the
 * open problems and their 批示, the money (总投资, 协议投资, 实际到位, 到位率) and who is responsible. Read-only for
 * everyone; editing is the page's separate 编辑 mode.
 */
export function ProjectSummary({ project, lifecycle }: ProjectSummaryProps) {
  return (
    <Row gutter={[16, 16]} data-testid="project-summary">
      <Col xs={24}>
        <StageStepper project={project} lifecycle={lifecycle} />
      </Col>
      <Col xs={24} lg={12}>
        <NextDeadlineCard lifecycle={lifecycle} />
      </Col>
      <Col xs={24} lg={12}>
        <MoneyCard project={project} />
      </Col>
      <Col xs={24} lg={12}>
        <OpenProblemsCard project={project} />
      </Col>
      <Col xs={24} lg={12}>
        <PeopleCard project={project} />
      </Col>
      <Col xs={24}>
        <DetailsCard project={project} />
      </Col>
    </Row>
  );
}

function StageStepper({ project, lifecycle }: ProjectSummaryProps) {
  const { t } = useI18n();
  const state = lifecycle?.state ?? project.stage;
  const dates = (lifecycle?.stageDates ?? project.stageDates) as Partial<Record<ProjectStage, string>>;
  // A stalled or terminated project stands at the last stage it reached, marked so.
  const reached = PROJECT_STAGES.filter((stage) => dates[stage] || stage === 'lead');
  const current = (PROJECT_STAGES as readonly string[]).includes(state) ? PROJECT_STAGES.indexOf(state as ProjectStage) : PROJECT_STAGES.indexOf(reached.at(-1)!);
  const halted = state === 'stalled' || state === 'terminated';
  return (
    <Card size="small" title={t('projectSummary.stages')} extra={halted ? <Tag color={state === 'terminated' ? 'red' : 'orange'}>{t(`stage.${state}`)}</Tag> : null}>
      <Steps
        size="small"
        current={current}
        status={halted ? 'error' : current === PROJECT_STAGES.length - 1 ? 'finish' : 'process'}
        data-testid="summary-stages"
        items={PROJECT_STAGES.map((stage) => ({
          title: t(`stage.${stage}`),
          description: <span className="zs-amount">{dates[stage] ?? '—'}</span>,
        }))}
      />
    </Card>
  );
}

/** "注册期限 2027-04-05，还有 124 天": the open deadline due first, named by the stage it waits for. */
export function deadlineLabel(deadline: TDeadlineView, t: Translate): string {
  const milestone = t(`projectSummary.milestone.${deadline.toStage}` as MessageKey);
  const days = deadline.daysLeft ?? 0;
  if (days > 0) return t('projectSummary.deadlineLeft', { milestone, date: deadline.dueDate, days });
  if (days === 0) return t('projectSummary.deadlineToday', { milestone, date: deadline.dueDate });
  return t('projectSummary.deadlineOverdue', { milestone, date: deadline.dueDate, days: -days });
}

function NextDeadlineCard({ lifecycle }: { lifecycle: TProjectLifecycle | undefined }) {
  const { t } = useI18n();
  const next = (lifecycle?.deadlines ?? []).filter((d) => d.open).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  return (
    <Card size="small" title={t('projectSummary.deadline')} loading={!lifecycle} style={{ height: '100%' }}>
      {next ? (
        <Flex gap="small" align="center" wrap data-testid="summary-deadline">
          {next.status ? <Tag color={colourTag(next.colour, next.status)}>{t(`deadline.status.${next.status}`)}</Tag> : null}
          <Typography.Text strong style={{ fontSize: 16 }}>
            {deadlineLabel(next, t)}
          </Typography.Text>
        </Flex>
      ) : (
        <Typography.Text type="secondary" data-testid="summary-deadline">
          {t('projectSummary.noDeadline')}
        </Typography.Text>
      )}
    </Card>
  );
}

function MoneyCard({ project }: { project: TProject }) {
  const { t } = useI18n();
  const { data: funds, error } = useProjectFunds(project.id);
  const money = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? '—' : metricText(yuan, 'yuan', t));
  const figures: Array<{ key: string; title: string; value: string }> = [
    { key: 'total', title: t('projectSummary.total'), value: money(project.totalInvestmentYuan) },
    { key: 'contract', title: t('projectSummary.contract'), value: money(project.contractInvestmentYuan) },
    { key: 'arrived', title: t('projectSummary.arrived'), value: funds ? money(funds.arrivedYuan) : '…' },
    // 资金到位率 as the server computes it with the domain's exact percent (src/domain/rates.ts).
    { key: 'rate', title: t('projectSummary.arrivalRate'), value: funds ? (funds.arrivalRate === null ? '—' : `${funds.arrivalRate}%`) : '…' },
  ];
  return (
    <Card
      size="small"
      title={t('projectSummary.money')}
      extra={project.amountsEstimated ? <Tag color="gold">{t('projectSummary.estimated')}</Tag> : null}
      style={{ height: '100%' }}
    >
      <ErrorAlert error={error} />
      <Row gutter={[12, 12]} data-testid="summary-money">
        {figures.map((figure) => (
          <Col key={figure.key} xs={12} md={6} lg={12} xl={6}>
            <Statistic title={figure.title} value={figure.value} valueStyle={{ fontSize: 18 }} data-testid={`summary-money-${figure.key}`} />
          </Col>
        ))}
      </Row>
      {funds && funds.arrivedUsd > 0 ? (
        <Typography.Text type="secondary">
          {t('projectSummary.arrivedUsd')}: <WanUsdAmount usd={funds.arrivedUsd} withUnit />
        </Typography.Text>
      ) : null}
    </Card>
  );
}

function OpenProblemsCard({ project }: { project: TProject }) {
  const { t } = useI18n();
  const { data, error, isPending } = useProblemList({ projectId: project.id, state: 'open', page: 1, pageSize: 50 });
  const problems = data?.items ?? [];
  return (
    <Card
      size="small"
      title={`${t('projectSummary.problems')}${data ? `（${data.total}）` : ''}`}
      extra={problems.length > 0 ? <Link to="?tab=problems">{t('projectSummary.allProblems')}</Link> : null}
      loading={isPending}
      style={{ height: '100%' }}
    >
      <ErrorAlert error={error} />
      {problems.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projectSummary.noProblems')} />
      ) : (
        <List size="small" dataSource={problems} data-testid="summary-problems" renderItem={(problem) => <ProblemLine problem={problem} />} />
      )}
    </Card>
  );
}

function ProblemLine({ problem }: { problem: TProblem }) {
  const { t } = useI18n();
  const instructions = problem.notes.filter((note) => note.kind === 'instruction');
  return (
    <List.Item>
      <Flex vertical gap={2}>
        <Flex gap="small" wrap align="center">
          <Tag>{t(`problem.category.${problem.category}`)}</Tag>
          <Typography.Text>{problem.description}</Typography.Text>
        </Flex>
        <Flex gap="small" wrap align="center">
          {problem.departmentName ? <Typography.Text type="secondary">{problem.departmentName}</Typography.Text> : null}
          {problem.dueOn ? <Typography.Text type="secondary">{t('projectSummary.problemDue', { date: problem.dueOn })}</Typography.Text> : null}
          {problem.overdue ? <Tag color="red">{t('deadline.status.overdue')}</Tag> : null}
          {problem.level === 'city' ? <Tag color="volcano">{t('problem.level.city')}</Tag> : null}
        </Flex>
        {instructions.map((note) => (
          <Typography.Text key={note.id} strong data-testid="summary-instruction">
            {t('projectSummary.instruction', { text: note.text })}
            {note.author ? `（${note.author}）` : ''}
          </Typography.Text>
        ))}
      </Flex>
    </List.Item>
  );
}

function PeopleCard({ project }: { project: TProject }) {
  const { t } = useI18n();
  const split = project.reportedUnitId !== null && project.reportedUnitId !== project.unitId;
  // The bureau's 首报单位 share (counting rules): only read when this project has another reporting unit.
  const rules = useScopeRules();
  const share = split ? Math.trunc(rules.data?.rules.reportingUnitSharePercent ?? 0) : 0;
  const notSet = <Typography.Text type="secondary">{t('projectSummary.notSet')}</Typography.Text>;
  return (
    <Card size="small" title={t('projectSummary.people')} style={{ height: '100%' }}>
      <Descriptions
        size="small"
        column={1}
        data-testid="summary-people"
        items={[
          { key: 'unit', label: t('project.unit'), children: project.unitName },
          {
            key: 'reported',
            label: t('project.reportedUnit'),
            children: split ? (
              <Flex gap="small" wrap align="center">
                {project.reportedUnitName}
                {share > 0 ? <Tag color="blue">{t('projectSummary.creditSplit', { share, rest: 100 - share })}</Tag> : null}
              </Flex>
            ) : (
              t('project.sameAsUnit')
            ),
          },
          { key: 'leader', label: t('project.responsibleLeader'), children: project.responsibleLeader ?? notSet },
          { key: 'officer', label: t('project.responsibleOfficer'), children: project.responsibleOfficerName ?? notSet },
        ]}
      />
    </Card>
  );
}

function DetailsCard({ project }: { project: TProject }) {
  const { t, locale } = useI18n();
  const notSet = <Typography.Text type="secondary">{t('projectSummary.notSet')}</Typography.Text>;
  const investor =
    project.confidential || !project.investorName ? (
      notSet
    ) : project.investorEnterpriseId ? (
      <Link to={`/enterprises/${project.investorEnterpriseId}`}>{project.investorName}</Link>
    ) : (
      project.investorName
    );
  return (
    <Card size="small" title={t('projectSummary.details')}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
        data-testid="summary-details"
        items={[
          { key: 'investor', label: t('project.investor'), children: investor },
          { key: 'industry', label: t('project.industry'), children: project.industryName && project.industryCode ? industryLabel(project.industryCode, project.industryName, locale) : notSet },
          { key: 'localIndustry', label: t('localIndustry.field'), children: project.localIndustry ?? notSet },
          { key: 'type', label: t('project.type'), children: t(`projectType.${project.projectType}`) },
          { key: 'fundSource', label: t('project.fundSource'), children: project.fundSource ? t(`fundSource.${project.fundSource}`) : notSet },
          { key: 'major', label: t('project.isMajor'), children: project.isMajor ? t('project.major') : t('project.notMajor') },
          { key: 'threeBatch', label: t('project.threeBatch'), children: project.threeBatch ?? notSet },
          ...(project.code ? [{ key: 'code', label: t('projectSummary.code'), children: <span className="zs-code">{project.code}</span> }] : []),
          ...(project.note ? [{ key: 'note', label: t('projectSummary.note'), children: project.note }] : []),
        ]}
      />
    </Card>
  );
}
