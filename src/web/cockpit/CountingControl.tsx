import { Flex, Segmented, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { TVerificationSettingsState } from '../../shared/stage-verifications.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Counting } from './cockpit.queries.ts';

/** 按报送 / 按核实 / 对照 (issue 17): the last shows each card's figure both ways, side by side. */
export type CountingMode = Counting | 'compare';
const MODES: readonly CountingMode[] = ['reported', 'confirmed', 'compare'];

/**
 * Whether the bureau has turned verification on (any stage under a rule) and which way its figures count by
 * default. Shares the settings drawer's cache key, so saving the settings refreshes the cockpit's control.
 */
export function useVerificationOn(): { on: boolean; confirmedOnly: boolean } {
  const { data } = useQuery({
    queryKey: ['verification-settings'],
    queryFn: ({ signal }) => api.get<TVerificationSettingsState>('/verification-settings', undefined, signal),
    staleTime: 60_000,
  });
  return { on: (data?.settings.rules.length ?? 0) > 0, confirmedOnly: data?.settings.confirmedOnly ?? false };
}

/** The mode in the address (?counting=…), else the bureau's own way of counting. */
export function countingMode(raw: string | undefined, confirmedOnly: boolean): CountingMode {
  return MODES.includes(raw as CountingMode) ? (raw as CountingMode) : confirmedOnly ? 'confirmed' : 'reported';
}

export function CountingControl({ value, onChange }: { value: CountingMode; onChange: (mode: CountingMode) => void }) {
  const { t } = useI18n();
  return (
    <Flex align="center" gap={6} wrap data-testid="cockpit-counting">
      <Typography.Text type="secondary">{t('counting.label')}</Typography.Text>
      <Segmented<CountingMode>
        aria-label={t('counting.label')}
        value={value}
        onChange={onChange}
        options={MODES.map((mode) => ({ value: mode, label: t(`counting.${mode}`) }))}
      />
      <Tooltip title={t('counting.hint')}>
        <InfoCircleOutlined aria-label={t('counting.hint')} style={{ cursor: 'help' }} />
      </Tooltip>
    </Flex>
  );
}
