import { Alert, Button, Flex, Input, Select, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { canWriteRecords, seesUnitRecords } from '../../domain/roles.ts';
import { PROJECT_STATES, type ProjectState } from '../../domain/stages.ts';
import type { TProject } from '../../shared/projects.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { UnitTreeSelect } from '../units/UnitTreeSelect.tsx';
import { WanAmount } from '../ui/Amount.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { NextDeadline } from './DeadlineTag.tsx';
import { useProjectList, type DeadlineStatus } from './projects.queries.ts';
import { StageTag, stageOptions } from './StageTag.tsx';

const DEADLINE_STATUSES: readonly DeadlineStatus[] = ['overdue', 'dueSoon', 'onTrack'];

function asStage(value: string | undefined): ProjectState | undefined {
  return (PROJECT_STATES as readonly string[]).includes(value ?? '') ? (value as ProjectState) : undefined;
}

function asDeadlineStatus(value: string | undefined): DeadlineStatus | undefined {
  return (DEADLINE_STATUSES as readonly string[]).includes(value ?? '') ? (value as DeadlineStatus) : undefined;
}

export function ProjectListPage() {
  const me = useCurrentUser();
  const { t } = useI18n();
  const navigate = useNavigate();
  const filters = useUrlFilters();
  const q = filters.text('q');
  const unitId = filters.number('unitId');
  const stage = asStage(filters.text('stage'));
  const deadlineStatus = asDeadlineStatus(filters.text('deadline'));
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  const { data, isFetching, error } = useProjectList({ q, unitId, stage, deadlineStatus, page, pageSize });

  const columns: TableColumnsType<TProject> = [
    {
      title: t('project.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, project) => <Link to={`/projects/${project.id}`}>{name}</Link>,
    },
    { title: t('project.investor'), dataIndex: 'investorName', key: 'investorName', responsive: ['md'] },
    { title: t('project.unit'), dataIndex: 'unitName', key: 'unitName', responsive: ['sm'] },
    {
      title: t('project.totalInvestmentWan'),
      dataIndex: 'totalInvestmentYuan',
      key: 'totalInvestmentYuan',
      align: 'right',
      // "总投资(万元)" stays on one line on a phone instead of breaking inside the unit.
      onHeaderCell: () => ({ style: { wordBreak: 'keep-all' } }),
      render: (yuan: number) => <WanAmount yuan={yuan} />,
    },
    { title: t('project.stage'), dataIndex: 'stage', key: 'stage', render: (value: ProjectState) => <StageTag stage={value} /> },
    {
      title: t('project.nextDeadline'),
      key: 'nextDueOn',
      render: (_value, project) => <NextDeadline project={project} />,
      responsive: ['lg'],
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.projects')}
        extra={
          canWriteRecords(me.role) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/projects/new')}>
              {t('project.create')}
            </Button>
          ) : undefined
        }
      />
      {!seesUnitRecords(me.role) ? <Alert type="info" showIcon title={t('common.departmentNotice')} style={{ marginBottom: 16 }} /> : null}
      <Flex className="zs-filters" gap="small" wrap>
        <Input.Search
          key={q ?? ''}
          defaultValue={q}
          allowClear
          enterButton
          placeholder={t('project.searchPlaceholder')}
          aria-label={t('project.searchPlaceholder')}
          onSearch={(value) => filters.update({ q: value.trim() })}
          style={{ flex: '1 1 240px', maxWidth: 360 }}
        />
        <UnitTreeSelect
          aria-label={t('project.filterUnit')}
          value={unitId}
          onChange={(value) => filters.update({ unitId: value })}
          allowClear
          placeholder={t('project.allUnits')}
          style={{ flex: '1 1 180px', maxWidth: 260 }}
        />
        <Select<ProjectState>
          aria-label={t('project.filterStage')}
          value={stage}
          onChange={(value) => filters.update({ stage: value })}
          allowClear
          placeholder={t('project.allStages')}
          options={stageOptions(t)}
          style={{ flex: '1 1 140px', maxWidth: 180 }}
        />
        <Select<DeadlineStatus>
          aria-label={t('project.filterDeadline')}
          value={deadlineStatus}
          onChange={(value) => filters.update({ deadline: value })}
          allowClear
          placeholder={t('project.allDeadlines')}
          options={DEADLINE_STATUSES.map((status) => ({ value: status, label: t(`deadline.status.${status}`) }))}
          style={{ flex: '1 1 140px', maxWidth: 180 }}
        />
      </Flex>
      <ErrorAlert error={error} />
      <Table<TProject>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('project.total', { total }),
          onChange: (nextPage, nextSize) => filters.update({ page: nextSize !== pageSize ? 1 : nextPage, pageSize: nextSize }),
        }}
      />
    </>
  );
}
