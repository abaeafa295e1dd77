import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { createGateway, type Gateway } from '../src/index.js';
import { nextMessage, openClient, sleep } from '../src/testing/index.js';

/** A handler answering its label and the GREETING variable it was started with. */
const bundle = (label: string) =>
  `export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ label: ${JSON.stringify(label)}, greeting: process.env.GREETING ?? null }) });\n`;

// What a build does (the reference app's writes each file beside, then renames it).
const writeAtomic = (path: string, text: string) => {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
};

// `switchboard dev` with a manifest whose folder changes under it: routes, functions and their
// environment apply without a restart; a manifest that does not load changes nothing.
describe('a changed manifest', () => {
  let dir: string;
  let gateway: Gateway;
  let ws: WebSocket;
  const logLines: string[] = [];
  const writeManifest = (functions: Record<string, unknown>) =>
    writeAtomic(
      join(dir, 'manifest.json'),
      JSON.stringify({ routeSelectionExpression: '$request.body.action', functions }),
    );
  const ask = async (action: string) => {
    const reply = nextMessage(ws, 5000);
    ws.send(JSON.stringify({ action }));
    return JSON.parse(await reply) as Record<string, unknown>;
  };
  /** Asks until the answer matches, at most ~5 s: the watcher's notice is asynchronous. */
  const askUntil = async (action: string, matches: (reply: Record<string, unknown>) => boolean) => {
    let reply = await ask(action);
    for (let tries = 0; !matches(reply) && tries < 100; tries++) {
      await sleep(50);
      reply = await ask(action);
    }
    return reply;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-live-manifest-'));
    writeFileSync(join(dir, 'version.mjs'), bundle('version'));
    writeFileSync(join(dir, 'shout.mjs'), bundle('shout'));
    writeManifest({ version: { handler: 'version.handler', routes: ['version'], routeResponse: true } });
    gateway = createGateway({
      manifest: join(dir, 'manifest.json'),
      port: 0,
      watchBundles: true,
      log: (line) => logLines.push(line),
    });
    ws = await openClient((await gateway.listen()).webSocketUrl);
  });
  afterAll(async () => {
    ws?.close();
    await gateway?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a new route and function, and a changed environment, on the same connection', async () => {
    expect(await ask('shout')).toMatchObject({ message: 'Forbidden' });

    writeManifest({
      version: {
        handler: 'version.handler',
        routes: ['version'],
        routeResponse: true,
        environment: { GREETING: 'hello' },
      },
      shout: { handler: 'shout.handler', routes: ['shout'], routeResponse: true },
    });

    expect(await askUntil('shout', (reply) => reply.label === 'shout')).toEqual({
      label: 'shout',
      greeting: null,
    });
    expect(await ask('version')).toEqual({ label: 'version', greeting: 'hello' });
    expect(logLines).toContainEqual(expect.stringContaining('manifest reloaded: routes +shout'));
  });

  it('stops serving a removed route', async () => {
    writeManifest({ version: { handler: 'version.handler', routes: ['version'], routeResponse: true } });
    expect(await askUntil('shout', (reply) => reply.message === 'Forbidden')).toMatchObject({
      message: 'Forbidden',
    });
    expect(await ask('version')).toEqual({ label: 'version', greeting: null });
  });

  it('keeps the running manifest when the new one is invalid, and says why once', async () => {
    const refusals = () => logLines.filter((line) => line.startsWith('manifest not applied'));
    writeAtomic(join(dir, 'manifest.json'), JSON.stringify({ functions: { version: {} } }));
    for (let waitedMs = 0; refusals().length === 0 && waitedMs < 5000; waitedMs += 50) await sleep(50);
    // The same invalid manifest saved again: no second message.
    writeAtomic(join(dir, 'manifest.json'), JSON.stringify({ functions: { version: {} } }, null, 1));
    await sleep(300);

    expect(refusals()).toHaveLength(1);
    expect(refusals()[0]).toMatch(/routeSelectionExpression/);
    expect(refusals()[0]).toMatch(/functions\.version\.handler/);
    expect(await ask('version')).toEqual({ label: 'version', greeting: null });
  });
});
