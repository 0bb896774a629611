/** Matching the unit names people type ("襄城", "高新区") to the unit tree. */
export type NamedUnit = { id: number; name: string; parentId?: number | null };
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
function matchByName(typed: string, units: NamedUnit[]): UnitMatch {
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

/** Separators people put between a unit and its parent's name: "惠济区·花园口", "惠济区-花园口", "惠济区/花园口". */
const SEPARATORS = /^[·・\-—_/\\、,,.。|]+/;

/** The ways an ancestor's name is written in front of its unit's: in full, in its short form, without its suffix ("惠济"). */
function prefixForms(name: string): string[] {
  const full = shortForm(name);
  const forms = new Set([full, shortForm(name.replace(/[\s\u3000()()]/g, ''))]);
  const stripped = core(full);
  if (stripped !== full && stripped.length >= 2) forms.add(stripped);
  return [...forms].filter(Boolean);
}

/** A unit as its parent's name and its own, to tell apart candidates of the same name: "惠济区花园口新兴产业园". */
function qualifiedName(unit: NamedUnit, byId: Map<number, NamedUnit>): string {
  const parent = unit.parentId != null ? byId.get(unit.parentId) : undefined;
  return parent && parent.parentId != null ? `${parent.name}${unit.name}` : unit.name;
}

/**
 * Exact name first; then an unambiguous partial match ("襄城" → 襄城区, "高新区" → 襄阳高新技术产业开发区); then a unit
 * written with its ancestors' names in front ("惠济区花园口新兴产业园", "郑州市惠济区花园口新兴产业园", "惠济花园口新兴产业园"):
 * each ancestor named, in full or short, narrows the search to its subtree (issue 12). `ancestors` are units above the
 * caller's scope, which may be written as prefixes but are never matched themselves. Two or more candidates are a
 * refusal that names them, each with its parent's name.
 */
export function matchUnit(typed: string, units: NamedUnit[], ancestors: NamedUnit[] = []): UnitMatch {
  const direct = matchByName(typed, units);
  if (direct.ok) return direct;
  const text = shortForm(typed);
  if (!text || !units.some((u) => u.parentId !== undefined)) return direct;
  const targets = new Set(units.map((u) => u.id));
  const nodes = [...ancestors.filter((a) => !targets.has(a.id)), ...units];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<number, NamedUnit[]>();
  for (const n of nodes) if (n.parentId != null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const below = (id: number): NamedUnit[] => (children.get(id) ?? []).flatMap((c) => [c, ...below(c.id)]);
  const found = new Set<number>();
  const resolve = (rest: string, pool: NamedUnit[], depth: number): void => {
    if (depth > 0) {
      const match = matchByName(rest, pool.filter((n) => targets.has(n.id)));
      if (match.ok) {
        found.add(match.unitId);
        return;
      }
      if (match.problem === 'ambiguousUnit') {
        for (const n of pool) if (targets.has(n.id) && match.candidates.includes(n.name)) found.add(n.id);
      }
    }
    if (depth > 6) return;
    for (const n of pool) {
      for (const form of prefixForms(n.name)) {
        if (!rest.startsWith(form)) continue;
        const after = rest.slice(form.length).replace(SEPARATORS, '');
        if (after) resolve(after, below(n.id), depth + 1);
      }
    }
  };
  resolve(text, nodes, 0);
  if (found.size === 1) return { ok: true, unitId: [...found][0]! };
  if (found.size > 1) return { ok: false, problem: 'ambiguousUnit', candidates: [...found].map((id) => qualifiedName(byId.get(id)!, byId)) };
  if (direct.problem === 'ambiguousUnit') {
    const named = units.filter((u) => direct.candidates.includes(u.name));
    return { ...direct, candidates: named.map((u) => qualifiedName(u, byId)) };
  }
  return direct;
}
