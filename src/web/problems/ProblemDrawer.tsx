import { useState } from 'react';
import { App, Button, DatePicker, Descriptions, Divider, Drawer, Empty, Flex, Form, Grid, Input, Tag, Timeline, Typography, theme } from 'antd';
import { CheckOutlined, MessageOutlined, SendOutlined, StarOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { canWriteRecords, seesUnitRecords } from '../../domain/roles.ts';
import type { TProblem } from '../../shared/problems.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { DepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { formatDateTime, formatLongDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert, MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { useAddProblemNote, useProblem, useResolveProblem, useUpdateProblem } from './problems.queries.ts';
import { CategoryTag, ProblemStateTags } from './ProblemTags.tsx';

type Note = TProblem['notes'][number];

const NOTE_COLOURS: Record<Note['kind'], string> = {
  instruction: 'gold',
  progress: 'blue',
  escalation: 'red',
  resolution: 'green',
  assignment: 'gray',
};

export type ProblemDrawerProps = { problemId: number | null; onClose: () => void };

/** One problem: what it is, whom it is routed to, 领导批示 and progress notes, and its resolution. */
export function ProblemDrawer({ problemId, onClose }: ProblemDrawerProps) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const { data: problem, error, isPending } = useProblem(problemId ?? undefined);
  return (
    <Drawer
      open={problemId !== null}
      onClose={onClose}
      title={problem ? t('problem.drawerTitle', { id: problem.id }) : t('problem.title')}
      size={screens.md ? 560 : '100%'}
      loading={problemId !== null && isPending}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      {problem ? <ProblemDetail key={problem.id} problem={problem} /> : null}
    </Drawer>
  );
}

function ProblemDetail({ problem }: { problem: TProblem }) {
  const me = useCurrentUser();
  const { t, locale } = useI18n();
  const open = problem.state === 'open';
  const canInstruct = me.role === 'leader' || me.role === 'bureau';
  const canWork = canWriteRecords(me.role) || me.role === 'department';
  const canRoute = canWriteRecords(me.role);

  return (
    <Flex vertical gap="middle">
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'project',
            label: t('problem.project'),
            children: seesUnitRecords(me.role) ? <Link to={`/projects/${problem.projectId}?tab=problems`}>{problem.projectName}</Link> : problem.projectName,
          },
          { key: 'category', label: t('problem.categoryLabel'), children: <CategoryTag category={problem.category} /> },
          { key: 'description', label: t('problem.description'), children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{problem.description}</Typography.Text> },
          { key: 'department', label: t('problem.department'), children: problem.departmentName ?? t('problem.notRouted') },
          {
            key: 'dueOn',
            label: t('problem.dueOn'),
            children: problem.dueOn ? <Typography.Text type={problem.overdue ? 'danger' : undefined}>{problem.dueOn}</Typography.Text> : '—',
          },
          { key: 'status', label: t('problem.status'), children: <ProblemStateTags problem={problem} /> },
          { key: 'createdAt', label: t('problem.createdAt'), children: formatLongDateTime(problem.createdAt, locale) },
          ...(problem.resolution ? [{ key: 'resolution', label: t('problem.resolution'), children: problem.resolution }] : []),
        ]}
      />
      {open && canRoute ? <RouteForm problem={problem} /> : null}
      <Divider titlePlacement="start" plain style={{ margin: 0 }}>
        {t('problem.notes')}
      </Divider>
      <NoteList notes={problem.notes} />
      {open && (canInstruct || canWork) ? <NoteForm problem={problem} canInstruct={canInstruct} canWork={canWork} /> : null}
    </Flex>
  );
}

function NoteList({ notes }: { notes: Note[] }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  if (notes.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('problem.noNotes')} />;
  return (
    <Timeline
      items={notes.map((note) => ({
        key: note.id,
        color: NOTE_COLOURS[note.kind],
        icon: note.kind === 'instruction' ? <StarOutlined style={{ color: token.colorWarning }} /> : undefined,
        content:
          note.kind === 'instruction' ? (
            <div
              data-testid="instruction"
              style={{
                background: token.colorWarningBg,
                border: `1px solid ${token.colorWarningBorder}`,
                borderRadius: token.borderRadius,
                padding: `${token.paddingXS}px ${token.paddingSM}px`,
              }}
            >
              <Flex gap="small" align="center" wrap>
                <Tag color="gold">{t('problem.note.instruction')}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {note.author ?? t('audit.system')} · {formatDateTime(note.createdAt)}
                </Typography.Text>
              </Flex>
              <Typography.Paragraph strong style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                {note.text}
              </Typography.Paragraph>
            </div>
          ) : (
            <Flex vertical gap={2}>
              <Flex gap="small" align="center" wrap>
                <Tag color={NOTE_COLOURS[note.kind]}>{t(`problem.note.${note.kind}`)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {note.author ?? t('audit.system')} · {formatDateTime(note.createdAt)}
                </Typography.Text>
              </Flex>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{note.text}</Typography.Text>
            </Flex>
          ),
      }))}
    />
  );
}

type NoteValues = { text?: string };

function NoteForm({ problem, canInstruct, canWork }: { problem: TProblem; canInstruct: boolean; canWork: boolean }) {
  const { t, locale } = useI18n();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const [form] = Form.useForm<NoteValues>();
  const addNote = useAddProblemNote(problem.id);
  const resolve = useResolveProblem(problem.id);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'instruction' | 'progress' | 'resolve' | null>(null);

  const handleSubmit = async (action: 'instruction' | 'progress' | 'resolve') => {
    let values: NoteValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    setBusy(action);
    try {
      const text = values.text!.trim();
      if (action === 'resolve') await resolve.mutateAsync(text);
      else await addNote.mutateAsync({ kind: action, text });
      form.resetFields();
      void message.success(t(`problem.done.${action}`));
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, ['text'], { resolution: 'text' }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Form<NoteValues> form={form} layout="vertical" requiredMark={false}>
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form.Item
        name="text"
        label={t('problem.noteText')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          { max: 2000, message: t('form.maxLength', { max: 2000 }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} placeholder={canInstruct && !canWork ? t('problem.instructionHint') : t('problem.noteHint')} />
      </Form.Item>
      <Flex gap="small" wrap>
        {canInstruct ? (
          <Button icon={<StarOutlined />} loading={busy === 'instruction'} onClick={() => void handleSubmit('instruction')} style={{ borderColor: token.colorWarningBorder, color: token.colorWarningText }}>
            {t('problem.addInstruction')}
          </Button>
        ) : null}
        {canWork ? (
          <Button type="primary" icon={<MessageOutlined />} loading={busy === 'progress'} onClick={() => void handleSubmit('progress')}>
            {t('problem.addProgress')}
          </Button>
        ) : null}
        {canWork ? (
          <Button icon={<CheckOutlined />} loading={busy === 'resolve'} onClick={() => void handleSubmit('resolve')}>
            {t('problem.resolve')}
          </Button>
        ) : null}
      </Flex>
    </Form>
  );
}

type RouteValues = { departmentId?: number | null; dueOn?: Dayjs | null };

/** 交办: route the problem to a department (or change the due date); the change is noted on the problem. */
function RouteForm({ problem }: { problem: TProblem }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RouteValues>();
  const update = useUpdateProblem(problem.id);
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = async (values: RouteValues) => {
    setFormError(null);
    try {
      await update.mutateAsync({ departmentId: values.departmentId ?? null, dueOn: values.dueOn ? values.dueOn.format('YYYY-MM-DD') : null });
      void message.success(t('common.saved'));
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, ['departmentId', 'dueOn']));
    }
  };

  return (
    <Form<RouteValues>
      form={form}
      layout="inline"
      initialValues={{ departmentId: problem.departmentId, dueOn: problem.dueOn ? dayjs(problem.dueOn) : null }}
      onFinish={(values) => void handleSubmit(values)}
      style={{ rowGap: 8 }}
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form.Item name="departmentId" label={t('problem.routeTo')} style={{ minWidth: 220 }}>
        <DepartmentSelect />
      </Form.Item>
      <Form.Item name="dueOn" label={t('problem.dueOn')}>
        <DatePicker format="YYYY-MM-DD" />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" icon={<SendOutlined />} loading={update.isPending}>
          {t('problem.route')}
        </Button>
      </Form.Item>
    </Form>
  );
}
