/**
 * A copy of this package's sources in another folder, for tests and the bench that edit a
 * handler while a watch build runs (the real `src/` is never touched). `node_modules` is a
 * folder of absolute links to what this package's links resolve to: a linked `node_modules`
 * would make esbuild resolve the workspace packages' relative links from the copy's folder.
 *
 * @example
 * node scripts/scratch-app.mjs /tmp/app && node scripts/build.mjs --watch --app /tmp/app --out /tmp/app/dist
 */
import { cpSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDir } from './bundle.mjs';

/** Copies `src/` and `package.json` to `dir` and links its dependencies. @returns {string} dir */
export function copyApp(dir) {
  const target = resolve(dir);
  cpSync(join(packageDir, 'src'), join(target, 'src'), { recursive: true });
  cpSync(join(packageDir, 'package.json'), join(target, 'package.json'));
  const linkAll = (from, to) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.name === '.bin') continue;
      if (entry.name.startsWith('@') && entry.isDirectory())
        linkAll(join(from, entry.name), join(to, entry.name));
      else symlinkSync(realpathSync(join(from, entry.name)), join(to, entry.name));
    }
  };
  linkAll(join(packageDir, 'node_modules'), join(target, 'node_modules'));
  return target;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv[2]) {
    process.stderr.write('usage: scratch-app.mjs DIR\n');
    process.exit(2);
  }
  process.stdout.write(`${copyApp(process.argv[2])}\n`);
}
