import { Button, Flex, Table, Typography, type TablePaginationConfig, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { TProblem } from '../../shared/problems.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useColumnSettings } from '../ui/ColumnSettings.tsx';
import { CategoryTag, ProblemStateTags } from './ProblemTags.tsx';

export type ProblemTableProps = {
  problems: TProblem[];
  loading: boolean;
  onOpen: (problem: TProblem) => void;
  /** The project column, with links to the project page when the caller may open it. */
  projectColumn?: 'link' | 'text' | 'none';
  pagination?: false | TablePaginationConfig;
  /** Offer column settings (the problems page; the project's tab is narrow already). */
  columnSettings?: boolean;
};

/** Problems as a ledger: what, for which project, routed to whom, by when, and where it stands. */
export function ProblemTable({ problems, loading, onOpen, projectColumn = 'link', pagination = false, columnSettings = false }: ProblemTableProps) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const columns: TableColumnsType<TProblem> = [
    {
      title: t('problem.description'),
      dataIndex: 'description',
      key: 'description',
      fixed: 'left',
      width: 240,
      render: (description: string, problem) => (
        <Button type="link" onClick={() => onOpen(problem)} style={{ padding: 0, height: 'auto', textAlign: 'start', whiteSpace: 'normal' }}>
          <Typography.Text ellipsis={{ tooltip: description }} style={{ maxWidth: 320, color: 'inherit' }}>
            {description}
          </Typography.Text>
        </Button>
      ),
    },
    ...(projectColumn === 'none'
      ? []
      : [
          {
            title: t('problem.project'),
            dataIndex: 'projectName',
            key: 'projectName',
            responsive: ['md' as const],
            render: (name: string, problem: TProblem) => (projectColumn === 'link' ? <Link to={`/projects/${problem.projectId}?tab=problems`}>{name}</Link> : name),
          },
        ]),
    { title: t('problem.categoryLabel'), dataIndex: 'category', key: 'category', render: (category: TProblem['category']) => <CategoryTag category={category} /> },
    { title: t('problem.department'), dataIndex: 'departmentName', key: 'departmentName', responsive: ['sm'], render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('problem.notRouted')}</Typography.Text> },
    {
      title: t('problem.dueOn'),
      dataIndex: 'dueOn',
      key: 'dueOn',
      render: (due: string | null, problem) => (due ? <Typography.Text type={problem.overdue ? 'danger' : undefined} className="zs-amount">{due}</Typography.Text> : '—'),
    },
    // 状态 is what a clerk looks for: fixed at the right edge, never scrolled out of view at 1280 (issue 16).
    { title: t('problem.status'), key: 'status', fixed: 'right', render: (_value, problem) => <ProblemStateTags problem={problem} /> },
  ];
  const settings = useColumnSettings(columns, { table: 'problems', userId: me.id, always: ['description', 'status'] });
  return (
    <>
    {columnSettings ? <Flex justify="flex-end" style={{ marginBottom: 8 }}>{settings.button}</Flex> : null}
    <Table<TProblem>
      rowKey="id"
      columns={columnSettings ? settings.columns : columns}
      dataSource={problems}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 'max-content' }}
      onRow={(problem) => ({ 'data-testid': `problem-${problem.id}` }) as React.HTMLAttributes<HTMLElement>}
    />
    </>
  );
}
