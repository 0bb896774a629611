import { useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { THeatmap, TPriorityRegion } from '../../shared/heatmap.ts';
import type { TRegion } from '../../shared/regions.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { localName } from '../metrics/metric-format.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';
import { usePriorityRegions, useSetPriorityRegions } from './heatmap.queries.ts';

type Priority = THeatmap['priorityRegions'][number];

export type PriorityRegionsCardProps = {
  regions: readonly Priority[];
  /** The measure's value as it is shown (万元, a count …). */
  renderValue: (value: number) => React.ReactNode;
  /** The region outlined on the map, or null for all of them. */
  outlined: string | null;
  onOutline: (key: string | null) => void;
  onOpen: (key: string, label: string, value: number) => void;
  canEdit: boolean;
};

/**
 * 重点招商地区 (issue 15): the city's priority regions beside the map, each with its total (opening its records) and
 * outlined on the map; the bureau edits the list here.
 */
export function PriorityRegionsCard({ regions, renderValue, outlined, onOutline, onOpen, canEdit }: PriorityRegionsCardProps) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  return (
    <Card
      size="small"
      title={t('heatmap.priority')}
      data-testid="heatmap-priority"
      extra={canEdit ? <Button size="small" onClick={() => setEditing(true)}>{t('heatmap.priorityEdit')}</Button> : null}
    >
      {regions.length === 0 ? (
        <Typography.Text type="secondary">{canEdit ? t('heatmap.priorityNoneBureau') : t('heatmap.priorityNone')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{t('heatmap.priorityHint')}</Typography.Paragraph>
          <Table<Priority>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={[...regions]}
            rowClassName={(row) => (outlined === row.key ? 'ant-table-row-selected' : '')}
            columns={[
              {
                title: t('heatmap.region'),
                dataIndex: 'label',
                key: 'label',
                render: (label: Priority['label'], row) => (
                  <a aria-pressed={outlined === row.key} onClick={() => onOutline(outlined === row.key ? null : row.key)} title={t('heatmap.priorityOutline')}>
                    <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>{localName(label, locale)}</Tag>
                  </a>
                ),
              },
              {
                title: t('heatmap.value'),
                dataIndex: 'value',
                key: 'value',
                align: 'right',
                render: (value: number, row) => <a onClick={() => onOpen(`priority:${row.key}`, localName(row.label, locale), value)}>{renderValue(value)}</a>,
              },
              { title: t('heatmap.share'), dataIndex: 'share', key: 'share', align: 'right', render: (share: string | null) => (share === null ? '—' : `${share}%`) },
            ]}
          />
        </>
      )}
      {editing ? <PriorityRegionsEditor onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

/** Every ISO 3166-1 alpha-2 code the browser can name (AA…ZZ, those Intl knows), for the countries a region may hold. */
function countryCodes(): string[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code && !['HK', 'MO', 'TW', 'CN'].includes(code)) codes.push(code);
    }
  }
  return codes;
}

/** Places to pick: divisions found by name or code (深圳, 4403), and countries by their name in either language. */
function PlaceSelect({ value, onChange, names }: { value?: string[]; onChange?: (codes: string[]) => void; names: Record<string, { zh: string; en: string }> }) {
  const { t, locale } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { data } = useQuery({
    queryKey: ['regions', q],
    queryFn: async ({ signal }) => (await api.get<{ items: TRegion[] }>('/regions', { q }, signal)).items,
    staleTime: Infinity,
  });
  const countries = useMemo(() => {
    const zh = new Intl.DisplayNames(['zh-CN'], { type: 'region' });
    const en = new Intl.DisplayNames(['en'], { type: 'region' });
    return countryCodes().map((code) => ({ code, zh: zh.of(code) ?? code, en: en.of(code) ?? code }));
  }, []);
  const options = useMemo(() => {
    const found = (data ?? []).map((r) => ({ value: r.code, label: r.fullName }));
    const lower = q.toLowerCase();
    const abroad = q
      ? countries.filter((c) => c.zh.includes(q) || c.en.toLowerCase().includes(lower) || c.code === q.toUpperCase()).slice(0, 20).map((c) => ({ value: c.code, label: locale === 'en' ? c.en : c.zh }))
      : [];
    const chosen = (value ?? []).filter((code) => ![...found, ...abroad].some((o) => o.value === code)).map((code) => ({ value: code, label: names[code] ? localName(names[code], locale) : code }));
    return [...chosen, ...found, ...abroad];
  }, [data, countries, q, value, names, locale]);
  return (
    <Select<string[]>
      mode="multiple"
      value={value}
      onChange={(codes) => onChange?.(codes)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('heatmap.priorityPlacesHint')}
      aria-label={t('heatmap.priorityPlaces')}
      style={{ width: '100%' }}
    />
  );
}

/** The bureau's editor of the list: a name in both languages and the places for each region. */
function PriorityRegionsEditor({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { data } = usePriorityRegions();
  const save = useSetPriorityRegions();
  const [form] = Form.useForm<{ regions: TPriorityRegion[] }>();
  return (
    <Modal
      open
      width={720}
      title={t('heatmap.priorityEdit')}
      okText={t('action.save')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={async () => {
        const values = await form.validateFields();
        await save.mutateAsync({ regions: values.regions ?? [] });
        onClose();
      }}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('heatmap.priorityEditHint')} />
      <ErrorAlert error={save.error} />
      {data ? (
        <Form form={form} layout="vertical" initialValues={{ regions: data.regions }}>
          <Form.List name="regions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Card key={field.key} size="small" style={{ marginBottom: 8 }} extra={<Button size="small" danger type="link" onClick={() => remove(field.name)}>{t('action.delete')}</Button>} title={`${i + 1}`}>
                    <Space.Compact block>
                      <Form.Item name={[field.name, 'name']} label={t('heatmap.priorityName')} rules={[{ required: true, max: 20 }]} style={{ flex: 1, marginInlineEnd: 8 }}>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[field.name, 'nameEn']} label={t('heatmap.priorityNameEn')} rules={[{ required: true, max: 60 }]} style={{ flex: 1 }}>
                        <Input />
                      </Form.Item>
                    </Space.Compact>
                    <Form.Item name={[field.name, 'codes']} label={t('heatmap.priorityPlaces')} rules={[{ required: true, type: 'array', min: 1 }]} style={{ marginBottom: 0 }}>
                      <PlaceSelect names={data.placeNames} />
                    </Form.Item>
                  </Card>
                ))}
                {fields.length < 12 ? <Button onClick={() => add({ name: '', nameEn: '', codes: [] })}>{t('heatmap.priorityAdd')}</Button> : null}
              </>
            )}
          </Form.List>
        </Form>
      ) : null}
    </Modal>
  );
}
