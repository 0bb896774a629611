import { Alert, Button, Checkbox, Flex, Select } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { seesUnitRecords } from '../../domain/roles.ts';
import type { TProblem } from '../../shared/problems.ts';
import { apiUrl } from '../api/client.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { DepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { ScopeUnitSelect } from '../metrics/ScopeUnitSelect.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters, urlPagination } from '../ui/use-url-filters.ts';
import { ProblemDrawer } from './ProblemDrawer.tsx';
import { useProblemList } from './problems.queries.ts';
import { ProblemTable } from './ProblemTable.tsx';

const STATES: readonly TProblem['state'][] = ['open', 'resolved'];
const LEVELS: readonly TProblem['level'][] = ['city', 'unit'];

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

/** 问题台账: the problems the caller sees — a department only those routed to it — open ones first, by due date. */
export function ProblemsPage() {
  const me = useCurrentUser();
  const { t } = useI18n();
  const filters = useUrlFilters();
  const state = oneOf(STATES, filters.text('state'));
  const level = oneOf(LEVELS, filters.text('level'));
  const departmentId = filters.number('departmentId');
  const overdue = filters.text('overdue') === 'true' ? ('true' as const) : undefined;
  const unitId = filters.number('unitId');
  const openId = filters.number('problem') ?? null;
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  const { data, isFetching, error } = useProblemList({ state, level, departmentId, overdue, unitId, page, pageSize });

  return (
    <>
      <PageHeader
        title={t('nav.problems')}
        subTitle={data ? t('problem.total', { total: data.total }) : undefined}
        extra={
          <Button icon={<DownloadOutlined />} href={apiUrl('/problems/export', { state, level, departmentId, overdue, unitId })} download>
            {t('problem.export')}
          </Button>
        }
      />
      {!seesUnitRecords(me.role) ? <Alert type="info" showIcon title={t('problem.departmentNotice')} style={{ marginBottom: 16 }} /> : null}
      <Flex className="zs-filters" gap="small" wrap>
        <Select<TProblem['state']>
          aria-label={t('problem.filterState')}
          value={state}
          onChange={(value) => filters.update({ state: value })}
          allowClear
          placeholder={t('problem.allStates')}
          options={STATES.map((value) => ({ value, label: t(`problem.state.${value}`) }))}
          style={{ flex: '1 1 140px', maxWidth: 180 }}
        />
        <Select<TProblem['level']>
          aria-label={t('problem.filterLevel')}
          value={level}
          onChange={(value) => filters.update({ level: value })}
          allowClear
          placeholder={t('problem.allLevels')}
          options={LEVELS.map((value) => ({ value, label: t(`problem.level.${value}`) }))}
          style={{ flex: '1 1 140px', maxWidth: 180 }}
        />
        {seesUnitRecords(me.role) ? (
          <DepartmentSelect
            aria-label={t('problem.filterDepartment')}
            value={departmentId}
            onChange={(value) => filters.update({ departmentId: value })}
            placeholder={t('problem.allDepartments')}
            style={{ flex: '1 1 180px', maxWidth: 240 }}
          />
        ) : null}
        {seesUnitRecords(me.role) ? (
          <ScopeUnitSelect aria-label={t('problem.filterUnit')} value={unitId} onChange={(value) => filters.update({ unitId: value })} />
        ) : null}
        <Checkbox checked={!!overdue} onChange={(event) => filters.update({ overdue: event.target.checked ? 'true' : null })} data-testid="problems-overdue">
          {t('problem.onlyOverdue')}
        </Checkbox>
      </Flex>
      <ErrorAlert error={error} />
      <ProblemTable
        problems={data?.items ?? []}
        loading={isFetching}
        onOpen={(problem) => filters.update({ problem: problem.id, page })}
        projectColumn={seesUnitRecords(me.role) ? 'link' : 'text'}
        columnSettings
        pagination={urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('problem.total', { total }) })}
      />
      <ProblemDrawer problemId={openId} onClose={() => filters.update({ problem: null, page })} />
    </>
  );
}
