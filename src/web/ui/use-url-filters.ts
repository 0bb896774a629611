import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { TablePaginationConfig } from 'antd';

export type UrlFilterValue = string | number | null | undefined;

/**
 * List filters and paging kept in the address (?q=…&page=2), so a reload, a shared link or the back button
 * shows the same list. Changing any filter but the page goes back to page 1.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();

  const text = useCallback((name: string): string | undefined => params.get(name) || undefined, [params]);

  const number = useCallback(
    (name: string, fallback?: number): number | undefined => {
      const raw = params.get(name);
      const value = raw === null ? NaN : Number(raw);
      return Number.isInteger(value) && value > 0 ? value : fallback;
    },
    [params],
  );

  const update = useCallback(
    (patch: Record<string, UrlFilterValue>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(patch)) {
            if (value === undefined || value === null || value === '') next.delete(name);
            else next.set(name, String(value));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  /** Every filter at once (a saved filter applied): what is not named is cleared, paging included. */
  const replace = useCallback(
    (query: Record<string, string>) => {
      setParams(new URLSearchParams(Object.entries(query).filter(([, value]) => value !== '')), { replace: true });
    },
    [setParams],
  );

  /** The filters now, without paging: what a saved filter keeps. */
  const current = useCallback(
    (names: readonly string[]): Record<string, string> =>
      Object.fromEntries(names.flatMap((name) => (params.get(name) ? [[name, params.get(name)!]] : []))),
    [params],
  );

  return { text, number, update, replace, current };
}

/**
 * A list table's paging, kept in the address with the filters: the page and its size come from there and go back
 * there; choosing another page size starts again at page 1.
 */
export function urlPagination(
  filters: { update: (patch: Record<string, UrlFilterValue>) => void },
  { page, pageSize, total, showTotal }: { page: number; pageSize: number; total: number | undefined; showTotal: (total: number) => string },
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal,
    onChange: (nextPage, nextSize) => filters.update({ page: nextSize !== pageSize ? 1 : nextPage, pageSize: nextSize }),
  };
}
