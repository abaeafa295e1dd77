import { type BareServer, startBareServer } from '../src/bare/bare-server.js';
import { runLoad } from '../src/run-load.js';
import { type ScriptedServer, startScriptedServer } from './servers.js';

describe('runLoad --broadcast', () => {
  let bare: BareServer;
  beforeAll(async () => {
    bare = await startBareServer();
  });
  afterAll(() => bare.close());

  it('joins every connection and times each round until every other member has it', async () => {
    const summary = await runLoad({ url: bare.url, connections: 20, messages: 5, broadcast: true });

    expect(summary.mode).toBe('broadcast');
    expect(summary.broadcast).toMatchObject({
      members: 20,
      joinFailures: 0,
      rounds: 5,
      completeRounds: 5,
      receiversPerRound: 19,
      deliveries: 95,
      lost: 0,
    });
    expect(summary.broadcast?.timeToAllMs.count).toBe(5);
    expect(summary.broadcast?.deliveryMs.count).toBe(95);
  });

  describe('with a server that skips one member', () => {
    let server: ScriptedServer;
    afterEach(() => server.close());

    it('counts the missing deliveries as lost', async () => {
      const members: import('ws').WebSocket[] = [];
      server = await startScriptedServer({
        onRequest: (socket, request) => {
          if (request.action === 'join') {
            members.push(socket);
            socket.send(JSON.stringify({ type: 'joined', requestId: request.requestId }));
          } else {
            const frame = JSON.stringify({ type: 'message', text: request.text });
            for (const member of members.slice(0, -1)) member.send(frame);
          }
        },
      });

      const summary = await runLoad({
        url: server.url,
        connections: 4,
        messages: 3,
        broadcast: true,
        timeoutMs: 100,
        connectConcurrency: 1,
      });

      expect(summary.broadcast).toMatchObject({
        members: 4,
        rounds: 3,
        completeRounds: 0,
        deliveries: 6,
        lost: 3,
      });
    });
  });
});
