// One-off scaffolder used to lay down the workspace packages consistently (kept for new packages).
// Usage: node tools/make-package.mjs <dir> <name> '<deps json>' '<devDeps json>' [depth]
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const [dir, name, deps = '{}', devDeps = '{}'] = process.argv.slice(2);
const up = relative(dir, '.') || '.';
mkdirSync(join(dir, 'src'), { recursive: true });
mkdirSync(join(dir, 'tests'), { recursive: true });
const pkg = {
  name,
  version: '0.1.0',
  private: true,
  type: 'module',
  exports: { '.': { types: './src/index.ts', source: './src/index.ts', default: './dist/index.js' } },
  scripts: {
    build: 'tsc -p tsconfig.build.json',
    typecheck: 'tsc --noEmit',
    lint: 'biome check .',
    test: 'jest',
  },
  dependencies: JSON.parse(deps),
  devDependencies: {
    '@swc/core': 'catalog:',
    '@swc/jest': 'catalog:',
    '@types/jest': 'catalog:',
    '@types/node': 'catalog:',
    jest: 'catalog:',
    typescript: 'catalog:',
    ...JSON.parse(devDeps),
  },
};
const write = (file, text) => existsSync(join(dir, file)) || writeFileSync(join(dir, file), text);
write('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
write(
  'tsconfig.json',
  `${JSON.stringify(
    {
      extends: `${up}/tsconfig.base.json`,
      compilerOptions: { outDir: 'dist', rootDir: '.', types: ['node', 'jest'], noEmit: true },
      include: ['src', 'tests'],
    },
    null,
    2,
  )}\n`,
);
write(
  'tsconfig.build.json',
  `${JSON.stringify(
    {
      extends: './tsconfig.json',
      compilerOptions: { rootDir: 'src', noEmit: false, types: ['node'] },
      include: ['src'],
    },
    null,
    2,
  )}\n`,
);
write('jest.config.cjs', `module.exports = require('${up}/jest.base.cjs').jestConfig(__dirname);\n`);
