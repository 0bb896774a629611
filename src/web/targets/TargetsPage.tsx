import { useMemo, useState } from 'react';
import { App, Button, DatePicker, Flex, Typography, Upload } from 'antd';
import { DownloadOutlined, SaveOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { chinaToday } from '../../domain/calendar.ts';
import { canAdminister } from '../../domain/roles.ts';
import type { TUnit } from '../../shared/units.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { targetable, useMetricCatalogue } from '../metrics/metrics.queries.ts';
import { useUnits } from '../units/units.queries.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { cellKey, planChanges, type CellKey } from './target-cells.ts';
import { TargetProgressDrawer } from './TargetProgressDrawer.tsx';
import { TargetsGrid } from './TargetsGrid.tsx';
import { ChainProgressDrawer } from './ChainProgressDrawer.tsx';
import type { TChainTargetList } from '../../shared/targets.ts';
import { targetsExportUrl, useChainTargets, useImportTargets, useSetChainTargets, useSetTargets, useTargets } from './targets.queries.ts';

/**
 * 目标任务: a year's targets, units (then industrial chains, issue 14) down and metrics across. The bureau types them in (or imports the grid from
 * Excel) and saves only the cells it changed; everyone else reads them, with each unit's progress.
 */
export function TargetsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const editable = canAdminister(me.role);
  const filters = useUrlFilters();
  const thisYear = Number(chinaToday(new Date()).slice(0, 4));
  const year = filters.number('year', thisYear)!;
  const units = useUnits();
  const catalogue = useMetricCatalogue();
  const metrics = useMemo(() => targetable(catalogue.data ?? []), [catalogue.data]);
  const targets = useTargets(year);
  const save = useSetTargets();
  const upload = useImportTargets();
  const [drafts, setDrafts] = useState<Map<CellKey, string | null>>(new Map());
  const [progressOf, setProgressOf] = useState<TUnit | null>(null);
  // The chain rows (issue 14): their own drafts, saved through their own request.
  const chainTargets = useChainTargets(year);
  const saveChains = useSetChainTargets();
  const [chainDrafts, setChainDrafts] = useState<Map<CellKey, string | null>>(new Map());
  const [chainProgressOf, setChainProgressOf] = useState<TChainTargetList['items'][number] | null>(null);

  const stored = useMemo(
    () => new Map((targets.data?.items ?? []).map((item) => [cellKey(item.unitId, item.metricKey), item.value] as const)),
    [targets.data],
  );
  const unitOf = (key: string) => metrics.find((metric) => metric.key === key)?.unit ?? 'count';
  const plan = planChanges(stored, drafts, unitOf);
  const chainStored = useMemo(
    () =>
      new Map(
        (chainTargets.data?.items ?? []).flatMap((chain) =>
          chain.cells.filter((c) => c.target !== null).map((c) => [cellKey(chain.chainId, c.metricKey), c.target!] as const),
        ),
      ),
    [chainTargets.data],
  );
  const chainPlan = planChanges(chainStored, chainDrafts, unitOf);
  const pending = plan.items.length + chainPlan.items.length;
  const invalidCount = plan.invalid.size + chainPlan.invalid.size;

  const changeYear = (next: number) => {
    setDrafts(new Map());
    setChainDrafts(new Map());
    filters.update({ year: next === thisYear ? null : next });
  };

  const submit = async () => {
    try {
      if (plan.items.length > 0) await save.mutateAsync({ year, items: plan.items });
      setDrafts(new Map());
      if (chainPlan.items.length > 0) {
        await saveChains.mutateAsync({ year, items: chainPlan.items.map(({ unitId, ...item }) => ({ chainId: unitId, ...item })) });
      }
      setChainDrafts(new Map());
      void message.success(t('targets.saved', { count: pending }));
    } catch {
      // Shown by the error alerts above the grid.
    }
  };

  const importFile = (file: File) => {
    if (pending > 0) {
      void message.warning(t('targets.importPending'));
      return;
    }
    upload.mutate(
      { year, file },
      { onSuccess: (list) => void message.success(t('targets.imported', { year: list.year, count: list.items.length })) },
    );
  };

  return (
    <>
      <PageHeader
        title={t('nav.targets')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={targetsExportUrl(year)} download>
              {t('targets.export')}
            </Button>
            {editable ? (
              <Upload
                accept=".xlsx"
                showUploadList={false}
                beforeUpload={(file) => {
                  importFile(file);
                  return Upload.LIST_IGNORE;
                }}
              >
                <Button icon={<UploadOutlined />} loading={upload.isPending}>
                  {t('targets.import')}
                </Button>
              </Upload>
            ) : null}
          </>
        }
      />
      <Flex className="zs-filters" gap="small" wrap align="center">
        <DatePicker
          picker="year"
          aria-label={t('targets.year')}
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          onChange={(day) => day && changeYear(day.year())}
          style={{ width: 120 }}
        />
        <Typography.Text type="secondary">{editable ? t('targets.hint') : t('targets.readOnlyHint')}</Typography.Text>
      </Flex>
      <ErrorAlert error={targets.error ?? units.error ?? catalogue.error} />
      <ErrorAlert error={upload.error} onClose={upload.reset} />
      <ErrorAlert error={save.error} onClose={save.reset} />
      <ErrorAlert error={chainTargets.error ?? saveChains.error} onClose={saveChains.reset} />
      <TargetsGrid
        units={units.data ?? []}
        metrics={metrics}
        stored={stored}
        drafts={drafts}
        invalid={plan.invalid}
        loading={targets.isPending || units.isPending || catalogue.isPending}
        onEdit={
          editable
            ? (key, text) =>
                setDrafts((current) => {
                  const next = new Map(current);
                  next.set(key, text);
                  return next;
                })
            : null
        }
        onProgress={setProgressOf}
        chains={{
          list: chainTargets.data,
          stored: chainStored,
          drafts: chainDrafts,
          invalid: chainPlan.invalid,
          onEdit: editable
            ? (key, text) =>
                setChainDrafts((current) => {
                  const next = new Map(current);
                  next.set(key, text);
                  return next;
                })
            : null,
          onProgress: setChainProgressOf,
        }}
      />
      {editable ? (
        <Flex gap="small" justify="flex-end" align="center" wrap style={{ marginTop: 16 }}>
          {invalidCount > 0 ? <Typography.Text type="danger">{t('targets.invalid')}</Typography.Text> : null}
          <Button
            icon={<UndoOutlined />}
            disabled={(drafts.size === 0 && chainDrafts.size === 0) || save.isPending || saveChains.isPending}
            onClick={() => {
              setDrafts(new Map());
              setChainDrafts(new Map());
            }}
          >
            {t('targets.discard')}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} disabled={pending === 0 || invalidCount > 0} loading={save.isPending || saveChains.isPending} onClick={() => void submit()}>
            {pending === 0 ? t('targets.nothingChanged') : t('targets.save', { count: pending })}
          </Button>
        </Flex>
      ) : null}
      <TargetProgressDrawer year={year} unit={progressOf} metrics={metrics} onClose={() => setProgressOf(null)} />
      <ChainProgressDrawer
        list={chainTargets.data}
        chain={chainProgressOf && (chainTargets.data?.items.find((c) => c.chainId === chainProgressOf.chainId) ?? chainProgressOf)}
        metrics={metrics}
        onClose={() => setChainProgressOf(null)}
      />
    </>
  );
}
