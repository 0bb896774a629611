import { useMemo } from 'react';
import { Empty, theme } from 'antd';
import type { TChainMap, TChainMapNode, TLinkStatus } from '../../shared/chains.ts';
import type { TChainSegment } from '../../shared/chain-templates.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { EChart, type EChartOption } from '../ui/EChart.tsx';

const SEGMENTS: TChainSegment[] = ['upstream', 'midstream', 'downstream'];

/** One node of the drawn tree: the chain, a segment, or a link (carrying its map node, to open). */
type GraphItem = {
  name: string;
  value?: number;
  mapNode?: TChainMapNode;
  children: GraphItem[];
  itemStyle?: { color: string; borderColor: string };
  label?: Record<string, unknown>;
};

export type ChainGraphProps = {
  map: TChainMap;
  /** A link's node was clicked: open what is on it. */
  onOpen: (node: TChainMapNode) => void;
};

function leaves(item: GraphItem): number {
  return item.children.length === 0 ? 1 : item.children.reduce((n, child) => n + leaves(child), 0);
}

/** About how wide a text is drawn: a Chinese character a full em, a Latin one a little over half. */
function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) em += char.charCodeAt(0) > 0x2e80 ? 1 : 0.62;
  return em * fontSize;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * 产业链图谱 (issue 14): the chain drawn as a tree, left to right — the chain, its 上游/中游/下游, their links and
 * sub-links — each link coloured by its status 强/弱/缺 with its numbers under its name and in the tooltip; a link's
 * node opens the records behind it. Drawn in SVG so the labels are the page's own text, in its fonts.
 */
export function ChainGraph({ map, onOpen }: ChainGraphProps) {
  const { t, locale } = useI18n();
  const { token } = theme.useToken();
  const statusColor: Record<TLinkStatus, string> = { strong: token.colorSuccess, weak: token.colorWarning, gap: token.colorError };
  const name = (item: { name: string; nameEn: string }) => (locale === 'en' ? item.nameEn : item.name);
  const chainName = name(map);

  const { option, height } = useMemo(() => {
    // The room the widest label of a link without sub-links needs, right of the drawing.
    let leafLabel = 0;
    const figuresOf = (node: TChainMapNode) =>
      t('chainGraph.figures', {
        local: node.figures.localEnterprises,
        target: node.figures.targetEnterprises,
        leads: node.figures.leads,
        signed: node.figures.signedProjects,
        started: node.figures.startedProjects,
      });
    const toItem = (node: TChainMapNode): GraphItem => {
      const children = map.nodes.filter((n) => n.parentId === node.linkId).map(toItem);
      if (children.length === 0) {
        const status = t(`chain.status.${node.status}`);
        leafLabel = Math.max(leafLabel, textWidth(name(node), 13) + textWidth(status, 11) + 16, textWidth(figuresOf(node), 11));
      }
      return {
      name: name(node),
      mapNode: node,
      children,
      itemStyle: { color: statusColor[node.status], borderColor: statusColor[node.status] },
      label: {
        // A link with sub-links has its label before it, so the lines to its sub-links leave it clear.
        ...(children.length > 0 ? { position: 'left', align: 'right' } : {}),
        formatter: [
          `{name|${name(node)}} {${node.status}|${t(`chain.status.${node.status}`)}}`,
          `{figures|${figuresOf(node)}}`,
        ].join('\n'),
      },
      };
    };
    const ids = new Set(map.nodes.map((n) => n.linkId));
    const root: GraphItem = {
      name: chainName,
      itemStyle: { color: token.colorPrimary, borderColor: token.colorPrimary },
      label: { position: 'top', align: 'center', verticalAlign: 'bottom', backgroundColor: 'transparent', formatter: `{chain|${chainName}}` },
      children: SEGMENTS.map((segment) => ({
        name: t(`chain.segment.${segment}`),
        itemStyle: { color: token.colorTextSecondary, borderColor: token.colorTextSecondary },
        label: { position: 'top', align: 'center', verticalAlign: 'bottom', backgroundColor: 'transparent', formatter: `{segment|${t(`chain.segment.${segment}`)}}` },
        children: map.nodes.filter((n) => n.segment === segment && (n.parentId === null || !ids.has(n.parentId))).map(toItem),
      })),
    };
    // The theme's fonts (with their Chinese fallbacks), for every piece of label text.
    const fontFamily = token.fontFamily;
    const badge = (s: TLinkStatus) => ({ color: '#fff', backgroundColor: statusColor[s], borderRadius: 3, padding: [1, 4], fontSize: 11, fontFamily });
    const option: EChartOption = {
      textStyle: { fontFamily },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const item = (params as { data?: GraphItem }).data;
          const node = item?.mapNode;
          if (!node) return escapeHtml(item?.name ?? '');
          const f = node.figures;
          const rows: [string, number][] = [
            [t('chainGraph.tooltip.local'), f.localEnterprises],
            [t('chainGraph.tooltip.target'), f.targetEnterprises],
            [t('chainGraph.tooltip.leads'), f.leads],
            [t('chainGraph.tooltip.signed'), f.signedProjects],
            [t('chainGraph.tooltip.started'), f.startedProjects],
          ];
          return [
            `<b>${escapeHtml(name(node))}</b> · ${escapeHtml(t(`chain.status.${node.status}`))}`,
            ...rows.map(([label, value]) => `${escapeHtml(label)}:${value}`),
            `<span style="opacity:.75">${escapeHtml(node.reason[locale === 'en' ? 'en' : 'zh'])}</span>`,
          ].join('<br/>');
        },
      },
      series: [
        {
          type: 'tree',
          orient: 'LR',
          data: [root],
          top: 24,
          bottom: 24,
          left: Math.round(Math.max(48, textWidth(chainName, 15) / 2 + 12)),
          right: Math.round(Math.min(360, Math.max(120, leafLabel + 28))),
          symbol: 'circle',
          symbolSize: 10,
          roam: false,
          expandAndCollapse: false,
          initialTreeDepth: -1,
          animation: false,
          lineStyle: { color: token.colorBorder, width: 1.2, curveness: 0.5 },
          label: {
            position: 'right',
            verticalAlign: 'middle',
            align: 'left',
            distance: 6,
            lineHeight: 16,
            fontFamily,
            backgroundColor: token.colorBgContainer,
            padding: [2, 4],
            borderRadius: 4,
            rich: {
              name: { fontSize: 13, color: token.colorText, fontWeight: 'bold', fontFamily },
              figures: { fontSize: 11, color: token.colorTextSecondary, fontFamily },
              chain: { fontSize: 15, fontWeight: 'bold', color: token.colorText, fontFamily },
              segment: { fontSize: 13, fontWeight: 'bold', color: token.colorTextSecondary, fontFamily },
              strong: badge('strong'),
              weak: badge('weak'),
              gap: badge('gap'),
            },
          },
          emphasis: { focus: 'none' },
        },
      ],
    };
    return { option, height: Math.max(360, leaves(root) * 46 + 48) };
  }, [map, t, locale, token, chainName]);

  // ECharts' tree fails updating in place to a tree of other nodes (reading '__edge' of a removed one): a chart of
  // another shape is drawn afresh.
  const shape = `${locale}:${map.chainId}:${map.nodes.map((n) => `${n.linkId}>${n.parentId ?? n.segment}:${n.name}:${n.nameEn}`).join(',')}`;
  if (map.nodes.length === 0) return <Empty description={t('chainGraph.noLinks')} />;
  return (
    <EChart
      key={shape}
      option={option}
      height={height}
      renderer="svg"
      aria-label={t('chainGraph.aria', { chain: chainName })}
      data-testid="chain-graph"
      onClick={({ data }) => {
        const node = (data as GraphItem | undefined)?.mapNode;
        if (node) onOpen(node);
      }}
    />
  );
}
