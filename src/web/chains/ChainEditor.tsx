import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { App, Button, Checkbox, Col, Drawer, Empty, Flex, Form, Input, Modal, Popconfirm, Radio, Row, Select, Space, Spin, Switch, Tag, Tree, TreeSelect, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { TChain, TChainLink } from '../../shared/chains.ts';
import type { TChainSegment } from '../../shared/chain-templates.ts';
import { canAdminister } from '../../domain/roles.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { DepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { errorMessage, showErrorInForm } from '../ui/errors.ts';
import { OfficerSelect } from '../users/OfficerSelect.tsx';
import { useChains } from './chains.queries.ts';
import { useAddLink, useChain, useChainTemplates, useCreateChain, useReorderLinks, useUpdateChain, useUpdateLink } from './chain-editor.queries.ts';

const SEGMENTS: TChainSegment[] = ['upstream', 'midstream', 'downstream'];
const WORD_SEPARATORS = [',', ',', '、', ';', ';'];

export type ChainAdminActionsProps = {
  /** The chain the page shows: the one the editor opens on. */
  chainId: number | null;
  /** A chain was created: the page shows it. */
  onCreated: (chainId: number) => void;
};

/**
 * The bureau's buttons on the chain page (issue 14): 新建产业链 (from a template or empty) and 编辑产业链 (the chain's
 * name, 链长, lead department, active, and its tree of links). Nobody else sees them; the server refuses them anyway.
 */
export function ChainAdminActions({ chainId, onCreated }: ChainAdminActionsProps) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  if (!canAdminister(me.role)) return null;
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="chain-new">
        {t('chainEditor.new')}
      </Button>
      <Button icon={<EditOutlined />} disabled={chainId === null} onClick={() => setEditing(chainId)} data-testid="chain-edit">
        {t('chainEditor.edit')}
      </Button>
      {creating ? (
        <NewChainModal
          onClose={() => setCreating(false)}
          onCreated={(chain) => {
            setCreating(false);
            onCreated(chain.id);
            setEditing(chain.id);
          }}
        />
      ) : null}
      {editing !== null ? <ChainEditorDrawer chainId={editing} onChainChange={setEditing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

type NewChainValues = { from: 'template' | 'empty'; templateKey?: string; name?: string; nameEn?: string };

function NewChainModal({ onClose, onCreated }: { onClose: () => void; onCreated: (chain: TChain) => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewChainValues>();
  const from = Form.useWatch('from', form) ?? 'template';
  const templates = useChainTemplates(true);
  const create = useCreateChain();
  const [error, setError] = useState<string | null>(null);

  const handleFinish = (values: NewChainValues) => {
    setError(null);
    const body = {
      ...(values.from === 'template' ? { templateKey: values.templateKey } : {}),
      ...(values.name?.trim() ? { name: values.name.trim() } : {}),
      ...(values.nameEn?.trim() ? { nameEn: values.nameEn.trim() } : {}),
    };
    create.mutate(body, {
      onSuccess: (chain) => {
        message.success(t('chainEditor.created', { name: locale === 'en' ? chain.nameEn : chain.name }));
        onCreated(chain);
      },
      onError: (e) => setError(showErrorInForm(form, e, locale, ['templateKey', 'name', 'nameEn'])),
    });
  };

  return (
    <Modal open title={t('chainEditor.newTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('chainEditor.create')} confirmLoading={create.isPending} destroyOnHidden>
      {error ? <Typography.Paragraph type="danger">{error}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" name="newChain" initialValues={{ from: 'template' }} onFinish={handleFinish} data-testid="chain-new-form">
        <Form.Item name="from" label={t('chainEditor.from')}>
          <Radio.Group
            options={[
              { value: 'template', label: t('chainEditor.fromTemplate') },
              { value: 'empty', label: t('chainEditor.fromEmpty') },
            ]}
          />
        </Form.Item>
        {from === 'template' ? (
          <Form.Item name="templateKey" label={t('chainEditor.template')} rules={[{ required: true }]} extra={t('chainEditor.templateNote')}>
            <Select
              loading={templates.isPending}
              showSearch={{ optionFilterProp: 'title' }}
              options={(templates.data ?? []).map((tpl) => ({
                value: tpl.key,
                title: locale === 'en' ? tpl.nameEn : tpl.name,
                label: `${locale === 'en' ? tpl.nameEn : tpl.name}(${t('chainEditor.templateLinks', { count: tpl.links })})`,
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label={t('chainEditor.name')} rules={from === 'empty' ? [{ required: true, whitespace: true }] : []} extra={from === 'template' ? t('chainEditor.nameFromTemplate') : undefined}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('chainEditor.nameEn')}>
          <Input maxLength={80} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Selection = { kind: 'segment'; segment: TChainSegment } | { kind: 'link'; id: number } | null;

function ChainEditorDrawer({ chainId, onChainChange, onClose }: { chainId: number; onChainChange: (id: number) => void; onClose: () => void }) {
  const { t, locale } = useI18n();
  const chains = useChains();
  const chain = useChain(chainId);
  const [selection, setSelection] = useState<Selection>(null);
  const [showRetired, setShowRetired] = useState(true);
  useEffect(() => setSelection(null), [chainId]);

  return (
    <Drawer open width="min(1000px, 100vw)" title={t('chainEditor.title')} onClose={onClose} data-testid="chain-editor" destroyOnHidden>
      <Form.Item label={t('chainEditor.chain')} style={{ marginBottom: 16 }}>
        <Select
          value={chainId}
          onChange={onChainChange}
          data-testid="chain-editor-picker"
          options={(chains.data ?? []).map((c) => ({
            value: c.id,
            label: (
              <Space>
                {locale === 'en' ? c.nameEn : c.name}
                {c.active ? null : <Tag>{t('chainEditor.inactive')}</Tag>}
              </Space>
            ),
          }))}
        />
      </Form.Item>
      <ErrorAlert error={chain.error} />
      {chain.data ? (
        <>
          <ChainForm key={`${chain.data.id}-${chain.dataUpdatedAt}`} chain={chain.data} />
          <Row gutter={[24, 16]}>
            <Col xs={24} md={10}>
              <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                <Typography.Text strong>{t('chainEditor.tree')}</Typography.Text>
                <Checkbox checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)}>
                  {t('chainEditor.showRetired')}
                </Checkbox>
              </Flex>
              <LinkTree chain={chain.data} showRetired={showRetired} selection={selection} onSelect={setSelection} />
            </Col>
            <Col xs={24} md={14}>
              <PanelInView selection={selection}>
                <SelectionPanel chain={chain.data} selection={selection} onSelect={setSelection} />
              </PanelInView>
            </Col>
          </Row>
        </>
      ) : (
        <Spin />
      )}
    </Drawer>
  );
}

type ChainValues = { name: string; nameEn: string; leaderUserId: number | null; leadDepartmentId: number | null; active: boolean };

function ChainForm({ chain }: { chain: TChain }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChainValues>();
  const update = useUpdateChain(chain.id);
  const [error, setError] = useState<string | null>(null);
  const fields = ['name', 'nameEn', 'leaderUserId', 'leadDepartmentId', 'active'];
  return (
    <Form
      form={form}
      layout="vertical"
      name="chain"
      data-testid="chain-form"
      initialValues={{ name: chain.name, nameEn: chain.nameEn, leaderUserId: chain.leaderUserId, leadDepartmentId: chain.leadDepartmentId, active: chain.active }}
      onFinish={(values) => {
        setError(null);
        update.mutate(
          { name: values.name.trim(), nameEn: values.nameEn.trim(), leaderUserId: values.leaderUserId ?? null, leadDepartmentId: values.leadDepartmentId ?? null, active: values.active },
          { onSuccess: () => message.success(t('chainEditor.saved')), onError: (e) => setError(showErrorInForm(form, e, locale, fields)) },
        );
      }}
    >
      {error ? <Typography.Paragraph type="danger">{error}</Typography.Paragraph> : null}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('chainEditor.name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="nameEn" label={t('chainEditor.nameEn')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={80} />
          </Form.Item>
        </Col>
        <Col xs={24} md={9}>
          <Form.Item name="leaderUserId" label={t('chainEditor.leader')}>
            <OfficerSelect initialLabel={chain.leaderName} />
          </Form.Item>
        </Col>
        <Col xs={24} md={9}>
          <Form.Item name="leadDepartmentId" label={t('chainEditor.leadDepartment')}>
            <DepartmentSelect />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="active" label={t('chainEditor.active')} valuePropName="checked" tooltip={t('chainEditor.activeHint')}>
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={update.isPending} style={{ marginBottom: 24 }}>
        {t('chainEditor.saveChain')}
      </Button>
    </Form>
  );
}

type TreeNode = { key: string; title: ReactNode; children?: TreeNode[]; selectable?: boolean };

function childrenOf(chain: TChain, parentId: number | null, segment: TChainSegment): TChainLink[] {
  return chain.linkTree.filter((l) => l.parentId === parentId && (parentId !== null || l.segment === segment));
}

function LinkTree({ chain, showRetired, selection, onSelect }: { chain: TChain; showRetired: boolean; selection: Selection; onSelect: (s: Selection) => void }) {
  const { t, locale } = useI18n();
  const { treeData, keys } = useMemo(() => {
    const keys: string[] = [];
    const linkNode = (link: TChainLink): TreeNode => {
      keys.push(`link:${link.id}`);
      return {
        key: `link:${link.id}`,
        title: (
          <span data-testid={`chain-editor-link-${link.id}`}>
            <Typography.Text delete={link.retired} type={link.retired ? 'secondary' : undefined}>
              {locale === 'en' ? link.nameEn : link.name}
            </Typography.Text>
            {link.retired ? <Tag style={{ marginInlineStart: 6 }}>{t('chainEditor.retired')}</Tag> : null}
          </span>
        ),
        children: chain.linkTree.filter((l) => l.parentId === link.id && (showRetired || !l.retired)).map(linkNode),
      };
    };
    const treeData = SEGMENTS.map((segment) => {
      keys.push(`segment:${segment}`);
      return {
        key: `segment:${segment}`,
        title: <Typography.Text strong>{t(`chain.segment.${segment}`)}</Typography.Text>,
        children: childrenOf(chain, null, segment)
          .filter((l) => showRetired || !l.retired)
          .map(linkNode),
      };
    });
    return { treeData, keys };
  }, [chain, showRetired, t, locale]);
  const selectedKey = selection?.kind === 'segment' ? `segment:${selection.segment}` : selection?.kind === 'link' ? `link:${selection.id}` : null;
  return (
    <Tree
      data-testid="chain-editor-tree"
      treeData={treeData}
      expandedKeys={keys}
      showLine
      blockNode
      selectedKeys={selectedKey ? [selectedKey] : []}
      onSelect={(selected) => {
        const key = String(selected[0] ?? '');
        if (key.startsWith('segment:')) onSelect({ kind: 'segment', segment: key.slice('segment:'.length) as TChainSegment });
        else if (key.startsWith('link:')) onSelect({ kind: 'link', id: Number(key.slice('link:'.length)) });
      }}
    />
  );
}

/** On a phone the panel sits under the whole tree: a pick there brings it into view. */
function PanelInView({ selection, children }: { selection: Selection; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const key = selection?.kind === 'segment' ? selection.segment : selection?.kind === 'link' ? selection.id : null;
  useEffect(() => {
    if (key !== null && !window.matchMedia('(min-width: 768px)').matches) box.current?.scrollIntoView({ block: 'start' });
  }, [key]);
  return <div ref={box}>{children}</div>;
}

function SelectionPanel({ chain, selection, onSelect }: { chain: TChain; selection: Selection; onSelect: (s: Selection) => void }) {
  const { t } = useI18n();
  if (!selection) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chainEditor.treeHint')} />;
  if (selection.kind === 'segment') {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('chainEditor.segmentNote', { segment: t(`chain.segment.${selection.segment}`) })}</Typography.Text>
        <AddLinkForm key={`segment-${selection.segment}`} chainId={chain.id} parent={null} segment={selection.segment} onAdded={(id) => onSelect({ kind: 'link', id })} />
      </Space>
    );
  }
  const link = chain.linkTree.find((l) => l.id === selection.id);
  if (!link) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chainEditor.treeHint')} />;
  return <LinkPanel key={link.id} chain={chain} link={link} onSelect={onSelect} />;
}

type LinkValues = { name: string; nameEn: string; industryCodes: string[]; keywords: string[]; products: string[] };
const LINK_FIELDS = ['name', 'nameEn', 'industryCodes', 'keywords', 'products'];

function LinkFields({ disabled }: { disabled?: boolean }) {
  const { t } = useI18n();
  const words = (label: string, name: string, hint: string) => (
    <Form.Item name={name} label={label} extra={hint}>
      <Select mode="tags" open={false} tokenSeparators={WORD_SEPARATORS} disabled={disabled} suffixIcon={null} aria-label={label} />
    </Form.Item>
  );
  return (
    <>
      <Form.Item name="name" label={t('chainEditor.linkName')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={40} disabled={disabled} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('chainEditor.linkNameEn')}>
        <Input maxLength={80} disabled={disabled} />
      </Form.Item>
      {words(t('chainEditor.industryCodes'), 'industryCodes', t('chainEditor.industryCodesHint'))}
      {words(t('chainEditor.keywords'), 'keywords', t('chainEditor.wordsHint'))}
      {words(t('chainEditor.products'), 'products', t('chainEditor.wordsHint'))}
    </>
  );
}

function LinkPanel({ chain, link, onSelect }: { chain: TChain; link: TChainLink; onSelect: (s: Selection) => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<LinkValues>();
  const update = useUpdateLink(chain.id);
  const reorder = useReorderLinks(chain.id);
  const [error, setError] = useState<unknown>(null);
  const name = locale === 'en' ? link.nameEn : link.name;
  const siblings = childrenOf(chain, link.parentId, link.segment);
  const at = siblings.findIndex((l) => l.id === link.id);
  const parent = link.parentId === null ? null : chain.linkTree.find((l) => l.id === link.parentId);

  // Where the link may go: a segment, or a link of this chain not under it and not retired.
  const subtree = useMemo(() => {
    const out = new Set([link.id]);
    for (const l of chain.linkTree) if (l.parentId !== null && out.has(l.parentId)) out.add(l.id);
    return out;
  }, [chain, link]);
  const targets = useMemo(() => {
    type Target = { value: string; title: string; disabled?: boolean; children: Target[] };
    const node = (l: TChainLink): Target => ({
      value: `link:${l.id}`,
      title: locale === 'en' ? l.nameEn : l.name,
      disabled: l.id === link.parentId,
      children: chain.linkTree.filter((c) => c.parentId === l.id && !c.retired && !subtree.has(c.id)).map(node),
    });
    return SEGMENTS.map((segment): Target => ({
      value: `segment:${segment}`,
      title: t(`chain.segment.${segment}`),
      disabled: link.parentId === null && link.segment === segment,
      children: childrenOf(chain, null, segment)
        .filter((l) => !l.retired && !subtree.has(l.id))
        .map(node),
    }));
  }, [chain, link, subtree, t, locale]);

  const run = (promise: Promise<unknown>, done: string) => {
    setError(null);
    promise.then(() => message.success(done)).catch((e: unknown) => setError(e));
  };
  const handleSave = (values: LinkValues) => {
    setError(null);
    update.mutate(
      { linkId: link.id, body: { name: values.name.trim(), nameEn: values.nameEn?.trim() || values.name.trim(), industryCodes: values.industryCodes, keywords: values.keywords, products: values.products } },
      {
        onSuccess: () => message.success(t('chainEditor.linkSaved')),
        onError: (e) => {
          const rest = showErrorInForm(form, e, locale, LINK_FIELDS);
          if (rest) setError(e);
        },
      },
    );
  };
  const handleMove = (offset: -1 | 1) => {
    const order = [...siblings];
    const [moved] = order.splice(at, 1);
    order.splice(at + offset, 0, moved!);
    run(reorder.mutateAsync(order), t('chainEditor.moved'));
  };
  const handleMoveTo = (value: string) => {
    const body = value.startsWith('segment:') ? { parentId: null, segment: value.slice('segment:'.length) as TChainSegment } : { parentId: Number(value.slice('link:'.length)) };
    run(update.mutateAsync({ linkId: link.id, body }), t('chainEditor.moved'));
  };
  const busy = update.isPending || reorder.isPending;

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="chain-editor-link">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {name} {link.retired ? <Tag>{t('chainEditor.retired')}</Tag> : null}
      </Typography.Title>
      <Typography.Text type="secondary">
        {t(`chain.segment.${link.segment}`)}
        {parent ? ` › ${locale === 'en' ? parent.nameEn : parent.name}` : ''}
      </Typography.Text>
      {error ? <Typography.Paragraph type="danger" role="alert" data-testid="chain-editor-error">{errorMessage(error, locale)}</Typography.Paragraph> : null}
      {link.retired ? <Typography.Text type="warning">{t('chainEditor.retiredNote')}</Typography.Text> : null}
      <Flex wrap gap="small">
        <Button icon={<ArrowUpOutlined />} disabled={at <= 0 || busy} onClick={() => handleMove(-1)}>
          {t('chainEditor.moveUp')}
        </Button>
        <Button icon={<ArrowDownOutlined />} disabled={at < 0 || at >= siblings.length - 1 || busy} onClick={() => handleMove(1)}>
          {t('chainEditor.moveDown')}
        </Button>
        <TreeSelect
          style={{ minWidth: 200 }}
          value={null}
          placeholder={`${t('chainEditor.moveTo')}…`}
          treeData={targets}
          treeDefaultExpandAll
          disabled={busy}
          onChange={(value: string | null) => value && handleMoveTo(value)}
          aria-label={t('chainEditor.moveTo')}
          data-testid="chain-editor-move-to"
        />
        {link.retired ? (
          <Button onClick={() => run(update.mutateAsync({ linkId: link.id, body: { retired: false } }), t('chainEditor.restored', { name }))} disabled={busy}>
            {t('chainEditor.restore')}
          </Button>
        ) : (
          <Popconfirm
            title={t('chainEditor.retireConfirm', { name })}
            onConfirm={() => run(update.mutateAsync({ linkId: link.id, body: { retired: true } }), t('chainEditor.retiredDone', { name }))}
            okButtonProps={{ danger: true }}
          >
            <Button danger disabled={busy}>
              {t('chainEditor.retire')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      <Form
        form={form}
        layout="vertical"
        name="chainLink"
        data-testid="chain-editor-link-form"
        initialValues={{ name: link.name, nameEn: link.nameEn, industryCodes: link.industryCodes, keywords: link.keywords, products: link.products }}
        onFinish={handleSave}
      >
        <LinkFields />
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('chainEditor.saveLink')}
        </Button>
      </Form>
      {link.retired ? null : (
        <div style={{ marginTop: 16 }}>
          <Typography.Text strong>{t('chainEditor.addUnder', { parent: name })}</Typography.Text>
          <AddLinkForm chainId={chain.id} parent={link} segment={link.segment} onAdded={(id) => onSelect({ kind: 'link', id })} />
        </div>
      )}
    </Space>
  );
}

function AddLinkForm({ chainId, parent, segment, onAdded }: { chainId: number; parent: TChainLink | null; segment: TChainSegment; onAdded: (id: number) => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<LinkValues>();
  const add = useAddLink(chainId);
  const [error, setError] = useState<string | null>(null);
  return (
    <Form
      form={form}
      layout="vertical"
      name={parent ? `chainSubLink${parent.id}` : `chainLink${segment}`}
      data-testid="chain-editor-add-form"
      initialValues={{ industryCodes: [], keywords: [], products: [] }}
      onFinish={(values) => {
        setError(null);
        add.mutate(
          {
            parentId: parent?.id ?? null,
            segment,
            name: values.name.trim(),
            nameEn: values.nameEn?.trim() || values.name.trim(),
            industryCodes: values.industryCodes,
            keywords: values.keywords,
            products: values.products,
          },
          {
            onSuccess: (link) => {
              message.success(t('chainEditor.linkAdded', { name: locale === 'en' ? link.nameEn : link.name }));
              form.resetFields();
              onAdded(link.id);
            },
            onError: (e) => setError(showErrorInForm(form, e, locale, LINK_FIELDS)),
          },
        );
      }}
    >
      {error ? <Typography.Paragraph type="danger" role="alert">{error}</Typography.Paragraph> : null}
      <LinkFields />
      <Button icon={<PlusOutlined />} htmlType="submit" loading={add.isPending}>
        {parent ? t('chainEditor.addSubLink') : t('chainEditor.addLink')}
      </Button>
    </Form>
  );
}
