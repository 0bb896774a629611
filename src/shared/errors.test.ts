import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABELS } from './errors.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('error messages', () => {
  it('name every record the server can answer "not found" for, in both languages', () => {
    const entities = new Set(sources('src/server').flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/notFound\('([A-Za-z]+)'\)/g)].map((m) => m[1]!)));
    expect(entities.size).toBeGreaterThan(10);
    expect([...entities].filter((entity) => !LABELS[entity]?.zh || !LABELS[entity]?.en)).toEqual([]);
  });
});
