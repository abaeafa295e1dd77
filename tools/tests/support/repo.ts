import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root folder. */
export const repoRoot = join(__dirname, '..', '..', '..');

/** Reads a file of the repository as text. */
export function readRepoFile(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

/** Files git knows of (tracked, or new and not ignored) that match the pathspecs. */
export function repoFiles(...pathspecs: string[]): string[] {
  const out = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...pathspecs],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  return [...new Set(out.split('\n').filter(Boolean))].sort();
}

/** The fenced code blocks of a markdown text, with their info string (`sh`, `ts`). */
export function codeBlocks(markdown: string): { lang: string; code: string }[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1] ?? '',
    code: m[2] ?? '',
  }));
}
