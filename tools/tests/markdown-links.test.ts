import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { readRepoFile, repoFiles, repoRoot } from './support/repo.js';

/** Link targets of a markdown text outside code: `[t](x)`, `![t](x)` and `[t]: x`. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] ?? '');
  const reference = [...prose.matchAll(/^\s*\[[^\]]+\]:\s+(\S+)/gm)].map((m) => m[1] ?? '');
  return [...inline, ...reference];
}

/** Why a relative link is broken, or undefined when it resolves to a file of the repository. */
function problemOf(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return undefined;
  const path = decodeURIComponent(target.replace(/[#?].*$/, ''));
  if (path.startsWith('/')) return 'absolute path';
  const resolved = join(repoRoot, dirname(file), path);
  const inside = relative(repoRoot, resolved);
  if (inside.startsWith(`..${sep}`) || inside === '..') return 'leaves the repository';
  return existsSync(resolved) ? undefined : 'no such file';
}

describe('markdown links', () => {
  const files = repoFiles('*.md').filter((f) => !f.includes('node_modules/'));

  it('finds the markdown files', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/design-decisions.md']));
  });

  it('resolve inside the repository, in every markdown file', () => {
    const broken = files.flatMap((file) =>
      linkTargets(readRepoFile(file)).flatMap((target) => {
        const problem = problemOf(file, target);
        return problem ? [`${file}: ${target} (${problem})`] : [];
      }),
    );
    expect(broken).toEqual([]);
  });

  it('are found and judged as a reader follows them', () => {
    const sample =
      '[a](docs/x.md#y) ![b](<img.png>) `[c](nope.md)` [d](https://aws.amazon.com)\n[e]: ../out.md\n';
    expect(linkTargets(sample)).toEqual(['docs/x.md#y', 'img.png', 'https://aws.amazon.com', '../out.md']);
    expect(problemOf('README.md', '../shared/ARCHITECTURE.md')).toBe('leaves the repository');
    expect(problemOf('docs/design-decisions.md', '../README.md#tests')).toBeUndefined();
    expect(problemOf('README.md', 'docs/missing.md')).toBe('no such file');
    expect(problemOf('README.md', '/etc/hosts')).toBe('absolute path');
  });
});
