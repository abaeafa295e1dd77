import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type SwitchboardClient } from '@switchboard/client';
import WebSocket from 'ws';
import { eventually, type ReferenceStack, reportScenario, startReferenceStack } from '../src/index.js';

const CLIENTS = 5;
const ROOM = 'restart';

describe('restart: the gateway restarted on its data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-restart-'));
  let stack: ReferenceStack | undefined;
  const clients: SwitchboardClient[] = [];
  afterAll(async () => {
    for (const client of clients) client.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps its table, and @switchboard/client clients reconnect and re-join on their own', async () => {
    const started = Date.now();
    stack = await startReferenceStack({ gateway: { dataDir } });
    const { port, webSocketUrl } = stack.address;
    for (let i = 0; i < CLIENTS; i++) {
      clients.push(
        createClient({
          url: webSocketUrl,
          WebSocket: WebSocket as never,
          reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
        }),
      );
    }
    for (const client of clients) await client.request('join', { room: ROOM });
    const accepted = await clients[0]!.request('submitJob', { input: { text: 'kept', durationMs: 10 } });
    await eventually(async () => {
      const job = (await stack!.probe.counts()).jobs.get(accepted.jobId);
      return job?.status === 'completed';
    }, 'the job completed before the restart');

    // Act: stop the gateway (clients get 1001) and start a new one on the same port and folder.
    const before = stack;
    await before.close();
    const disconnects = before.recorder.records.filter((r) => r.routeKey === '$disconnect').length;
    expect(disconnects).toBe(CLIENTS);
    stack = await startReferenceStack({ gateway: { dataDir, port } });

    // Assert: the table kept the job; every client is back, in its room, and hears a broadcast.
    const counts = await stack.probe.counts();
    expect(counts.jobs.get(accepted.jobId)?.status).toBe('completed');
    await eventually(
      async () => (await stack!.probe.counts()).memberships.get(ROOM)?.size === CLIENTS,
      'every client re-joined its room in the new gateway',
      30_000,
    );
    expect(clients.every((client) => client.state.status === 'open' && client.rooms.has(ROOM))).toBe(true);
    const heard: string[] = [];
    for (const client of clients.slice(1)) client.on('message', (m) => heard.push(m.text));
    await clients[0]!.request('send', { room: ROOM, text: 'after the restart' });
    await eventually(() => heard.length === CLIENTS - 1, 'the broadcast reached every re-joined client');

    reportScenario({
      scenario: 'restart',
      tried: `${CLIENTS} @switchboard/client clients in a room and a completed job; gateway closed and started again on the same port and dataDir`,
      sent: CLIENTS - 1,
      delivered: heard.length,
      lost: CLIENTS - 1 - heard.length,
      disconnects,
      staleRows: (await stack.probe.counts()).connections.size - CLIENTS,
      durationMs: Date.now() - started,
      notes: 'the job row survived the restart; every client reconnected and re-joined without help',
    });
  });
});
