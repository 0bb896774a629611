import { useState } from 'react';
import { App, Button, Form, Input, Modal, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TDepartment } from '../../shared/problems.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { UnitTreeSelect } from '../units/UnitTreeSelect.tsx';
import { ErrorAlert, MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useCreateDepartment, useDepartments } from './departments.queries.ts';

/** 部门: the functional departments problems are routed to; their users are given one in the user form. */
export function DepartmentsAdminPage() {
  const { t } = useI18n();
  const { data: departments, error, isPending } = useDepartments();
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<TDepartment> = [
    { title: t('department.name'), dataIndex: 'name', key: 'name' },
    { title: t('department.unit'), dataIndex: 'unitName', key: 'unitName' },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.departments')}
        subTitle={departments ? t('department.count', { count: departments.length }) : undefined}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('department.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('department.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Table<TDepartment>
        rowKey="id"
        columns={columns}
        dataSource={departments ?? []}
        loading={isPending}
        pagination={false}
        locale={{ emptyText: t('department.none') }}
      />
      {creating ? <CreateDepartmentDialog onClose={() => setCreating(false)} /> : null}
    </>
  );
}

type DepartmentValues = { unitId?: number; name?: string };

function CreateDepartmentDialog({ onClose }: { onClose: () => void }) {
  const me = useCurrentUser();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DepartmentValues>();
  const create = useCreateDepartment();
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = async () => {
    let values: DepartmentValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    try {
      await create.mutateAsync({ unitId: values.unitId!, name: values.name!.trim() });
      void message.success(t('department.created', { name: values.name!.trim() }));
      onClose();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, ['unitId', 'name']));
    }
  };

  return (
    <Modal
      open
      title={t('department.create')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void handleSubmit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<DepartmentValues> form={form} layout="vertical" initialValues={{ unitId: me.unitId }}>
        <Form.Item name="name" label={t('department.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 64, message: t('form.maxLength', { max: 64 }) }]}>
          <Input autoComplete="off" placeholder={t('department.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="unitId" label={t('department.unit')} extra={t('department.unitHint')} rules={[{ required: true, message: t('form.required') }]}>
          <UnitTreeSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
