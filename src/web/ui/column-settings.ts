/**
 * Which columns of a wide table a user hides, remembered per user and table in localStorage (issue 16). Pure reading
 * and writing of the stored choice; the hook and the button are in ColumnSettings.tsx.
 */
export function columnStorageKey(table: string, userId: number): string {
  return `zs.columns.${userId}.${table}`;
}

/** The hidden column keys stored for a user's table: only known keys that may be hidden (a key column never is). */
export function readHiddenColumns(storage: Pick<Storage, 'getItem'> | undefined, key: string, hideable: readonly string[]): string[] {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((k): k is string => typeof k === 'string' && hideable.includes(k));
  } catch {
    return [];
  }
}

export function writeHiddenColumns(storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined, key: string, hidden: readonly string[]): void {
  try {
    if (hidden.length === 0) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(hidden));
  } catch {
    // A full or forbidden storage keeps the choice for this visit only.
  }
}

/** The exact sum of whole-yuan amounts (as BigInt, so no float ever rounds a total); null when it leaves the safe range. */
export function sumYuan(amounts: readonly number[]): number | null {
  const total = amounts.reduce((sum, yuan) => sum + BigInt(yuan), 0n);
  return total <= BigInt(Number.MAX_SAFE_INTEGER) && total >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(total) : null;
}
