/**
 * The layers of the design, made true in the folders: nothing imports upward. A lower layer
 * that needs a type from a higher one means the type belongs lower.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Folders of src/ from the ground up; folders on one level may import each other. */
const LAYERS: Record<string, number> = {
  time: 0,
  model: 1,
  ingest: 2,
  adapters: 3,
  checks: 4,
  policy: 4,
  audit: 5,
  report: 6,
  cli: 7,
  generator: 7,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const folderOf = (file: string): string => relative(SRC, file).split(/[\\/]/)[0]!;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const statements = [...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gm)];
  const dynamic = [...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)];
  return [...statements, ...dynamic].map((m) => m[1]!);
}

describe('layers', () => {
  const files = sourceFiles(SRC);

  it('every folder of src has a layer', () => {
    expect([...new Set(files.map(folderOf))].filter((f) => !(f in LAYERS))).toEqual([]);
  });

  it('no module imports from a higher layer', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const to = folderOf(resolve(dirname(file), spec));
        if (LAYERS[to]! > LAYERS[from]!) upward.push(`${relative(SRC, file)} imports ${spec}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
