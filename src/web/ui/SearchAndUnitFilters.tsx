import { SearchBox } from './SearchBox.tsx';
import { UnitTreeSelect } from '../units/UnitTreeSelect.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { UrlFilterValue } from './use-url-filters.ts';

export type SearchAndUnitFiltersProps = {
  /** The list's search and unit, as the address holds them. */
  q: string | undefined;
  unitId: number | undefined;
  /** Writes a changed filter back to the address (useUrlFilters().update). */
  update: (patch: Record<string, UrlFilterValue>) => void;
  searchPlaceholder: string;
};

/**
 * The search box and unit picker that open a list page's filter bar; the page adds its own filters after them.
 * A chosen unit stands for its subtree (the server narrows lists that way).
 */
export function SearchAndUnitFilters({ q, unitId, update, searchPlaceholder }: SearchAndUnitFiltersProps) {
  const { t } = useI18n();
  return (
    <>
      <SearchBox value={q} placeholder={searchPlaceholder} onSearch={(value) => update({ q: value })} style={{ flex: '1 1 220px', maxWidth: 320 }} />
      <UnitTreeSelect
        aria-label={t('project.filterUnit')}
        value={unitId}
        onChange={(value) => update({ unitId: value })}
        allowClear
        placeholder={t('project.allUnits')}
        style={{ flex: '1 1 180px', maxWidth: 240 }}
      />
    </>
  );
}
