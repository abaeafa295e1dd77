import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, type Gateway } from '../src/index.js';
import { nextMessage, openClient, sleep } from '../src/testing/index.js';

const bundle = (version: string) =>
  `export const handler = async () => ({ statusCode: 200, body: ${JSON.stringify(version)} });\n`;

// What `pnpm dev` users see: rebuild a function while clients stay connected.
describe('rebuilt bundles', () => {
  let dir: string;
  let gateway: Gateway;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-reload-'));
    writeFileSync(join(dir, 'version.mjs'), bundle('v1'));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        routeSelectionExpression: '$request.body.action',
        tables: [],
        functions: { version: { handler: 'version.handler', routes: ['version'], routeResponse: true } },
      }),
    );
  });
  afterAll(async () => {
    await gateway?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are picked up by the next call without dropping the client', async () => {
    gateway = createGateway({ manifest: join(dir, 'manifest.json'), port: 0, watchBundles: true });
    const { webSocketUrl } = await gateway.listen();
    const ws = await openClient(webSocketUrl);
    const ask = async () => {
      const reply = nextMessage(ws, 5000);
      ws.send('{"action":"version"}');
      return reply;
    };
    expect(await ask()).toBe('v1');

    writeFileSync(join(dir, 'version.mjs'), bundle('v2'));
    let answer = 'v1';
    for (let tries = 0; answer === 'v1' && tries < 50; tries++) {
      await sleep(100);
      answer = await ask();
    }
    expect(answer).toBe('v2');
    expect(ws.readyState).toBe(ws.OPEN);
    ws.close();
  });
});
