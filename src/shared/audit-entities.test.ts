import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from './audit.ts';

/** Every .ts file of the server but its tests. */
function serverSources(dir = join(import.meta.dirname, '..', 'server')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return serverSources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the audit page knows every entity and action the server audits (issue 16)', () => {
  const sources = serverSources().map((path) => readFileSync(path, 'utf8'));

  it('names each entity written to the trail, in both languages', () => {
    const written = new Set<string>();
    for (const text of sources) {
      for (const m of text.matchAll(/\bentity: '([a-zA-Z]+)'/g)) written.add(m[1]!);
      for (const m of text.matchAll(/insertAuditedRows\([^)]*?, '([a-zA-Z]+)',/g)) written.add(m[1]!);
    }
    expect(written.size).toBeGreaterThan(30);
    expect([...written].filter((entity) => !(entity in AUDIT_ENTITIES)).sort()).toEqual([]);
  });

  it('names each action, in both languages', () => {
    const declared = readFileSync(join(import.meta.dirname, '..', 'server', 'audit', 'audit.service.ts'), 'utf8').match(/action: ('[a-zA-Z]+'(?: \| '[a-zA-Z]+')*);/)![1]!;
    const actions = [...declared.matchAll(/'([a-zA-Z]+)'/g)].map((m) => m[1]!);
    expect(actions).toContain('update');
    expect(actions.filter((action) => !(action in AUDIT_ACTIONS))).toEqual([]);
  });

  it('has a Chinese and an English name for each, never the same word', () => {
    for (const names of [...Object.values(AUDIT_ENTITIES), ...Object.values(AUDIT_ACTIONS)]) {
      expect(names.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(names.en).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
