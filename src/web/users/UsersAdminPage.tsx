import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, EditOutlined, LockOutlined, PlusOutlined, StopOutlined, UnlockOutlined } from '@ant-design/icons';
import { ROLES, type Role } from '../../domain/roles.ts';
import type { TUpdateUserRequest, TUser } from '../../shared/users.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { passwordPolicyRule } from '../auth/password-rules.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { DepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { useDepartments } from '../departments/departments.queries.ts';
import { UnitTreeSelect } from '../units/UnitTreeSelect.tsx';
import { ErrorAlert, MessageAlert } from '../ui/ErrorAlert.tsx';
import { errorMessage, showErrorInForm } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters, urlPagination } from '../ui/use-url-filters.ts';
import { SearchAndUnitFilters } from '../ui/SearchAndUnitFilters.tsx';
import { useCreateUser, useUpdateUser, useUserList } from './users.queries.ts';
import { isLocked, UserStatusTags } from './UserStatusTags.tsx';

function roleOptions(t: Translate) {
  return ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));
}

type Dialog = { kind: 'create' } | { kind: 'edit'; user: TUser } | { kind: 'resetPassword'; user: TUser };

/** Accounts of the whole city, for the bureau. */
export function UsersAdminPage() {
  const me = useCurrentUser();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const filters = useUrlFilters();
  const q = filters.text('q');
  const unitId = filters.number('unitId');
  const page = filters.number('page', 1)!;
  const pageSize = filters.number('pageSize', 20)!;
  const { data, isFetching, error } = useUserList({ q, unitId, page, pageSize });
  const updateUser = useUpdateUser();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const { data: departments = [] } = useDepartments();
  const departmentName = (id: number) => departments.find((department) => department.id === id)?.name ?? `#${id}`;

  const handleQuickUpdate = async (user: TUser, body: TUpdateUserRequest, done: string) => {
    try {
      await updateUser.mutateAsync({ id: user.id, body });
      void message.success(done);
    } catch (caught) {
      void message.error({ content: errorMessage(caught, locale), duration: 6 });
    }
  };

  const columns: TableColumnsType<TUser> = [
    { title: t('user.username'), dataIndex: 'username', key: 'username', render: (name: string) => <span className="zs-code">{name}</span> },
    { title: t('user.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('user.role'),
      dataIndex: 'role',
      key: 'role',
      responsive: ['sm'],
      render: (role: Role, user) => (
        <>
          <Tag color="blue">{t(`role.${role}`)}</Tag>
          {user.departmentId ? <Tag>{departmentName(user.departmentId)}</Tag> : null}
        </>
      ),
    },
    { title: t('user.unit'), dataIndex: 'unitName', key: 'unitName', responsive: ['md'] },
    { title: t('user.status'), key: 'status', render: (_value, user) => <UserStatusTags user={user} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, user) => {
        const isSelf = user.id === me.id;
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', user })}>
              {t('action.edit')}
            </Button>
            <Button type="link" size="small" icon={<LockOutlined />} onClick={() => setDialog({ kind: 'resetPassword', user })}>
              {t('user.resetPassword')}
            </Button>
            {isLocked(user) ? (
              <Button
                type="link"
                size="small"
                icon={<UnlockOutlined />}
                onClick={() => void handleQuickUpdate(user, { unlock: true }, t('user.unlocked', { name: user.displayName }))}
              >
                {t('user.unlock')}
              </Button>
            ) : null}
            {user.disabled ? (
              <Button
                type="link"
                size="small"
                icon={<CheckCircleOutlined />}
                onClick={() => void handleQuickUpdate(user, { disabled: false }, t('user.enabled', { name: user.displayName }))}
              >
                {t('user.enable')}
              </Button>
            ) : isSelf ? null : (
              <Popconfirm
                title={t('user.disableConfirm', { name: user.displayName })}
                description={t('user.disableHint')}
                okText={t('user.disable')}
                okButtonProps={{ danger: true }}
                cancelText={t('action.cancel')}
                onConfirm={() => handleQuickUpdate(user, { disabled: true }, t('user.disabledDone', { name: user.displayName }))}
              >
                <Button type="link" size="small" danger icon={<StopOutlined />}>
                  {t('user.disable')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('user.create')}
          </Button>
        }
      />
      <Flex className="zs-filters" gap="small" wrap>
        <SearchAndUnitFilters q={q} unitId={unitId} update={filters.update} searchPlaceholder={t('user.searchPlaceholder')} />
      </Flex>
      <ErrorAlert error={error} />
      <Table<TUser>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        scroll={{ x: 'max-content' }}
        pagination={urlPagination(filters, { page, pageSize, total: data?.total, showTotal: (total) => t('user.total', { total }) })}
      />
      {dialog?.kind === 'create' ? <CreateUserDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <EditUserDialog user={dialog.user} isSelf={dialog.user.id === me.id} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'resetPassword' ? <ResetPasswordDialog user={dialog.user} onClose={() => setDialog(null)} /> : null}
    </>
  );
}

type CreateUserValues = { username: string; displayName: string; role: Role; unitId?: number; departmentId?: number | null; password: string };
const CREATE_FIELDS = ['username', 'displayName', 'role', 'unitId', 'departmentId', 'password'] as const;

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateUserValues>();
  const createUser = useCreateUser();
  const [formError, setFormError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);

  const handleSubmit = async () => {
    let values: CreateUserValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    try {
      await createUser.mutateAsync({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        unitId: values.unitId!,
        departmentId: values.role === 'department' ? (values.departmentId ?? null) : null,
        password: values.password,
      });
      void message.success(t('user.created', { name: values.displayName.trim() }));
      onClose();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, CREATE_FIELDS));
    }
  };

  return (
    <Modal
      open
      title={t('user.create')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void handleSubmit()}
      onCancel={onClose}
      confirmLoading={createUser.isPending}
      destroyOnHidden
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<CreateUserValues> form={form} layout="vertical" initialValues={{ role: 'staff' }}>
        <Form.Item
          name="username"
          label={t('user.username')}
          extra={t('user.usernameHint')}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { min: 3, message: t('form.minLength', { min: 3 }) },
            { max: 64, message: t('form.maxLength', { max: 64 }) },
            { pattern: /^[A-Za-z0-9_.-]+$/, message: t('user.usernamePattern') },
          ]}
        >
          <Input autoComplete="off" autoCapitalize="none" />
        </Form.Item>
        <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('user.role')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={roleOptions(t)} />
        </Form.Item>
        <Form.Item name="unitId" label={t('user.unit')} rules={[{ required: true, message: t('form.required') }]}>
          <UnitTreeSelect />
        </Form.Item>
        {role === 'department' ? (
          <Form.Item name="departmentId" label={t('user.department')} extra={t('user.departmentHint')} rules={[{ required: true, message: t('form.required') }]}>
            <DepartmentSelect />
          </Form.Item>
        ) : null}
        <Form.Item
          name="password"
          label={t('user.initialPassword')}
          extra={t('user.initialPasswordHint')}
          dependencies={['username']}
          rules={[{ required: true, message: t('form.required') }, passwordPolicyRule(locale, 'password', () => form.getFieldValue('username') as string)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type EditUserValues = { displayName: string; role: Role; unitId: number; departmentId?: number | null };
const EDIT_FIELDS = ['displayName', 'role', 'unitId', 'departmentId'] as const;

function EditUserDialog({ user, isSelf, onClose }: { user: TUser; isSelf: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditUserValues>();
  const updateUser = useUpdateUser();
  const [formError, setFormError] = useState<string | null>(null);
  const role = Form.useWatch('role', form) ?? user.role;

  const handleSubmit = async () => {
    let values: EditUserValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    const body: TUpdateUserRequest = {};
    if (values.displayName.trim() !== user.displayName) body.displayName = values.displayName.trim();
    if (values.role !== user.role) body.role = values.role;
    if (values.unitId !== user.unitId) body.unitId = values.unitId;
    const departmentId = values.role === 'department' ? (values.departmentId ?? null) : null;
    if (departmentId !== user.departmentId) body.departmentId = departmentId;
    try {
      if (Object.keys(body).length > 0) await updateUser.mutateAsync({ id: user.id, body });
      void message.success(t('common.saved'));
      onClose();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, EDIT_FIELDS));
    }
  };

  return (
    <Modal
      open
      title={t('user.editTitle', { name: user.username })}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void handleSubmit()}
      onCancel={onClose}
      confirmLoading={updateUser.isPending}
      destroyOnHidden
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<EditUserValues>
        form={form}
        layout="vertical"
        initialValues={{ displayName: user.displayName, role: user.role, unitId: user.unitId, departmentId: user.departmentId }}
       
      >
        <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('user.role')} extra={isSelf ? t('user.selfRoleHint') : t('user.sessionsEndHint')}>
          <Select options={roleOptions(t)} disabled={isSelf} />
        </Form.Item>
        <Form.Item name="unitId" label={t('user.unit')} rules={[{ required: true, message: t('form.required') }]}>
          <UnitTreeSelect />
        </Form.Item>
        {role === 'department' ? (
          <Form.Item name="departmentId" label={t('user.department')} extra={t('user.departmentHint')} rules={[{ required: true, message: t('form.required') }]}>
            <DepartmentSelect />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

type ResetPasswordValues = { password: string };

function ResetPasswordDialog({ user, onClose }: { user: TUser; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetPasswordValues>();
  const updateUser = useUpdateUser();
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = async () => {
    let values: ResetPasswordValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    try {
      await updateUser.mutateAsync({ id: user.id, body: { password: values.password } });
      void message.success(t('user.passwordReset', { name: user.displayName }));
      onClose();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, ['password']));
    }
  };

  return (
    <Modal
      open
      title={t('user.resetPasswordTitle', { name: user.displayName })}
      okText={t('user.resetPassword')}
      cancelText={t('action.cancel')}
      onOk={() => void handleSubmit()}
      onCancel={onClose}
      confirmLoading={updateUser.isPending}
      destroyOnHidden
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<ResetPasswordValues> form={form} layout="vertical">
        <Form.Item
          name="password"
          label={t('user.initialPassword')}
          extra={t('user.initialPasswordHint')}
          rules={[{ required: true, message: t('form.required') }, passwordPolicyRule(locale, 'password', () => user.username)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
