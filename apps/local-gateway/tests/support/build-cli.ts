import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformFileSync } from '@swc/core';

const packageDir = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : [path];
  });
}

/**
 * Compiles `src/` to ES modules with swc (a second or so, where tsc takes several) under
 * `.test-results/cli-build/`, inside the package so that its dependencies resolve, and returns
 * the path of the compiled `cli.js`: the same program `pnpm build` writes to `dist/cli.js`.
 */
export function buildCli(): string {
  const outDir = join(packageDir, '.test-results', 'cli-build');
  for (const file of sourceFiles(join(packageDir, 'src'))) {
    const target = join(outDir, relative(join(packageDir, 'src'), file));
    mkdirSync(dirname(target), { recursive: true });
    if (file.endsWith('.d.ts')) continue;
    if (!file.endsWith('.ts')) {
      cpSync(file, target);
      continue;
    }
    const { code } = transformFileSync(file, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
      module: { type: 'es6' },
      sourceMaps: false,
    });
    writeFileSync(target.replace(/\.ts$/, '.js'), code);
  }
  return join(outDir, 'cli.js');
}
