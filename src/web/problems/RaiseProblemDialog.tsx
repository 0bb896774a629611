import { useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { PROBLEM_CATEGORIES } from '../../shared/problems.ts';
import { DepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { useRaiseProblem, type ProblemCategory } from './problems.queries.ts';

type RaiseValues = { category?: ProblemCategory; description?: string; departmentId?: number | null; dueOn?: Dayjs | null };
const FIELDS = ['category', 'description', 'departmentId', 'dueOn'] as const;

export function categoryOptions(t: Translate) {
  return PROBLEM_CATEGORIES.map((category) => ({ value: category, label: t(`problem.category.${category}`) }));
}

export type RaiseProblemDialogProps = { projectId: number; projectName: string; onClose: () => void };

/** 提出问题: a blocker on a project (用地, 审批, 资金…), routed to a department with a due date when one is known. */
export function RaiseProblemDialog({ projectId, projectName, onClose }: RaiseProblemDialogProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RaiseValues>();
  const raise = useRaiseProblem(projectId);
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = async () => {
    let values: RaiseValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    try {
      await raise.mutateAsync({
        category: values.category!,
        description: values.description!.trim(),
        departmentId: values.departmentId ?? null,
        dueOn: values.dueOn ? values.dueOn.format('YYYY-MM-DD') : null,
      });
      void message.success(t('problem.raised'));
      onClose();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, FIELDS));
    }
  };

  return (
    <Modal
      open
      title={t('problem.raiseTitle', { project: projectName })}
      okText={t('problem.raise')}
      cancelText={t('action.cancel')}
      onOk={() => void handleSubmit()}
      onCancel={onClose}
      confirmLoading={raise.isPending}
      destroyOnHidden
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<RaiseValues> form={form} layout="vertical" initialValues={{ category: 'approval' }}>
        <Form.Item name="category" label={t('problem.categoryLabel')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={categoryOptions(t)} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('problem.description')}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { max: 2000, message: t('form.maxLength', { max: 2000 }) },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} placeholder={t('problem.descriptionHint')} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('problem.routeTo')} extra={t('problem.routeHint')}>
          <DepartmentSelect />
        </Form.Item>
        <Form.Item name="dueOn" label={t('problem.dueOn')} extra={t('problem.dueHint')}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(day) => day.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
