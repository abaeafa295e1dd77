// The client must load in a browser: bundle it as a browser would and fail on any import of a
// Node built-in or of `ws` (Node callers pass `ws` in; the package never imports it).
import path from 'node:path';
import { forbiddenBrowserImports } from '@switchboard/protocol/testing';

const check = { packageDir: path.join(__dirname, '..'), forbiddenPackages: ['ws'] };

describe('browser bundle', () => {
  it('imports neither a Node built-in nor ws, through the protocol either', async () => {
    expect(await forbiddenBrowserImports({ file: 'src/index.ts' }, check)).toEqual([]);
  });

  it('would catch ws or a Node built-in (the check itself works)', async () => {
    const found = await forbiddenBrowserImports(
      { code: "export { WebSocket } from 'ws'; export { EventEmitter } from 'node:events';" },
      check,
    );
    expect(found).toEqual([expect.stringContaining('ws'), expect.stringContaining('node:events')]);
  });
});
