import { useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { TEvidenceFile } from '../../shared/files.ts';
import dayjs, { type Dayjs } from 'dayjs';
import { creditCodeProblem, normalizeCreditCode } from '../../domain/credit-code.ts';
import { furthestStage, type StageDates } from '../../domain/deadlines.ts';
import { PROJECT_STAGES, stageIndex, type ProjectStage, type ProjectState } from '../../domain/stages.ts';
import type { TProjectLifecycle } from '../../shared/project-stages.ts';
import { errorBody } from '../../shared/errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { CorrectionReasonField, useCorrectionPrompt } from '../ui/CorrectionReason.tsx';
import { MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { EvidenceUpload } from './EvidenceFiles.tsx';
import { useMoveProjectStage } from './projects.queries.ts';

export type Evidence = { contractNo?: string; registeredCreditCode?: string; permitNo?: string; statsCode?: string; note?: string };
type MoveValues = { to?: ProjectState; date?: Dayjs; evidence?: Evidence; reason?: string; files?: TEvidenceFile[] };

const FIELDS = ['to', 'date', 'evidence', 'reason', 'files'] as const;

/**
 * Where a project may go from here (src/domain/transitions.ts): forward to a later stage, back to where it was
 * after a stall, or aside to 停滞 / 终止. Never back to 在谈, never anywhere once terminated.
 */
export function moveTargets(state: ProjectState, stageDates: StageDates): ProjectState[] {
  if (state === 'terminated') return [];
  const reached = furthestStage(stageDates);
  const current: ProjectStage = state === 'stalled' ? (reached ?? 'lead') : state;
  const targets: ProjectState[] = [];
  if (state === 'stalled' && reached && reached !== 'lead') targets.push(reached);
  targets.push(...PROJECT_STAGES.filter((stage) => stageIndex(stage) > stageIndex(current)));
  if (state !== 'stalled') targets.push('stalled');
  targets.push('terminated');
  return targets;
}

/** The evidence field a stage needs, as the API checks it; 开工 and 投产 also take an uploaded photo or scan instead. */
export const REQUIRED_EVIDENCE: Partial<Record<ProjectState, keyof Evidence>> = {
  signed: 'contractNo',
  registered: 'registeredCreditCode',
  started: 'permitNo',
  producing: 'note',
  inStats: 'statsCode',
};

function latestDate(lifecycle: TProjectLifecycle): string | null {
  const dates = [...Object.values(lifecycle.stageDates), ...lifecycle.events.filter((e) => e.effective).map((e) => e.happenedOn)];
  return dates.sort().pop() ?? null;
}

/** Stages whose evidence may be a photo or scan instead of the typed field. */
const FILE_INSTEAD: ReadonlySet<ProjectState> = new Set(['started', 'producing']);

export type StageMoveDialogProps = {
  projectId: number;
  lifecycle: TProjectLifecycle;
  /** The target chosen beforehand (a card dropped on a board column). */
  initialTo?: ProjectState;
  onClose: () => void;
  /** After the change is recorded, with the stage it went to. */
  onMoved?: (to: ProjectState) => void;
};

/** 变更阶段: the target, the day it happened (not the day it is typed) and the evidence the stage needs. */
export function StageMoveDialog({ projectId, lifecycle, initialTo, onClose, onMoved }: StageMoveDialogProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MoveValues>();
  const move = useMoveProjectStage(projectId);
  const [formError, setFormError] = useState<string | null>(null);
  // A date in a closed month makes the move a correction: the server says so, and the reason goes in `reason`.
  const correction = useCorrectionPrompt(locale);
  const files = Form.useWatch('files', form) ?? [];
  const targets = moveTargets(lifecycle.state, lifecycle.stageDates as StageDates);
  const to = Form.useWatch('to', form);
  const needs = to ? REQUIRED_EVIDENCE[to] : undefined;
  const isSide = to === 'stalled' || to === 'terminated';
  const isResume = lifecycle.state === 'stalled' && to !== undefined && !isSide && to === furthestStage(lifecycle.stageDates as StageDates);
  const earliest = latestDate(lifecycle);
  const fileWillDo = !!to && FILE_INSTEAD.has(to) && files.length > 0;

  const handleSubmit = async () => {
    let values: MoveValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    const evidence = Object.fromEntries(
      Object.entries(values.evidence ?? {}).filter(([, value]) => typeof value === 'string' && value.trim() !== ''),
    ) as Evidence;
    if (evidence.registeredCreditCode) evidence.registeredCreditCode = normalizeCreditCode(evidence.registeredCreditCode);
    try {
      await move.mutateAsync({
        to: values.to!,
        date: values.date!.format('YYYY-MM-DD'),
        evidence,
        reason: values.reason?.trim() || null,
        fileIds: (values.files ?? []).map((file) => file.id),
      });
      void message.success(t('stageMove.done', { stage: t(`stage.${values.to!}`) }));
      onMoved?.(values.to!);
      onClose();
    } catch (error) {
      if (correction.catches(error)) return;
      setFormError(showErrorInForm(form, error, locale, FIELDS, { fileIds: 'files' }));
    }
  };

  const required = { required: true, whitespace: true, message: t('form.required') };

  return (
    <Modal
      open
      title={t('stageMove.title')}
      okText={t('stageMove.submit')}
      cancelText={t('action.cancel')}
      onOk={() => void handleSubmit()}
      onCancel={onClose}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Typography.Paragraph type="secondary">{t('stageMove.hint')}</Typography.Paragraph>
      <Form<MoveValues>
        form={form}
        layout="vertical"
        initialValues={{ to: initialTo, date: dayjs(), evidence: {} }}
        onValuesChange={(changed: MoveValues) => {
          if ('to' in changed || 'date' in changed) correction.reset();
        }}
      >
        <Form.Item name="to" label={t('stageMove.to')} rules={[{ required: true, message: t('form.required') }]}>
          <Select<ProjectState>
            options={targets.map((stage) => ({
              value: stage,
              label: lifecycle.state === 'stalled' && stage === furthestStage(lifecycle.stageDates as StageDates) ? t('stageMove.resumeTo', { stage: t(`stage.${stage}`) }) : t(`stage.${stage}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="date"
          label={t('stageMove.date')}
          extra={t('stageMove.dateHint')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            format="YYYY-MM-DD"
            disabledDate={(day) => day.isAfter(dayjs(), 'day') || (!!earliest && day.isBefore(dayjs(earliest), 'day'))}
          />
        </Form.Item>
        {isSide ? null : <CorrectionReasonField prompt={correction} name="reason" />}
        {needs === 'contractNo' && !isResume ? (
          <Form.Item name={['evidence', 'contractNo']} label={t('evidence.contractNo')} rules={[required]}>
            <Input autoComplete="off" />
          </Form.Item>
        ) : null}
        {needs === 'registeredCreditCode' && !isResume ? (
          <Form.Item
            name={['evidence', 'registeredCreditCode']}
            label={t('evidence.registeredCreditCode')}
            extra={t('evidence.registeredCreditCodeHint')}
            rules={[
              required,
              {
                validator: async (_rule, value: string | undefined) => {
                  const problem = value ? creditCodeProblem(normalizeCreditCode(value)) : null;
                  if (problem) throw new Error(errorBody(`creditCode.${problem}`, { field: 'creditCode' }).error.message[locale]);
                },
              },
            ]}
          >
            <Input autoComplete="off" className="zs-code" />
          </Form.Item>
        ) : null}
        {needs === 'permitNo' && !isResume ? (
          <Form.Item
            name={['evidence', 'permitNo']}
            label={t('evidence.permitNo')}
            extra={t('evidence.permitOrPhoto')}
            rules={fileWillDo ? [] : [required]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        ) : null}
        {needs === 'statsCode' && !isResume ? (
          <Form.Item name={['evidence', 'statsCode']} label={t('evidence.statsCode')} rules={[required]}>
            <Input autoComplete="off" />
          </Form.Item>
        ) : null}
        {isSide ? (
          <Form.Item name="reason" label={t('stageMove.reason')} rules={[required]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        ) : (
          <Form.Item
            name={['evidence', 'note']}
            label={t('evidence.note')}
            rules={needs === 'note' && !isResume && !fileWillDo ? [required] : []}
            extra={needs === 'note' ? t('evidence.noteForProducing') : undefined}
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        {isSide || isResume ? null : (
          <Form.Item name="files" label={t('evidence.files')} extra={t('evidence.filesHint')}>
            <EvidenceUpload projectId={projectId} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
