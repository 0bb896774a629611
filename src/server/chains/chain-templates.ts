import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZChainTemplate, CHAIN_SEGMENTS, type TChainSegment, type TChainTemplate, type TChainTemplateLink } from '../../shared/chain-templates.ts';
import { findIndustry } from '../industries/industries.service.ts';

/**
 * The industrial-chain templates shipped in `data/chains/<key>.json` (issue 14): reference data, the same for every
 * unit, read once. The server runs from its sources (bin/zhaoshang.js), so data/ sits beside src/ as for the
 * GB/T 4754 file (industries.service.ts).
 */
export const CHAIN_TEMPLATES_FOLDER = fileURLToPath(new URL('../../../data/chains/', import.meta.url));

let cached: Promise<TChainTemplate[]> | undefined;

/** Every template, ordered by key; validated on first use, then cached. A broken file fails with its name and the path in it. */
export function loadChainTemplates(): Promise<TChainTemplate[]> {
  cached ??= readChainTemplates(CHAIN_TEMPLATES_FOLDER).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** The template of that key, or undefined. */
export async function chainTemplate(key: string): Promise<TChainTemplate | undefined> {
  return (await loadChainTemplates()).find((t) => t.key === key);
}

/**
 * Reads and checks every `*.json` file of a folder: the zod contract, the key equal to the file's name, link keys
 * unique within the template, sibling names unique, and every industry code present in GB/T 4754-2017.
 */
export async function readChainTemplates(folder: string): Promise<TChainTemplate[]> {
  const files = (await readdir(folder)).filter((f) => f.endsWith('.json')).sort();
  const templates: TChainTemplate[] = [];
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(folder, file), 'utf8'));
    } catch (error) {
      throw new Error(`chain template ${file}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = ZChainTemplate.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`chain template ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    const problem = templateProblem(parsed.data, file.slice(0, -'.json'.length));
    if (problem) throw new Error(`chain template ${file}: ${problem}`);
    templates.push(parsed.data);
  }
  return templates;
}

/** What is wrong with a parsed template beyond its shape, as "path: reason", or null. */
function templateProblem(template: TChainTemplate, fileKey: string): string | null {
  if (template.key !== fileKey) return `key: "${template.key}" is not the file's name "${fileKey}"`;
  const keys = new Set<string>();
  const walk = (links: TChainTemplateLink[], path: string): string | null => {
    const names = new Set<string>();
    for (const [index, link] of links.entries()) {
      const at = `${path}.${index}`;
      if (keys.has(link.key)) return `${at}.key: link key "${link.key}" is used twice`;
      keys.add(link.key);
      if (names.has(link.name)) return `${at}.name: "${link.name}" is used twice under the same parent`;
      names.add(link.name);
      for (const [i, code] of link.industryCodes.entries()) {
        if (!findIndustry(code)) return `${at}.industryCodes.${i}: "${code}" is not a GB/T 4754-2017 code`;
      }
      const inner = walk(link.children, `${at}.children`);
      if (inner) return inner;
    }
    return null;
  };
  for (const segment of CHAIN_SEGMENTS) {
    const problem = walk(template.segments[segment], `segments.${segment}`);
    if (problem) return problem;
  }
  return null;
}

/** Every link of a template with its segment and parent key, depth first (for copying it into a city's chain). */
export type TFlatTemplateLink = { segment: TChainSegment; parentKey: string | null; link: TChainTemplateLink };
export function flattenChainTemplate(template: TChainTemplate): TFlatTemplateLink[] {
  const out: TFlatTemplateLink[] = [];
  const walk = (segment: TChainSegment, parentKey: string | null, links: TChainTemplateLink[]) => {
    for (const link of links) {
      out.push({ segment, parentKey, link });
      walk(segment, link.key, link.children);
    }
  };
  for (const segment of CHAIN_SEGMENTS) walk(segment, null, template.segments[segment]);
  return out;
}
