import { useState } from 'react';
import { Breadcrumb, Card, Col, Drawer, Empty, Flex, List, Row, Segmented, Space, Spin, Tag, Typography } from 'antd';
import type { TChainMapNode, TLinkStatus } from '../../shared/chains.ts';
import type { TChainSegment } from '../../shared/chain-templates.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useChainMap, useChains, useLinkRecords } from './chains.queries.ts';
import { GapList } from './GapList.tsx';
import { LinkCandidates } from './LinkCandidates.tsx';
import { CandidateWeights } from './CandidateWeights.tsx';
import { ChainGraph } from './ChainGraph.tsx';
import { ChainAdminActions } from './ChainEditor.tsx';

const SEGMENTS: TChainSegment[] = ['upstream', 'midstream', 'downstream'];
/** 强 green, 弱 amber, 缺 red (antd's preset colours follow the theme). */
const STATUS_COLOR: Record<TLinkStatus, string> = { strong: 'green', weak: 'gold', gap: 'red' };

/**
 * 产业链招商图谱 (issue 14): the city's chains; a chain's links by segment, each with its numbers and its status 强/弱/缺
 * in colour, the reason on hover; a link opens the records behind its numbers. One column per segment on a wide
 * screen, one after the other on a phone.
 */
export function ChainsPage() {
  const { t, locale } = useI18n();
  const chains = useChains();
  const [chosen, setChosen] = useState<number | null>(null);
  const chainId = chosen ?? chains.data?.find((c) => c.active)?.id ?? null;
  const map = useChainMap(chainId);
  const [openLink, setOpenLink] = useState<TChainMapNode | null>(null);
  // The graph on a desktop; the list on a phone, where a graph is unreadable. Either can be chosen.
  const [view, setView] = useState<'graph' | 'list'>(() => (window.matchMedia('(min-width: 768px)').matches ? 'graph' : 'list'));
  const name = (item: { name: string; nameEn: string }) => (locale === 'en' ? item.nameEn : item.name);
  const chosenChain = chains.data?.find((c) => c.id === chainId);
  const chainName = chosenChain ? name(chosenChain) : '';

  return (
    <>
      <PageHeader
        title={t('chain.title')}
        subTitle={map.data ? map.data.scope.note[locale === 'en' ? 'en' : 'zh'] : undefined}
        extra={<ChainAdminActions chainId={chainId} onCreated={setChosen} />}
      />
      <ErrorAlert error={chains.error ?? map.error} />
      {chains.isPending ? <Spin /> : null}
      {chains.data && chains.data.length === 0 ? <Empty description={t('chain.none')} /> : null}
      {chains.data && chains.data.length > 0 ? (
        <Segmented
          data-testid="chain-picker"
          value={chainId ?? undefined}
          onChange={(value) => setChosen(Number(value))}
          options={chains.data.filter((c) => c.active).map((c) => ({ value: c.id, label: name(c) }))}
          style={{ marginBottom: 16, maxWidth: '100%', overflowX: 'auto' }}
        />
      ) : null}
      {map.data ? (
        <>
          <Typography.Paragraph type="secondary">
            <Space wrap>
              {(['strong', 'weak', 'gap'] as const).map((s) => (
                <Tag key={s} color={STATUS_COLOR[s]}>
                  {t(`chain.status.${s}`)}
                </Tag>
              ))}
              {t('chain.legend')}
              {chainId !== null ? <GapList chainId={chainId} gapCount={map.data.nodes.filter((n) => n.status !== 'strong').length} onOpenLink={setOpenLink} /> : null}
              <CandidateWeights />
            </Space>
          </Typography.Paragraph>
          <Segmented
            data-testid="chain-view"
            aria-label={t('chainGraph.view')}
            value={view}
            onChange={(value) => setView(value as 'graph' | 'list')}
            options={(['graph', 'list'] as const).map((v) => ({ value: v, label: t(`chainGraph.view.${v}`) }))}
            style={{ marginBottom: 16 }}
          />
          {view === 'graph' ? (
            <Card size="small" styles={{ body: { padding: 8 } }}>
              <ChainGraph map={map.data} onOpen={setOpenLink} />
            </Card>
          ) : null}
          {view === 'list' ? (
          <Row gutter={[16, 16]}>
            {SEGMENTS.map((segment) => (
              <Col key={segment} xs={24} md={8}>
                <Card size="small" title={t(`chain.segment.${segment}`)}>
                  <List
                    dataSource={map.data.nodes.filter((n) => n.segment === segment)}
                    renderItem={(node) => (
                      <List.Item
                        data-testid={`chain-node-${node.linkId}`}
                        style={{ paddingLeft: node.depth * 16, cursor: 'pointer' }}
                        onClick={() => setOpenLink(node)}
                        title={node.reason[locale === 'en' ? 'en' : 'zh']}
                      >
                        <Space direction="vertical" size={0}>
                          <Space>
                            <Tag color={STATUS_COLOR[node.status]}>{t(`chain.status.${node.status}`)}</Tag>
                            <Typography.Text strong={node.depth === 0}>{name(node)}</Typography.Text>
                          </Space>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('chain.figures', {
                              local: node.figures.localEnterprises,
                              target: node.figures.targetEnterprises,
                              leads: node.figures.leads,
                              signed: node.figures.signedProjects,
                              started: node.figures.startedProjects,
                            })}
                          </Typography.Text>
                        </Space>
                      </List.Item>
                    )}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          ) : null}
        </>
      ) : null}
      {chainId !== null && openLink ? (
        <LinkDrawer chainId={chainId} chainName={chainName} node={openLink} onClose={() => setOpenLink(null)} />
      ) : null}
    </>
  );
}

type LinkDrawerProps = { chainId: number; chainName: string; node: TChainMapNode; onClose: () => void };

/** The records behind a node: its enterprises, leads and projects, which add up to its numbers. */
function LinkDrawer({ chainId, chainName, node, onClose }: LinkDrawerProps) {
  const { t, locale } = useI18n();
  const records = useLinkRecords(chainId, node.linkId);
  const data = records.data;
  const linkName = locale === 'en' ? node.nameEn : node.name;
  // Where the link sits (issue 16): its chain, which closes the drawer, its segment, then the link itself.
  const title = (
    <Flex vertical gap={2}>
      <Breadcrumb
        aria-label={t('breadcrumb.label')}
        data-testid="breadcrumb"
        style={{ fontSize: 12, fontWeight: 'normal' }}
        items={[
          { key: 'chain', title: <Typography.Link onClick={onClose} style={{ fontSize: 'inherit' }}>{chainName}</Typography.Link> },
          { key: 'segment', title: t(`chain.segment.${node.segment}`) },
          { key: 'link', title: <span aria-current="page">{linkName}</span> },
        ]}
      />
      <span>{linkName}</span>
    </Flex>
  );
  return (
    <Drawer open width="min(560px, 100vw)" title={title} onClose={onClose} data-testid="chain-link-drawer">
      <Typography.Paragraph>
        <Tag color={STATUS_COLOR[node.status]}>{t(`chain.status.${node.status}`)}</Tag>
        {node.reason[locale === 'en' ? 'en' : 'zh']}
      </Typography.Paragraph>
      <ErrorAlert error={records.error} />
      {data ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <List
            size="small"
            header={<Typography.Text strong>{t('chain.enterprises')} ({data.enterprises.length})</Typography.Text>}
            locale={{ emptyText: t('chain.empty') }}
            dataSource={data.enterprises}
            renderItem={(e) => (
              <List.Item>
                <Space wrap>
                  {e.name}
                  <Tag>{e.local ? `${t('chain.local')} ${e.localUnitName ?? ''}` : t('chain.target')}</Tag>
                  {e.leading ? <Tag color="blue">{t('chain.leading')}</Tag> : null}
                </Space>
              </List.Item>
            )}
          />
          <List
            size="small"
            header={<Typography.Text strong>{t('chain.leads')} ({data.leads.length})</Typography.Text>}
            locale={{ emptyText: t('chain.empty') }}
            dataSource={data.leads}
            renderItem={(l) => (
              <List.Item>
                {l.enterpriseName} <Typography.Text type="secondary">{l.unitName}</Typography.Text>
              </List.Item>
            )}
          />
          <List
            size="small"
            header={<Typography.Text strong>{t('chain.projects')} ({data.projects.length})</Typography.Text>}
            locale={{ emptyText: t('chain.empty') }}
            dataSource={data.projects}
            renderItem={(p) => (
              <List.Item>
                <Space wrap>
                  {p.name}
                  <Typography.Text type="secondary">{p.unitName}</Typography.Text>
                  {p.started ? <Tag color="green">{t('chain.started')}</Tag> : p.signed ? <Tag>{t('chain.signed')}</Tag> : null}
                </Space>
              </List.Item>
            )}
          />
        </Space>
      ) : (
        <Spin />
      )}
      <LinkCandidates chainId={chainId} linkId={node.linkId} linkName={locale === 'en' ? node.nameEn : node.name} />
    </Drawer>
  );
}
