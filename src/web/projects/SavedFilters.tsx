import { useState } from 'react';
import { App, Button, Dropdown, Flex, Form, Input, Modal, Typography, type MenuProps } from 'antd';
import { DeleteOutlined, DownOutlined, FilterOutlined, SaveOutlined } from '@ant-design/icons';
import type { TSavedFilter } from '../../shared/timeline.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { MessageAlert } from '../ui/ErrorAlert.tsx';
import { errorMessage, showErrorInForm } from '../ui/errors.ts';
import { useDeleteSavedFilter, useSaveFilter, useSavedFilters } from './projects.queries.ts';

export type SavedFiltersProps = {
  /** The list's filters now, as the API's query parameters (no paging). */
  current: Record<string, string>;
  onApply: (query: Record<string, string>) => void;
};

function sameQuery(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

/** 已存筛选: the caller's own named filters of the project list — apply one, save the current one, delete. */
export function SavedFilters({ current, onApply }: SavedFiltersProps) {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const { data: saved = [] } = useSavedFilters();
  const deleteFilter = useDeleteSavedFilter();
  const [saving, setSaving] = useState(false);
  const active = saved.find((filter) => Object.keys(filter.query).length > 0 && sameQuery(filter.query, current));

  const handleDelete = (filter: TSavedFilter) => {
    modal.confirm({
      title: t('savedFilter.deleteConfirm', { name: filter.name }),
      okText: t('action.delete'),
      okButtonProps: { danger: true },
      cancelText: t('action.cancel'),
      onOk: async () => {
        try {
          await deleteFilter.mutateAsync(filter.id);
          void message.success(t('savedFilter.deleted', { name: filter.name }));
        } catch (error) {
          void message.error(errorMessage(error, locale));
        }
      },
    });
  };

  const items: MenuProps['items'] = [
    ...(saved.length === 0 ? [{ key: 'none', disabled: true, label: <Typography.Text type="secondary">{t('savedFilter.none')}</Typography.Text> }] : []),
    ...saved.map((filter) => ({
      key: `filter-${filter.id}`,
      label: (
        <Flex justify="space-between" align="center" gap="middle">
          <span>{filter.name}</span>
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('savedFilter.delete', { name: filter.name })}
            onClick={(event) => {
              event.stopPropagation();
              handleDelete(filter);
            }}
          />
        </Flex>
      ),
      onClick: () => onApply(filter.query),
    })),
    { type: 'divider' as const },
    {
      key: 'save',
      icon: <SaveOutlined />,
      label: t('savedFilter.saveCurrent'),
      disabled: Object.keys(current).length === 0,
      onClick: () => setSaving(true),
    },
  ];

  return (
    <>
      <Dropdown menu={{ items, selectable: false }} trigger={['click']}>
        <Button icon={<FilterOutlined />}>
          {active ? t('savedFilter.active', { name: active.name }) : t('savedFilter.title')} <DownOutlined />
        </Button>
      </Dropdown>
      {saving ? <SaveFilterDialog query={current} onClose={() => setSaving(false)} /> : null}
    </>
  );
}

type SaveValues = { name?: string };

function SaveFilterDialog({ query, onClose }: { query: Record<string, string>; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SaveValues>();
  const save = useSaveFilter();
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = async () => {
    let values: SaveValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    try {
      await save.mutateAsync({ name: values.name!.trim(), query });
      void message.success(t('savedFilter.saved', { name: values.name!.trim() }));
      onClose();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, ['name']));
    }
  };

  return (
    <Modal
      open
      title={t('savedFilter.saveCurrent')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void handleSubmit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<SaveValues> form={form} layout="vertical" onFinish={() => void handleSubmit()}>
        <Form.Item
          name="name"
          label={t('savedFilter.name')}
          extra={t('savedFilter.nameHint')}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { max: 50, message: t('form.maxLength', { max: 50 }) },
          ]}
        >
          <Input autoComplete="off" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
