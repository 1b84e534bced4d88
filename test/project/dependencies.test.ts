/**
 * Runtime dependencies are the packages the runtime files import, no more and no fewer:
 * a package only tests or the benchmark use (csv-parse, date-fns as references) is a
 * development dependency.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function filesUnder(dir: string, ending: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, ending);
    return ending.test(entry.name) ? [path] : [];
  });
}

/** The package a bare import names: `csv-stringify/sync` is csv-stringify, `@scope/x/y` is @scope/x. */
const packageOf = (spec: string): string => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

function packagesImportedBy(files: string[]): Set<string> {
  const found = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const specs = [
      ...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gm),
      ...text.matchAll(/^import\s+'([^']+)'/gm),
      ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
    ].map((m) => m[1]!);
    for (const spec of specs) if (!spec.startsWith('.') && !spec.startsWith('node:')) found.add(packageOf(spec));
  }
  return found;
}

describe('dependencies', () => {
  const runtimeFiles = [...filesUnder(join(ROOT, 'src'), /\.ts$/), ...filesUnder(join(ROOT, 'bin'), /\.js$/)];
  const imported = packagesImportedBy(runtimeFiles);

  it('every runtime dependency is imported by a runtime file', () => {
    expect(Object.keys(manifest.dependencies).filter((name) => !imported.has(name))).toEqual([]);
  });

  it('every package a runtime file imports is a runtime dependency', () => {
    expect([...imported].filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });
});
