import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type ConnectionStore, createConnectionStore } from '@switchboard/connection-store';
import type WebSocket from 'ws';
import { createGateway, type Gateway, type GatewayAddress } from '../src/index.js';
import { openTestClient, type ReceivedFrame } from '../src/testing/index.js';
import { dynamoClient } from './support/aws-clients.js';
import { loadReferenceManifest, signToken } from './support/reference-app.js';

const secret = 'reference-app-test-secret';

// The reference app (packages/handlers) on the real runtime, dynalite and Step Functions.
describe('the reference app behind the gateway', () => {
  let gateway: Gateway;
  let address: GatewayAddress;
  let store: ConnectionStore;
  let db: DynamoDBClient;
  const clients: WebSocket[] = [];
  /** A client whose frames are the app's events: JSON objects, matched and returned as such. */
  const connect = async (token?: string) => {
    const url = token ? `${address.webSocketUrl}?token=${token}` : address.webSocketUrl;
    const client = await openTestClient(url);
    clients.push(client.ws);
    const event = (frame: ReceivedFrame) => frame.json ?? {};
    return {
      ws: client.ws,
      get events() {
        return client.frames.map(event);
      },
      waitFor: async (match: (e: Record<string, unknown>) => boolean, timeoutMs = 15_000) =>
        event(await client.waitFor((frame) => match(event(frame)), timeoutMs)),
    };
  };

  beforeAll(async () => {
    const manifest = loadReferenceManifest({
      authorize: { JWT_SECRET: secret },
      doWork: { JOB_DEFAULT_DURATION_MS: '300' },
    });
    gateway = createGateway({ manifest, port: 0 });
    address = await gateway.listen();
    const env = address.functionEnvironment;
    db = dynamoClient(address);
    store = createConnectionStore({ client: db, tableName: env.TABLE_NAME! });
  });
  afterAll(async () => {
    for (const ws of clients) ws.terminate();
    db.destroy();
    await gateway.close();
  });

  it('lets two clients in a room exchange messages', async () => {
    const [alice, bob] = await Promise.all([connect(), connect()]);
    alice.ws.send(JSON.stringify({ action: 'join', room: 'lobby', requestId: 'a1' }));
    bob.ws.send(JSON.stringify({ action: 'join', room: 'lobby', requestId: 'b1' }));
    await alice.waitFor((e) => e.type === 'joined' && e.requestId === 'a1');
    await bob.waitFor((e) => e.type === 'joined' && e.requestId === 'b1');

    alice.ws.send(JSON.stringify({ action: 'send', room: 'lobby', text: 'hi bob' }));
    const atBob = await bob.waitFor((e) => e.type === 'message');
    expect(atBob).toMatchObject({ type: 'message', room: 'lobby', text: 'hi bob' });
    bob.ws.send(JSON.stringify({ action: 'send', room: 'lobby', text: 'hi alice' }));
    const atAlice = await alice.waitFor((e) => e.type === 'message' && e.text === 'hi alice');
    expect(atAlice).toMatchObject({ room: 'lobby', from: expect.any(String) });
    expect(atAlice.from).not.toEqual(atBob.from);
  });

  it('removes a stale connection from the room when a broadcast finds it gone', async () => {
    const live = await connect();
    live.ws.send(JSON.stringify({ action: 'join', room: 'stale-room', requestId: 'j' }));
    await live.waitFor((e) => e.type === 'joined');
    // A connection whose $disconnect was lost: recorded, in the room, but no socket.
    await store.putConnection({ connectionId: 'goneAAAAAAAAAAA=', userId: 'ghost' });
    await store.joinRoom('goneAAAAAAAAAAA=', 'stale-room');

    live.ws.send(JSON.stringify({ action: 'send', room: 'stale-room', text: 'anyone?' }));
    await live.waitFor((e) => e.type === 'message' && e.text === 'anyone?');
    const members: string[] = [];
    for await (const m of store.roomMembers('stale-room')) members.push(m.connectionId);
    expect(await store.getConnection('goneAAAAAAAAAAA=')).toBeUndefined();
    expect(members).toHaveLength(1);
    expect(members).not.toContain('goneAAAAAAAAAAA=');
  });

  it("delivers a job's progress and result to every connection of its owner", async () => {
    const token = signToken(secret, 'user-ada');
    const [laptop, phone, stranger] = await Promise.all([connect(token), connect(token), connect()]);
    laptop.ws.send(
      JSON.stringify({ action: 'submitJob', requestId: 'job-1', input: { text: 'hello world' } }),
    );
    const accepted = await laptop.waitFor((e) => e.type === 'jobAccepted');
    expect(accepted).toMatchObject({ requestId: 'job-1', jobId: expect.any(String) });
    const done = (e: Record<string, unknown>) => e.type === 'jobCompleted' && e.jobId === accepted.jobId;
    const [onLaptop, onPhone] = await Promise.all([laptop.waitFor(done), phone.waitFor(done)]);
    expect(onPhone).toEqual(onLaptop);
    expect(laptop.events.some((e) => e.type === 'jobProgress' && e.jobId === accepted.jobId)).toBe(true);
    expect(stranger.events.filter((e) => String(e.type).startsWith('job'))).toEqual([]);
  });

  it('tells the client why a job failed, in the words of the function that failed it', async () => {
    const client = await connect();
    client.ws.send(JSON.stringify({ action: 'submitJob', requestId: 'job-f', input: { text: '!fail now' } }));
    const accepted = await client.waitFor((e) => e.type === 'jobAccepted' && e.requestId === 'job-f');
    const failed = await client.waitFor((e) => e.type === 'jobFailed' && e.jobId === accepted.jobId);
    // The Lambda task failed with JobInputError; its Cause carries the function's errorMessage.
    expect(failed.error).toEqual({
      code: 'invalid_payload',
      message: 'Input starting with "!fail" fails on purpose',
    });
  });

  it('refuses a token signed with another key', async () => {
    await expect(connect(signToken('not-the-secret', 'mallory'))).rejects.toMatchObject({ status: 401 });
  });
});
