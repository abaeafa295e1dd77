import { httpsStatus } from '../support/https-status.js';
import { isLoopbackHost } from '../../src/inspect/loopback.js';
import { resolveOptions } from '../../src/options.js';
import { startTestGateway } from '../support/gateway.js';

const manifest = {
  manifest: { routeSelectionExpression: '$request.body.action', tables: [], functions: {} },
  baseDir: '.',
  path: 'manifest.json',
};
const functions = { functions: { app: { routes: ['$default'] } } };

describe('the inspector only where it belongs', () => {
  it('is on for a loopback host and off for any other unless asked for', () => {
    expect(resolveOptions({ manifest }).inspector).toBe(true);
    expect(resolveOptions({ manifest, host: '::1' }).inspector).toBe(true);
    expect(resolveOptions({ manifest, host: 'localhost' }).inspector).toBe(true);
    expect(resolveOptions({ manifest, host: '0.0.0.0' }).inspector).toBe(false);
    expect(resolveOptions({ manifest, host: '192.168.1.20' }).inspector).toBe(false);
    expect(resolveOptions({ manifest, host: '0.0.0.0', inspector: true }).inspector).toBe(true);
    expect(isLoopbackHost('127.8.9.10')).toBe(true);
    expect(isLoopbackHost('::')).toBe(false);
  });

  it('serves nothing under /@inspector/ when off, and gives no inspector URL', async () => {
    const gw = await startTestGateway(functions, { app: () => null }, { inspector: false });
    const base = `http://${gw.address.host}:${gw.address.port}/@inspector`;
    expect(gw.address.inspectorUrl).toBeUndefined();
    for (const path of ['/', '/api/state', '/api/metrics', '/api/cost']) {
      expect((await fetch(base + path)).status).toBe(404);
    }
    const action = await fetch(`${base}/api/connections/x`, {
      method: 'DELETE',
      headers: { 'x-switchboard-inspector': '1' },
    });
    expect(action.status).toBe(404);
    await gw.close();
  });

  it('serves the inspector on the dev listener only, never on the HTTPS one', async () => {
    const gw = await startTestGateway(functions, { app: () => null });
    expect(gw.address.inspectorUrl).toBe(`http://127.0.0.1:${gw.address.port}/@inspector/`);
    expect((await fetch(`http://127.0.0.1:${gw.address.port}/@inspector/api/state`)).status).toBe(200);
    const status = await httpsStatus(gw.address, '/@inspector/api/state');
    expect(status).toBe(404);
    await gw.close();
  });

  it('refuses negative buffer sizes with a clear message', () => {
    expect(() => resolveOptions({ manifest, inspectorFrames: -1 })).toThrow(
      'Invalid inspectorFrames -1: expected a whole number, 0 or more.',
    );
  });
});
