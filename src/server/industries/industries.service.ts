import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TIndustry } from '../../shared/industries.ts';
import { englishIndustryName } from '../../domain/industry-names-en.ts';

/** GB/T 4754-2017 国民经济行业分类, read once from data/ (reference data, the same for every unit). */
const FILE = fileURLToPath(new URL('../../../data/industry-codes-gbt4754-2017.json', import.meta.url));

type Row = { level: number; section: string; code: string; name: string };
let byCode: Map<string, TIndustry> | undefined;

function load(): Map<string, TIndustry> {
  if (byCode) return byCode;
  const { rows } = JSON.parse(readFileSync(FILE, 'utf8')) as { rows: Row[] };
  byCode = new Map();
  for (const row of rows) {
    const parentCode = row.level === 1 ? null : row.level === 2 ? row.section : row.code.slice(0, row.code.length - 1);
    byCode.set(row.code, { code: row.code, name: row.name, nameEn: englishIndustryName(row.code, row.name), level: row.level, section: row.section, parentCode });
  }
  return byCode;
}

export function findIndustry(code: string): TIndustry | undefined {
  return load().get(code);
}

/** Every code of the classification (sections, divisions, groups and classes). */
export function allIndustryCodes(): string[] {
  return [...load().keys()];
}

export function industryName(code: string | null): string | null {
  return code ? (findIndustry(code)?.name ?? null) : null;
}

/** All codes an industry filter covers: a section letter stands for its two-digit divisions. */
export function industryPrefixes(code: string): string[] {
  if (/^[A-T]$/.test(code)) return [...load().values()].filter((i) => i.level === 2 && i.section === code).map((i) => i.code).concat(code);
  return [code];
}

const MAX_RESULTS = 50;

/** Children of a code (sections when none), or a search by name or code. */
export function listIndustries(options: { parentCode?: string; q?: string }): TIndustry[] {
  const all = [...load().values()];
  if (options.q) {
    const q = options.q;
    return all.filter((i) => i.name.includes(q) || i.code.startsWith(q)).slice(0, MAX_RESULTS);
  }
  return all.filter((i) => i.parentCode === (options.parentCode ?? null));
}

/** An industry as a ledger writes it: "3841", "3841 锂离子电池制造" or the exact name; undefined when it is none of these. */
const fromLedgerText = new Map<string, string | undefined>();

export function industryFromLedgerText(text: string): string | undefined {
  if (!fromLedgerText.has(text)) {
    if (fromLedgerText.size > 10_000) fromLedgerText.clear();
    fromLedgerText.set(text, lookUpLedgerText(text));
  }
  return fromLedgerText.get(text);
}

function lookUpLedgerText(text: string): string | undefined {
  const trimmed = text.trim();
  const code = /^([A-T]|\d{2,4})(?=\s|$|[^\d])/.exec(trimmed)?.[1];
  if (code && findIndustry(code)) return code;
  return [...load().values()].find((i) => i.name === trimmed)?.code;
}
