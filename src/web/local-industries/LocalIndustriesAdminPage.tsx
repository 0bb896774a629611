import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { TLocalIndustry } from '../../shared/local-industries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { IndustrySelect, industryLabel } from '../industries/IndustrySelect.tsx';
import { ErrorAlert, MessageAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useLocalIndustries, useSaveLocalIndustry } from './local-industries.queries.ts';

/**
 * 本市产业: the city's own industry words (智能制造, 双碳科技…), each with its other spellings and the GB/T 4754 code
 * an import records for it (issue 12). The bureau keeps the list; everyone reads it.
 */
export function LocalIndustriesAdminPage() {
  const { t, locale } = useI18n();
  const { data: items, error, isPending } = useLocalIndustries();
  const [editing, setEditing] = useState<TLocalIndustry | 'new' | null>(null);

  const columns: TableColumnsType<TLocalIndustry> = [
    { title: t('localIndustry.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('localIndustry.industryCode'),
      key: 'industryCode',
      render: (_, row) => (row.industryCode ? industryLabel(row.industryCode, row.industryName, locale) : '—'),
    },
    { title: t('localIndustry.synonyms'), key: 'synonyms', render: (_, row) => row.synonyms.map((s) => <Tag key={s}>{s}</Tag>) },
    {
      title: t('localIndustry.active'),
      key: 'active',
      render: (_, row) => (row.active ? <Tag color="green">{t('localIndustry.active')}</Tag> : <Tag>{t('localIndustry.inactive')}</Tag>),
    },
    {
      title: '',
      key: 'edit',
      render: (_, row) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(row)}>
          {t('localIndustry.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.localIndustries')}
        subTitle={items ? t('localIndustry.count', { count: items.length }) : undefined}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('localIndustry.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('localIndustry.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Table<TLocalIndustry>
        rowKey="id"
        columns={columns}
        dataSource={items ?? []}
        loading={isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('localIndustry.none') }}
      />
      {editing ? <LocalIndustryDialog industry={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

type LocalIndustryValues = { name?: string; industryCode?: string | null; synonyms?: string[]; active?: boolean };

export type LocalIndustryDialogProps = {
  /** The entry to edit; null for a new one. */
  industry: TLocalIndustry | null;
  /** A new entry's name to start from (a ledger's word the import preview offers to add). */
  initialName?: string;
  onClose: () => void;
  onSaved?: (saved: TLocalIndustry) => void;
};

export function LocalIndustryDialog({ industry, initialName, onClose, onSaved }: LocalIndustryDialogProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<LocalIndustryValues>();
  const save = useSaveLocalIndustry();
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = async () => {
    let values: LocalIndustryValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    try {
      const body = { name: values.name!.trim(), industryCode: values.industryCode ?? null, synonyms: (values.synonyms ?? []).map((s) => s.trim()).filter(Boolean), active: values.active ?? true };
      const saved = await save.mutateAsync({ id: industry?.id ?? null, body });
      void message.success(t(industry ? 'localIndustry.saved' : 'localIndustry.created', { name: saved.name }));
      onSaved?.(saved);
      onClose();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, ['name', 'industryCode', 'synonyms', 'active']));
    }
  };

  return (
    <Modal
      open
      title={industry ? `${t('localIndustry.edit')}:${industry.name}` : t('localIndustry.create')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void handleSubmit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <MessageAlert message={formError} onClose={() => setFormError(null)} />
      <Form<LocalIndustryValues>
        form={form}
        layout="vertical"
        initialValues={industry ? { name: industry.name, industryCode: industry.industryCode, synonyms: industry.synonyms, active: industry.active } : { name: initialName, synonyms: [], active: true }}
      >
        <Form.Item name="name" label={t('localIndustry.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 40, message: t('form.maxLength', { max: 40 }) }]}>
          <Input autoComplete="off" placeholder={t('localIndustry.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="industryCode" label={t('localIndustry.industryCode')} extra={t('localIndustry.industryCodeHint')}>
          <IndustrySelect initialName={industry?.industryName} />
        </Form.Item>
        <Form.Item name="synonyms" label={t('localIndustry.synonyms')} extra={t('localIndustry.synonymsHint')}>
          <Select mode="tags" open={false} tokenSeparators={[',', ',', '、']} />
        </Form.Item>
        <Form.Item name="active" label={t('localIndustry.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
