import { useState } from 'react';
import { Button, Drawer, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { reasonLine } from '../../domain/chains/candidates.ts';
import type { TChainMapNode, TLinkStatus } from '../../shared/chains.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useChainGaps } from './chain-candidates.queries.ts';

const STATUS_COLOR: Record<TLinkStatus, string> = { strong: 'green', weak: 'gold', gap: 'red' };
/** How many candidates each gap shows in the list; the link's drawer has the whole ranking. */
const PER_GAP = 3;

type Props = { chainId: number; gapCount: number; onOpenLink: (node: TChainMapNode) => void };

/**
 * 缺口清单 (issue 14): the chain's links that are 缺 or 弱, 缺 first, each with its best candidates and the first of their
 * reasons; a gap opens its link's drawer with the whole ranking. Opened from a button on the chain page.
 */
export function GapList({ chainId, gapCount, onOpenLink }: Props) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const gaps = useChainGaps(chainId, PER_GAP, open);
  const language = locale === 'en' ? 'en' : 'zh';
  const name = (item: { name: string; nameEn: string }) => (locale === 'en' ? item.nameEn : item.name);

  return (
    <>
      <Button data-testid="open-gap-list" onClick={() => setOpen(true)} danger={gapCount > 0}>
        {t('chainCandidates.gapList', { count: gapCount })}
      </Button>
      <Drawer open={open} width="min(640px, 100vw)" title={t('chainCandidates.gapListTitle')} onClose={() => setOpen(false)} data-testid="gap-list">
        {gaps.data && gaps.data.items.length > 0 ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="gaps-computed">
            {gaps.data.computedAt ? t('chainCandidates.gapsComputedAt', { time: formatDateTime(gaps.data.computedAt) }) : t('chainCandidates.computedLive')}
          </Typography.Paragraph>
        ) : null}
        <ErrorAlert error={gaps.error} />
        {gaps.isPending ? <Spin /> : null}
        {gaps.data && gaps.data.items.length === 0 ? <Empty description={t('chainCandidates.noGaps')} /> : null}
        {gaps.data && gaps.data.items.length > 0 ? (
          <List
            dataSource={gaps.data.items}
            renderItem={(gap) => (
              <List.Item data-testid={`gap-${gap.linkId}`} style={{ display: 'block' }}>
                <Space wrap style={{ marginBottom: 4 }}>
                  <Tag color={STATUS_COLOR[gap.status]}>{t(`chain.status.${gap.status}`)}</Tag>
                  <Typography.Text strong>{name(gap)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`chain.segment.${gap.segment}`)} · {gap.reason[language]}
                  </Typography.Text>
                </Space>
                {gap.candidates && gap.candidates.length > 0 ? (
                  <ol style={{ margin: '4px 0', paddingInlineStart: 20 }}>
                    {gap.candidates.map((c) => (
                      <li key={c.enterpriseId} style={{ overflowWrap: 'anywhere' }}>
                        <Typography.Text>{c.name}</Typography.Text> <Tag color="volcano">{t('chainCandidates.score', { score: c.score })}</Tag>
                        {c.reasons[0] ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {reasonLine(c.reasons[0], language)}
                          </Typography.Text>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                ) : (
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    {t('chainCandidates.none')}
                  </Typography.Paragraph>
                )}
                <Button
                  size="small"
                  type="link"
                  style={{ paddingInline: 0 }}
                  onClick={() => {
                    setOpen(false);
                    onOpenLink(gap);
                  }}
                >
                  {t('chainCandidates.openLink')}
                </Button>
              </List.Item>
            )}
          />
        ) : null}
      </Drawer>
    </>
  );
}
