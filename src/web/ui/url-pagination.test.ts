import { describe, expect, it } from 'vitest';
import { urlPagination } from './use-url-filters.ts';

describe('a list table’s paging kept in the address', () => {
  const pagingWith = (page: number, pageSize: number) => {
    const patches: Record<string, unknown>[] = [];
    const config = urlPagination({ update: (patch) => patches.push(patch) }, { page, pageSize, total: undefined, showTotal: (total) => `共 ${total} 项` });
    return { config, patches };
  };

  it('shows the page and size the address holds, and no total as zero', () => {
    const { config } = pagingWith(3, 50);
    expect(config).toMatchObject({ current: 3, pageSize: 50, total: 0, showSizeChanger: true });
    expect((config.showTotal as (total: number, range: [number, number]) => string)(120, [1, 50])).toBe('共 120 项');
  });

  it('goes to another page keeping the size, and back to page 1 when the size changes', () => {
    const { config, patches } = pagingWith(3, 50);
    config.onChange!(4, 50);
    config.onChange!(4, 20);
    expect(patches).toEqual([
      { page: 4, pageSize: 50 },
      { page: 1, pageSize: 20 },
    ]);
  });
});
