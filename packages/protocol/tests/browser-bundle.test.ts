// The protocol must load in a browser: bundle it as a browser would and fail on any import of
// a Node built-in, wherever in the dependency graph it comes from.
import path from 'node:path';
import { forbiddenBrowserImports } from '../src/testing/index.js';

const packageDir = path.join(__dirname, '..');

describe('browser bundle', () => {
  it('imports no Node built-in', async () => {
    expect(await forbiddenBrowserImports({ file: 'src/index.ts' }, { packageDir })).toEqual([]);
  });

  it('would catch a Node built-in import (the check itself works)', async () => {
    const found = await forbiddenBrowserImports(
      { code: "export { createHash } from 'node:crypto';" },
      { packageDir },
    );
    expect(found).toEqual([expect.stringContaining('node:crypto')]);
  });
});
