import { join } from 'node:path';
import WebSocket from 'ws';
import { createGateway, type Gateway } from '../src/index.js';

// Issue 14 item 8: an app without a table leaves `tables` out of its manifest (and an authorizer
// without identity sources leaves those out, a function without permissions its `permissions`),
// and the gateway runs it.
describe('a manifest without the fields that have an obvious empty value', () => {
  let gateway: Gateway | undefined;
  afterAll(() => gateway?.close());

  it('is accepted, and its two-way route answers (no TABLE_NAME: there is no table)', async () => {
    gateway = createGateway({ manifest: join(__dirname, 'fixtures/bare-manifest/manifest.json'), port: 0 });
    const { webSocketUrl } = await gateway.listen();
    const ws = new WebSocket(webSocketUrl);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = new Promise<string>((resolve) => ws.once('message', (data) => resolve(data.toString())));
    ws.send('{"action":"echo"}');
    expect(JSON.parse(await reply)).toEqual({ body: '{"action":"echo"}', tableName: null });
    ws.close();
  });
});
