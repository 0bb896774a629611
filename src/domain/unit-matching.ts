/** Matching the unit names people type ("襄城", "高新区") to the unit tree. */
export type NamedUnit = { id: number; name: string };
export type UnitMatch = { ok: true; unitId: number } | { ok: false; problem: 'unknownUnit' | 'ambiguousUnit'; candidates: string[] };

/** The short forms everybody uses for development zones. */
const ALIASES: [RegExp, string][] = [
  [/高新技术产业开发区|高新技术开发区/, '高新区'],
  [/经济技术开发区|经济开发区/, '经开区'],
];
const ADMINISTRATIVE = /(自治县|县|市|区)$/;
const SUFFIXES = /(高新区|经开区|开发区|产业园区|工业园区|园区|新区|自治县|县|市|区|镇|乡|街道)$/;

function shortForm(name: string): string {
  let text = name.replace(/[\s\u3000()()]/g, '');
  for (const [pattern, alias] of ALIASES) text = text.replace(pattern, alias);
  return text;
}

function core(name: string): string {
  const stripped = name.replace(SUFFIXES, '');
  return stripped.length >= 2 ? stripped : name;
}

/**
 * Exact name first; then an unambiguous partial match ("襄城" → 襄城区, "高新区" → 襄阳高新技术产业开发区).
 * When a bare place name fits both a district and a zone named after it (襄城区, 襄城经济开发区), the
 * administrative division wins: the zone is written with its zone word. Otherwise two candidates are refused.
 */
export function matchUnit(typed: string, units: NamedUnit[]): UnitMatch {
  const text = shortForm(typed);
  if (!text) return { ok: false, problem: 'unknownUnit', candidates: [] };
  const exact = units.filter((u) => shortForm(u.name) === text);
  if (exact.length === 1) return { ok: true, unitId: exact[0]!.id };
  const key = core(text);
  const partial = units.filter((u) => {
    const name = shortForm(u.name);
    return core(name) === key || name.includes(text) || (key.length >= 2 && name.includes(key));
  });
  if (partial.length === 1) return { ok: true, unitId: partial[0]!.id };
  const sameCore = partial.filter((u) => core(shortForm(u.name)) === key);
  if (sameCore.length === 1) return { ok: true, unitId: sameCore[0]!.id };
  const divisions = sameCore.filter((u) => ADMINISTRATIVE.test(shortForm(u.name)) && !/(高新区|经开区|开发区|园区|新区)$/.test(shortForm(u.name)));
  if (text === key && divisions.length === 1) return { ok: true, unitId: divisions[0]!.id };
  if (partial.length > 1) return { ok: false, problem: 'ambiguousUnit', candidates: partial.map((u) => u.name) };
  return { ok: false, problem: 'unknownUnit', candidates: [] };
}
