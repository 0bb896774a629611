import { useState } from 'react';
import { App, Button, Descriptions, Empty, Flex, Form, Input, InputNumber, List, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { TIER_LIST_CODES, TIER_LISTS, tierLabel, type TierList } from '../../domain/enterprise-tiers.ts';
import { canWriteRecords } from '../../domain/roles.ts';
import type { TEnterpriseContact, TEnterpriseContactRequest, TEnterpriseDetail, TEnterpriseTierRequest, TOtherNameKind } from '../../shared/enterprises.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { showErrorInForm } from '../ui/errors.ts';
import { enterpriseRequests, useEnterpriseChange, useEnterpriseDetail } from './enterprises.queries.ts';

const NAME_KINDS: TOtherNameKind[] = ['former', 'short', 'english', 'alias'];

/**
 * The enterprise page's library sections (issue 13): list entries by year, other names, the group tree, the contacts
 * the user's units collected (phones masked; "显示电话" reads one, audited).
 */
export type EnterpriseLibraryPanelsProps = {
  enterpriseId: number;
  /** The library's facts (list entries, other names, group) or the contacts the caller's units collected. */
  part: 'library' | 'contacts';
};

export function EnterpriseLibraryPanels({ enterpriseId, part }: EnterpriseLibraryPanelsProps) {
  const { data, error } = useEnterpriseDetail(enterpriseId);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  if (part === 'contacts') {
    return (
      <div style={{ maxWidth: 800, marginTop: 24 }}>
        <Contacts detail={data} />
      </div>
    );
  }
  // Who else follows it is the page's own notice at the top (EnterpriseInterest), issue 16.
  return (
    <Flex vertical gap="large" style={{ maxWidth: 800, marginTop: 24 }} data-testid="enterprise-library">
      <Tiers detail={data} />
      <OtherNames detail={data} />
      <Group detail={data} />
    </Flex>
  );
}

type TierFormValues = { list: TierList; year: number; rank?: number | null; batch?: string };

function Tiers({ detail }: { detail: TEnterpriseDetail }) {
  const { t, locale } = useI18n();
  const language = locale === 'zh-CN' ? 'zh' : 'en';
  const id = detail.enterprise.id;
  const [form] = Form.useForm<TierFormValues>();
  const list = Form.useWatch('list', form);
  const add = useEnterpriseChange((body: TEnterpriseTierRequest) => enterpriseRequests.addTier(id, body));
  const remove = useEnterpriseChange((tierId: number) => enterpriseRequests.deleteTier(id, tierId));
  const [formError, setFormError] = useState<string | null>(null);

  const handleAdd = async (values: TierFormValues) => {
    setFormError(null);
    try {
      await add.mutateAsync({ ...values, rank: values.rank ?? null, batch: values.batch?.trim() || null });
      form.resetFields();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, ['list', 'year', 'rank', 'batch']));
    }
  };

  return (
    <section data-testid="enterprise-tiers">
      <Typography.Title level={5}>{t('library.tiers')}</Typography.Title>
      {detail.tierHistory.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('library.noTiers')} /> : null}
      <List
        size="small"
        dataSource={detail.tierHistory}
        renderItem={(entry) => (
          <List.Item
            actions={
              detail.enterprise.canEdit
                ? [
                    <Popconfirm key="delete" title={t('action.delete')} onConfirm={() => void remove.mutateAsync(entry.id)}>
                      <Button type="link" size="small" danger>
                        {t('action.delete')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            {tierLabel(entry, language)}
          </List.Item>
        )}
      />
      {detail.enterprise.canEdit ? (
        <>
          {formError ? <Typography.Text type="danger">{formError}</Typography.Text> : null}
          <Form<TierFormValues> form={form} layout="inline" onFinish={(values) => void handleAdd(values)} style={{ marginTop: 8 }}>
            <Form.Item name="list" rules={[{ required: true, message: t('form.required') }]}>
              <Select
                style={{ width: 200 }}
                placeholder={t('library.tierList')}
                aria-label={t('library.tierList')}
                options={TIER_LIST_CODES.map((code) => ({ value: code, label: TIER_LISTS[code][language] }))}
              />
            </Form.Item>
            <Form.Item name="year" rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber placeholder={t('library.tierYear')} aria-label={t('library.tierYear')} min={1900} max={2200} precision={0} style={{ width: 100 }} />
            </Form.Item>
            {list && TIER_LISTS[list].ranked ? (
              <Form.Item name="rank">
                <InputNumber placeholder={t('library.tierRank')} aria-label={t('library.tierRank')} min={1} precision={0} style={{ width: 90 }} />
              </Form.Item>
            ) : (
              <Form.Item name="batch">
                <Input placeholder={t('library.tierBatch')} aria-label={t('library.tierBatch')} maxLength={50} style={{ width: 110 }} />
              </Form.Item>
            )}
            <Button htmlType="submit" loading={add.isPending}>
              {t('library.addTier')}
            </Button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

type NameFormValues = { kind: TOtherNameKind; name: string };

function OtherNames({ detail }: { detail: TEnterpriseDetail }) {
  const { t, locale } = useI18n();
  const id = detail.enterprise.id;
  const [form] = Form.useForm<NameFormValues>();
  const add = useEnterpriseChange((body: NameFormValues) => enterpriseRequests.addName(id, body));
  const remove = useEnterpriseChange((nameId: number) => enterpriseRequests.deleteName(id, nameId));
  const [formError, setFormError] = useState<string | null>(null);

  const handleAdd = async (values: NameFormValues) => {
    setFormError(null);
    try {
      await add.mutateAsync({ kind: values.kind, name: values.name.trim() });
      form.resetFields();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, ['kind', 'name']));
    }
  };

  return (
    <section data-testid="enterprise-names">
      <Typography.Title level={5}>{t('library.otherNames')}</Typography.Title>
      <Space wrap>
        {detail.enterprise.otherNames.map((name) => (
          <Tag key={name.id} closable={detail.enterprise.canEdit} onClose={() => void remove.mutateAsync(name.id)}>
            {t(`library.nameKind.${name.kind}` as MessageKey)}:{name.name}
          </Tag>
        ))}
      </Space>
      {detail.enterprise.canEdit ? (
        <>
          {formError ? <Typography.Text type="danger">{formError}</Typography.Text> : null}
          <Form<NameFormValues> form={form} layout="inline" initialValues={{ kind: 'short' }} onFinish={(values) => void handleAdd(values)} style={{ marginTop: 8 }}>
            <Form.Item name="kind">
              <Select style={{ width: 120 }} aria-label={t('library.nameKindLabel')} options={NAME_KINDS.map((kind) => ({ value: kind, label: t(`library.nameKind.${kind}` as MessageKey) }))} />
            </Form.Item>
            <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input maxLength={300} style={{ width: 240 }} aria-label={t('library.newName')} />
            </Form.Item>
            <Button htmlType="submit" loading={add.isPending}>
              {t('library.addName')}
            </Button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

function Group({ detail }: { detail: TEnterpriseDetail }) {
  const { t } = useI18n();
  const { parents, children } = detail.group;
  const link = (member: { id: number; name: string; hqRegionName: string | null }) => (
    <Link to={`/enterprises/${member.id}`}>
      {member.name}
      {member.hqRegionName ? <Typography.Text type="secondary"> · {member.hqRegionName}</Typography.Text> : null}
    </Link>
  );
  return (
    <section data-testid="enterprise-group">
      <Typography.Title level={5}>{t('library.group')}</Typography.Title>
      {parents.length === 0 && children.length === 0 ? <Typography.Text type="secondary">{t('library.noGroup')}</Typography.Text> : null}
      <Descriptions size="small" column={1}>
        {parents.length > 0 ? (
          <Descriptions.Item label={t('library.parents')}>
            <Space split="›" wrap>
              {parents.map((member) => (
                <span key={member.id}>{link(member)}</span>
              ))}
            </Space>
          </Descriptions.Item>
        ) : null}
        {children.length > 0 ? (
          <Descriptions.Item label={t('library.children')}>
            <Space wrap>
              {children.map((member) => (
                <span key={member.id}>{link(member)}</span>
              ))}
            </Space>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {detail.enterprise.sourceRegionName ? (
        <Typography.Text type="secondary">{t('library.sourceRegion', { region: detail.enterprise.sourceRegionName })}</Typography.Text>
      ) : null}
    </section>
  );
}

type ContactFormValues = { name: string; title?: string; phone?: string };

function Contacts({ detail }: { detail: TEnterpriseDetail }) {
  const { t, locale } = useI18n();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const id = detail.enterprise.id;
  const [form] = Form.useForm<ContactFormValues>();
  const [phones, setPhones] = useState<Record<number, string | null>>({});
  const add = useEnterpriseChange((body: TEnterpriseContactRequest) => enterpriseRequests.addContact(id, body));
  const remove = useEnterpriseChange((contactId: number) => enterpriseRequests.deleteContact(id, contactId));
  const [formError, setFormError] = useState<string | null>(null);
  const canWrite = canWriteRecords(me.role) && detail.mergedInto === null;

  const handleShowPhone = async (contact: TEnterpriseContact) => {
    try {
      const { phone } = await enterpriseRequests.readPhone(id, contact.id);
      setPhones((shown) => ({ ...shown, [contact.id]: phone }));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
  };

  const handleAdd = async (values: ContactFormValues) => {
    setFormError(null);
    try {
      await add.mutateAsync({ name: values.name.trim(), title: values.title?.trim() || null, phone: values.phone?.trim() || null });
      form.resetFields();
    } catch (error) {
      setFormError(showErrorInForm(form, error, locale, ['name', 'title', 'phone']));
    }
  };

  return (
    <section data-testid="enterprise-contacts">
      <Typography.Title level={5}>{t('library.contacts')}</Typography.Title>
      <Table<TEnterpriseContact>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={detail.contacts}
        locale={{ emptyText: t('library.noContacts') }}
        columns={[
          { key: 'name', title: t('library.contactName'), dataIndex: 'name' },
          { key: 'title', title: t('library.contactTitle'), dataIndex: 'title' },
          {
            key: 'phone',
            title: t('library.contactPhone'),
            render: (_, contact) =>
              contact.id in phones ? (
                <span className="zs-code">{phones[contact.id]}</span>
              ) : (
                <Space>
                  <span className="zs-code">{contact.phoneMasked}</span>
                  {contact.phoneMasked ? (
                    <Tooltip title={t('library.showPhoneAudited')}>
                      <Button size="small" type="link" onClick={() => void handleShowPhone(contact)}>
                        {t('library.showPhone')}
                      </Button>
                    </Tooltip>
                  ) : null}
                </Space>
              ),
          },
          { key: 'unit', title: t('library.contactUnit'), dataIndex: 'unitName' },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, contact: TEnterpriseContact) => (
                    <Popconfirm title={t('action.delete')} onConfirm={() => void remove.mutateAsync(contact.id)}>
                      <Button type="link" size="small" danger>
                        {t('action.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canWrite ? (
        <>
          {formError ? <Typography.Text type="danger">{formError}</Typography.Text> : null}
          <Form<ContactFormValues> form={form} layout="inline" onFinish={(values) => void handleAdd(values)} style={{ marginTop: 8 }}>
            <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input placeholder={t('library.contactName')} maxLength={100} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="title">
              <Input placeholder={t('library.contactTitle')} maxLength={100} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="phone">
              <Input placeholder={t('library.contactPhone')} maxLength={30} style={{ width: 150 }} />
            </Form.Item>
            <Button htmlType="submit" loading={add.isPending}>
              {t('library.addContact')}
            </Button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
