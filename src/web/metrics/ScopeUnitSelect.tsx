import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { UnitTreeSelect } from '../units/UnitTreeSelect.tsx';

export type ScopeUnitSelectProps = { value: number | undefined; onChange: (unitId: number | undefined) => void; 'aria-label': string };

/** Whose figures a metric page shows: a unit of the caller's tree, or (cleared) the caller's whole scope. */
export function ScopeUnitSelect({ value, onChange, 'aria-label': ariaLabel }: ScopeUnitSelectProps) {
  const { t } = useI18n();
  const me = useCurrentUser();
  return (
    <UnitTreeSelect
      aria-label={ariaLabel}
      value={value}
      onChange={onChange}
      allowClear
      placeholder={t('metric.wholeScope', { unit: me.unitName })}
      style={{ flex: '1 1 200px', maxWidth: 260 }}
    />
  );
}
