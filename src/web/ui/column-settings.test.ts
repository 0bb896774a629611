import { describe, expect, it } from 'vitest';
import { columnStorageKey, readHiddenColumns, sumYuan, writeHiddenColumns } from './column-settings.ts';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

describe('column settings', () => {
  it('remembers hidden columns per user and table, and never hides a key column or an unknown one', () => {
    const storage = memoryStorage();
    const mine = columnStorageKey('problems', 7);
    writeHiddenColumns(storage, mine, ['department', 'status']);
    expect(readHiddenColumns(storage, mine, ['department', 'category'])).toEqual(['department']);
    expect(readHiddenColumns(storage, columnStorageKey('problems', 8), ['department'])).toEqual([]);
    writeHiddenColumns(storage, mine, []);
    expect(storage.map.has(mine)).toBe(false);
    storage.setItem(mine, '{not json');
    expect(readHiddenColumns(storage, mine, ['department'])).toEqual([]);
  });

  it('sums whole yuan exactly', () => {
    expect(sumYuan([123_456_700, 1, 300_000_000])).toBe(423_456_701);
    expect(sumYuan([Number.MAX_SAFE_INTEGER, 1])).toBeNull();
  });
});
