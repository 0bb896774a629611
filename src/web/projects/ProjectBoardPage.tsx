import { useState, type DragEvent } from 'react';
import { App, Badge, Button, Card, Dropdown, Empty, Flex, Spin, Typography, theme } from 'antd';
import { HolderOutlined, SwapOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { canWriteRecords } from '../../domain/roles.ts';
import { PROJECT_STATES, type ProjectState } from '../../domain/stages.ts';
import type { StageDates } from '../../domain/deadlines.ts';
import type { TProject } from '../../shared/projects.ts';
import type { TProjectLifecycle } from '../../shared/project-stages.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { WanAmount } from '../ui/Amount.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { errorMessage } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { SearchAndUnitFilters } from '../ui/SearchAndUnitFilters.tsx';
import { NextDeadline } from './DeadlineTag.tsx';
import { ConfidentialTag, MajorTag } from './ProjectTags.tsx';
import { fetchProjectLifecycle, useProjectList } from './projects.queries.ts';
import { StageMoveDialog, moveTargets } from './StageMoveDialog.tsx';
import { StageTag } from './StageTag.tsx';

/** How many cards a column shows; the rest are a click away in the list, filtered to that stage. */
const COLUMN_SIZE = 50;
const DRAG_TYPE = 'application/x-zhaoshang-project';

type Moving = { project: TProject; lifecycle: TProjectLifecycle; to: ProjectState };

function targetsOf(project: TProject): ProjectState[] {
  return moveTargets(project.stage, project.stageDates as StageDates);
}

/**
 * 看板: a column per stage (在谈 → 入库, then 停滞 and 终止). Dragging a card to another column — or choosing the
 * column from the card's own menu, for the keyboard — opens the same dated, evidenced stage change as the
 * project page; nothing moves until the server has recorded it.
 */
export function ProjectBoardPage() {
  const me = useCurrentUser();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const filters = useUrlFilters();
  const q = filters.text('q');
  const unitId = filters.number('unitId');
  const [dragging, setDragging] = useState<TProject | null>(null);
  const [moving, setMoving] = useState<Moving | null>(null);
  const [opening, setOpening] = useState<number | null>(null);
  const canWrite = canWriteRecords(me.role);

  const handleMove = async (project: TProject, to: ProjectState) => {
    if (project.stage === to) return;
    if (!targetsOf(project).includes(to)) {
      void message.warning(t('board.cannotMove', { from: t(`stage.${project.stage}`), to: t(`stage.${to}`) }));
      return;
    }
    setOpening(project.id);
    try {
      const lifecycle = await fetchProjectLifecycle(queryClient, project.id);
      setMoving({ project, lifecycle, to });
    } catch (error) {
      void message.error(errorMessage(error, locale));
    } finally {
      setOpening(null);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.board')}
        subTitle={canWrite ? t('board.hint') : undefined}
        extra={
          <Button icon={<UnorderedListOutlined />} onClick={() => void navigate('/projects')}>
            {t('board.asList')}
          </Button>
        }
      />
      <Flex className="zs-filters" gap="small" wrap>
        <SearchAndUnitFilters q={q} unitId={unitId} update={filters.update} searchPlaceholder={t('project.searchPlaceholder')} />
      </Flex>
      <div className="zs-board" data-testid="board">
        {PROJECT_STATES.map((stage) => (
          <BoardColumn
            key={stage}
            stage={stage}
            q={q}
            unitId={unitId}
            dragging={dragging}
            canWrite={canWrite}
            opening={opening}
            onDragStart={setDragging}
            onDragEnd={() => setDragging(null)}
            onMove={(project, to) => void handleMove(project, to)}
          />
        ))}
      </div>
      {moving ? (
        <StageMoveDialog
          projectId={moving.project.id}
          lifecycle={moving.lifecycle}
          initialTo={moving.to}
          onClose={() => setMoving(null)}
        />
      ) : null}
    </>
  );
}

type BoardColumnProps = {
  stage: ProjectState;
  q?: string;
  unitId?: number;
  dragging: TProject | null;
  canWrite: boolean;
  opening: number | null;
  onDragStart: (project: TProject) => void;
  onDragEnd: () => void;
  onMove: (project: TProject, to: ProjectState) => void;
};

function BoardColumn({ stage, q, unitId, dragging, canWrite, opening, onDragStart, onDragEnd, onMove }: BoardColumnProps) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const { data, error, isPending } = useProjectList({ stage, q, unitId, sort: 'nextDue', page: 1, pageSize: COLUMN_SIZE });
  const [over, setOver] = useState(false);
  const accepts = !!dragging && dragging.stage !== stage && targetsOf(dragging).includes(stage);
  const refuses = !!dragging && dragging.stage !== stage && !accepts;
  const items = data?.items ?? [];
  const more = (data?.total ?? 0) - items.length;

  const handleDragOver = (event: DragEvent<HTMLElement>) => {
    if (!dragging || dragging.stage === stage) return;
    // Every other column takes the drop: one the project cannot move to says why instead of doing nothing.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (!over) setOver(true);
  };

  const handleDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setOver(false);
    if (dragging) onMove(dragging, stage);
    onDragEnd();
  };

  return (
    <section
      className="zs-board-column"
      aria-label={t(`stage.${stage}`)}
      data-testid={`board-column-${stage}`}
      onDragOver={handleDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={handleDrop}
      style={{
        background: over && accepts ? token.colorSuccessBg : token.colorFillQuaternary,
        outline: accepts ? `2px dashed ${over ? token.colorSuccess : token.colorSuccessBorder}` : undefined,
        opacity: refuses ? 0.55 : 1,
        borderRadius: token.borderRadiusLG,
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '8px 8px 4px' }}>
        <StageTag stage={stage} />
        <Badge count={data?.total ?? 0} showZero color={token.colorTextTertiary} overflowCount={999} />
      </Flex>
      <ErrorAlert error={error} />
      <Flex vertical gap={8} style={{ padding: 8, minHeight: 120 }}>
        {isPending ? <Spin size="small" /> : null}
        {!isPending && items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.empty')} /> : null}
        {items.map((project) => (
          <BoardCard
            key={project.id}
            project={project}
            movable={canWrite && !project.confidential}
            opening={opening === project.id}
            onDragStart={onDragStart}
            onDragEnd={onDragEnd}
            onMove={onMove}
          />
        ))}
        {more > 0 ? (
          <Link to={`/projects?stage=${stage}${unitId ? `&unitId=${unitId}` : ''}${q ? `&q=${encodeURIComponent(q)}` : ''}`}>
            {t('board.more', { count: more })}
          </Link>
        ) : null}
      </Flex>
    </section>
  );
}

type BoardCardProps = {
  project: TProject;
  movable: boolean;
  opening: boolean;
  onDragStart: (project: TProject) => void;
  onDragEnd: () => void;
  onMove: (project: TProject, to: ProjectState) => void;
};

function BoardCard({ project, movable, opening, onDragStart, onDragEnd, onMove }: BoardCardProps) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const targets = movable ? targetsOf(project) : [];

  return (
    <Card
      size="small"
      className="zs-board-card"
      data-testid={`board-card-${project.id}`}
      draggable={movable}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, String(project.id));
        event.dataTransfer.setData('text/plain', project.name);
        event.dataTransfer.effectAllowed = 'move';
        onDragStart(project);
      }}
      onDragEnd={onDragEnd}
      style={{ cursor: movable ? 'grab' : undefined }}
      styles={{ body: { padding: 10 } }}
    >
      <Flex vertical gap={4}>
        <Flex gap={4} align="flex-start">
          {movable ? <HolderOutlined style={{ marginTop: 4, color: token.colorTextQuaternary }} aria-hidden /> : null}
          <Link to={`/projects/${project.id}`} draggable={false} style={{ fontWeight: 500, flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
            {project.name}
          </Link>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {project.unitName}
        </Typography.Text>
        <Flex justify="space-between" align="center" gap={4} wrap>
          <Typography.Text style={{ fontSize: 12 }}>
            <WanAmount yuan={project.totalInvestmentYuan} withUnit />
          </Typography.Text>
          {project.nextDueOn ? <NextDeadline project={project} /> : null}
        </Flex>
        {targets.length > 0 || project.confidential || project.codeName || project.isMajor ? (
          <Flex justify="space-between" align="center">
            <span>
              <ConfidentialTag project={project} />
              <MajorTag project={project} />
            </span>
            {targets.length > 0 ? (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: targets.map((to) => ({ key: to, label: t(`stage.${to}`) })),
                  onClick: ({ key }) => onMove(project, key as ProjectState),
                }}
              >
                <Button size="small" type="link" icon={<SwapOutlined />} loading={opening} aria-label={t('board.moveCard', { name: project.name })} style={{ paddingInline: 0 }}>
                  {t('board.move')}
                </Button>
              </Dropdown>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}
