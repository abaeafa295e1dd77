import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway } from '../../src/index.js';
import { accessLogFormat } from '../../src/inspect/access-log.js';
import { openTestClient } from '../../src/testing/index.js';
import { startTestGateway } from '../support/gateway.js';
import { eventually } from './inspector-api.js';

describe('access logs as API Gateway writes them', () => {
  it('writes one JSON line per CONNECT, MESSAGE and DISCONNECT with the $context fields', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-access-')), 'access.log');
    const gw = await startTestGateway(
      { functions: { rooms: { routes: ['$connect', '$disconnect', 'join'], routeResponse: true } } },
      { rooms: () => ({ statusCode: 200, body: 'ok' }) },
      { accessLog: file, inspector: false },
    );
    const client = await openTestClient(gw.address.webSocketUrl);
    client.send({ action: 'join', room: 'lobby' });
    await client.waitFor((f) => f.text === 'ok');
    client.send({ action: 'unknown' });
    await client.waitFor((f) => f.text.includes('Forbidden'));
    client.ws.close(1000);
    await gw.waitForInvocation('rooms', (i) => i.event.requestContext.eventType === 'DISCONNECT');
    await gw.close();

    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.eventType, l.routeKey, l.status])).toEqual([
      ['CONNECT', '$connect', '200'],
      ['MESSAGE', 'join', '200'],
      ['MESSAGE', '-', '403'],
      ['DISCONNECT', '$disconnect', '200'],
    ]);
    // Every field of the format, each a string as the quoted template makes it.
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(Object.keys(accessLogFormat));
      for (const value of Object.values(line)) expect(typeof value).toBe('string');
    }
    const [connect, join_, forbidden] = lines;
    expect(connect).toMatchObject({ ip: '127.0.0.1', caller: '-', user: '-', errorMessage: '-' });
    expect(connect.requestTime).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(join_.connectionId).toBe(connect.connectionId);
    expect(join_.requestId).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(join_.integrationLatency).toMatch(/^\d+$/);
    expect(forbidden).toMatchObject({ errorMessage: 'Forbidden', integrationLatency: '-' });
  });

  it('logs a refused handshake with its status and message', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-access-')), 'access.log');
    const gw = await startTestGateway(
      { functions: { gate: { routes: ['$connect'] } } },
      { gate: () => ({ statusCode: 401 }) },
      { accessLog: file },
    );
    await expect(openTestClient(gw.address.webSocketUrl)).rejects.toThrow('401');
    await gw.close();
    await eventually(() => {
      const [line] = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(line).toMatchObject({
        eventType: 'CONNECT',
        routeKey: '$connect',
        status: '401',
        errorMessage: 'Unauthorized',
      });
    });
  });

  it('refuses a file it cannot write, saying which', () => {
    expect(() =>
      createGateway({
        manifest: {
          manifest: { routeSelectionExpression: '$request.body.action', tables: [], functions: {} },
          baseDir: '.',
          path: 'm.json',
        },
        accessLog: '/no/such/folder/access.log',
      }),
    ).toThrow('--access-log: cannot write /no/such/folder/access.log');
  });
});
