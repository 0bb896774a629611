import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TStageEvent } from '../../shared/project-stages.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { useCorrectProjectStage } from './projects.queries.ts';
import { REQUIRED_EVIDENCE, type Evidence } from './StageMoveDialog.tsx';

type CorrectionValues = { happenedOn?: Dayjs; evidence?: Evidence; reason?: string };
const FIELDS = ['happenedOn', 'evidence', 'reason'] as const;

/** A stage record as it counts now: its date and evidence with every correction of it applied. */
export function correctedEvent(event: TStageEvent, events: TStageEvent[]): TStageEvent {
  return events
    .filter((other) => other.kind === 'correct' && other.correctsEventId === event.id)
    .reduce((current, fix) => ({ ...current, happenedOn: fix.happenedOn, evidence: { ...current.evidence, ...fix.evidence } }), event);
}

export type StageCorrectionDialogProps = {
  projectId: number;
  event: TStageEvent;
  events: TStageEvent[];
  kind: 'correct' | 'revoke';
  onClose: () => void;
};

/**
 * 更正 / 撤销: a recorded stage change is never edited in place. A correction (another date, other evidence) or
 * a revocation of the latest change is recorded as a new entry with its reason, and the history shows both.
 */
export function StageCorrectionDialog({ projectId, event, events, kind, onClose }: StageCorrectionDialogProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CorrectionValues>();
  const correct = useCorrectProjectStage(projectId);
  const [formError, setFormError] = useState<string | null>(null);
  const current = correctedEvent(event, events);
  const evidenceField = REQUIRED_EVIDENCE[event.state];
  const stage = t(`stage.${event.state}`);

  const handleSubmit = async () => {
    let values: CorrectionValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    const evidence = Object.fromEntries(
      Object.entries(values.evidence ?? {}).filter(
        ([key, value]) => typeof value === 'string' && value.trim() !== '' && value.trim() !== current.evidence[key as keyof Evidence],
      ),
    ) as Evidence;
    try {
      await correct.mutateAsync({
        correctsEventId: event.id,
        kind,
        ...(kind === 'correct' ? { happenedOn: values.happenedOn!.format('YYYY-MM-DD'), evidence } : {}),
        reason: values.reason!.trim(),
      });
      void message.success(kind === 'correct' ? t('correction.corrected', { stage }) : t('correction.revoked', { stage }));
      onClose();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, FIELDS));
    }
  };

  const required = { required: true, whitespace: true, message: t('form.required') };

  return (
    <Modal
      open
      title={kind === 'correct' ? t('correction.correctTitle', { stage, date: current.happenedOn }) : t('correction.revokeTitle', { stage, date: current.happenedOn })}
      okText={kind === 'correct' ? t('correction.correct') : t('correction.revoke')}
      okButtonProps={{ danger: kind === 'revoke' }}
      cancelText={t('action.cancel')}
      onOk={() => void handleSubmit()}
      onCancel={onClose}
      confirmLoading={correct.isPending}
      destroyOnHidden
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Alert
        type={kind === 'revoke' ? 'warning' : 'info'}
        showIcon
        title={kind === 'correct' ? t('correction.correctHint') : t('correction.revokeHint')}
        style={{ marginBottom: 16 }}
      />
      <Form<CorrectionValues>
        form={form}
        layout="vertical"
        initialValues={{ happenedOn: dayjs(current.happenedOn), evidence: { ...current.evidence } as Evidence }}
      >
        {kind === 'correct' ? (
          <>
            <Form.Item name="happenedOn" label={t('stageMove.date')} rules={[{ required: true, message: t('form.required') }]}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
            </Form.Item>
            {evidenceField && evidenceField !== 'note' ? (
              <Form.Item name={['evidence', evidenceField]} label={t(`evidence.${evidenceField}`)}>
                <Input autoComplete="off" />
              </Form.Item>
            ) : null}
            <Form.Item name={['evidence', 'note']} label={t('evidence.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="reason" label={t('correction.reason')} rules={[required]}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('correction.reasonHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
