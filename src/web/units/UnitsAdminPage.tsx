import { useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, RobotOutlined } from '@ant-design/icons';
import { canHoldChild, UNIT_KINDS, type UnitKind } from '../../domain/units.ts';
import type { TUnit } from '../../shared/units.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { UnitWebhookDialog } from '../reminders/UnitWebhookDialog.tsx';
import { ErrorAlert, MessageAlert } from '../ui/ErrorAlert.tsx';
import { errorMessage, showErrorInForm } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { buildUnitTree, type UnitNode } from './unit-tree.ts';
import { UnitKindTag } from './UnitKindTag.tsx';
import { UnitTreeSelect } from './UnitTreeSelect.tsx';
import { useCreateUnit, useDeleteUnit, useUnits, useUpdateUnit } from './units.queries.ts';

type UnitFormValues = { parentId?: number; kind?: UnitKind; code: string; name: string };

/** What the dialog is doing: adding a unit under a parent, or editing (renaming, recoding, moving) one. */
type Editing = { mode: 'create'; parent: TUnit } | { mode: 'edit'; unit: TUnit };

const FIELDS = ['parentId', 'kind', 'code', 'name'] as const;

function childKinds(parent: TUnit | undefined): UnitKind[] {
  return parent ? UNIT_KINDS.filter((kind) => canHoldChild(parent.kind, kind)) : ['city'];
}

/** The unit tree of the city, for the bureau: add, edit, move, delete. */
export function UnitsAdminPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { data: units, isPending, error } = useUnits();
  const deleteUnit = useDeleteUnit();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [robotOf, setRobotOf] = useState<TUnit | null>(null);
  const tree = useMemo(() => buildUnitTree(units ?? []), [units]);
  // The whole tree open, except what the user folds; a unit that gains its first child opens too.
  const [folded, setFolded] = useState<ReadonlySet<number>>(new Set());
  const expandedRowKeys = useMemo(
    () => (units ?? []).filter((unit) => units?.some((child) => child.parentId === unit.id) && !folded.has(unit.id)).map((unit) => unit.id),
    [units, folded],
  );

  const handleExpand = (expanded: boolean, unit: UnitNode) => {
    setFolded((current) => {
      const next = new Set(current);
      if (expanded) next.delete(unit.id);
      else next.add(unit.id);
      return next;
    });
  };

  const handleDelete = async (unit: TUnit) => {
    try {
      await deleteUnit.mutateAsync(unit.id);
      void message.success(t('unit.deleted', { name: unit.name }));
    } catch (caught) {
      void message.error({ content: errorMessage(caught, locale), duration: 6 });
    }
  };

  const columns: TableColumnsType<UnitNode> = [
    { title: t('unit.name'), dataIndex: 'name', key: 'name' },
    { title: t('unit.code'), dataIndex: 'code', key: 'code', render: (code: string) => <span className="zs-code">{code}</span>, responsive: ['sm'] },
    { title: t('unit.kind'), dataIndex: 'kind', key: 'kind', render: (kind: UnitKind) => <UnitKindTag kind={kind} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, unit) => (
        <Space size={0} wrap>
          {childKinds(unit).length > 0 ? (
            <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parent: unit })}>
              {t('unit.addChild')}
            </Button>
          ) : null}
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', unit })}>
            {t('action.edit')}
          </Button>
          <Button type="link" size="small" icon={<RobotOutlined />} onClick={() => setRobotOf(unit)}>
            {t('webhook.action')}
          </Button>
          {unit.parentId !== null ? (
            <Popconfirm
              title={t('unit.deleteConfirm', { name: unit.name })}
              description={t('unit.deleteHint')}
              okText={t('action.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('action.cancel')}
              onConfirm={() => handleDelete(unit)}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                {t('action.delete')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.units')} subTitle={units ? t('unit.count', { count: units.length }) : undefined} />
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">{t('unit.treeHint')}</Typography.Paragraph>
      <Table<UnitNode>
        rowKey="id"
        columns={columns}
        dataSource={tree}
        loading={isPending}
        pagination={false}
        expandable={{ expandedRowKeys, onExpand: handleExpand }}
        size="middle"
        scroll={{ x: 'max-content' }}
      />
      {editing ? <UnitDialog editing={editing} units={units ?? []} onClose={() => setEditing(null)} /> : null}
      {robotOf ? <UnitWebhookDialog unit={robotOf} onClose={() => setRobotOf(null)} /> : null}
    </>
  );
}

type UnitDialogProps = { editing: Editing; units: TUnit[]; onClose: () => void };

function UnitDialog({ editing, units, onClose }: UnitDialogProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitFormValues>();
  const createUnit = useCreateUnit();
  const updateUnit = useUpdateUnit();
  const [formError, setFormError] = useState<string | null>(null);
  const editedUnit = editing.mode === 'edit' ? editing.unit : undefined;
  const isRoot = editedUnit?.parentId === null;
  const initialValues: UnitFormValues =
    editing.mode === 'create'
      ? { parentId: editing.parent.id, kind: childKinds(editing.parent)[0], code: '', name: '' }
      : { parentId: editing.unit.parentId ?? undefined, kind: editing.unit.kind, code: editing.unit.code, name: editing.unit.name };
  const parentId = Form.useWatch('parentId', form) ?? initialValues.parentId;
  const parent = units.find((unit) => unit.id === parentId);
  const kinds = isRoot ? (['city'] as UnitKind[]) : childKinds(parent);

  const handleSubmit = async () => {
    let values: UnitFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    try {
      if (editing.mode === 'create') {
        await createUnit.mutateAsync({ parentId: values.parentId!, kind: values.kind!, code: values.code.trim(), name: values.name.trim() });
        void message.success(t('unit.created', { name: values.name.trim() }));
      } else {
        await updateUnit.mutateAsync({
          id: editing.unit.id,
          body: {
            code: values.code.trim(),
            name: values.name.trim(),
            kind: values.kind,
            ...(isRoot ? {} : { parentId: values.parentId }),
          },
        });
        void message.success(t('common.saved'));
      }
      onClose();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, FIELDS));
    }
  };

  return (
    <Modal
      open
      title={editing.mode === 'create' ? t('unit.createTitle', { parent: editing.parent.name }) : t('unit.editTitle', { name: editing.unit.name })}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void handleSubmit()}
      onCancel={onClose}
      confirmLoading={createUnit.isPending || updateUnit.isPending}
      destroyOnHidden
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<UnitFormValues> form={form} layout="vertical" initialValues={initialValues} preserve={false}>
        <Form.Item
          name="parentId"
          label={t('unit.parent')}
          extra={editing.mode === 'edit' && !isRoot ? t('unit.moveHint') : undefined}
          rules={isRoot ? [] : [{ required: true, message: t('form.required') }]}
        >
          {isRoot ? (
            <Typography.Text type="secondary">{t('unit.rootHasNoParent')}</Typography.Text>
          ) : (
            <UnitTreeSelect
              excludeSubtreeOf={editedUnit}
              isDisabled={(unit) => childKinds(unit).length === 0}
              onChange={() => {
                const next = form.getFieldValue('kind') as UnitKind | undefined;
                const nextParent = units.find((unit) => unit.id === form.getFieldValue('parentId'));
                if (next && nextParent && !canHoldChild(nextParent.kind, next)) form.setFieldValue('kind', childKinds(nextParent)[0]);
              }}
            />
          )}
        </Form.Item>
        <Form.Item name="kind" label={t('unit.kind')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={kinds.map((kind) => ({ value: kind, label: t(`unitKind.${kind}`) }))} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('unit.code')}
          extra={t('unit.codeHint')}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { pattern: /^[0-9A-Za-z_-]+$/, message: t('unit.codePattern') },
            { max: 32, message: t('form.maxLength', { max: 32 }) },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('unit.name')}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { max: 64, message: t('form.maxLength', { max: 64 }) },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
