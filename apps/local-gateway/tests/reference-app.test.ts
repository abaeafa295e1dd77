import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type ConnectionStore, createConnectionStore } from '@switchboard/connection-store';
import type { ClientMessage, ServerMessage } from '@switchboard/protocol';
import { signLocalToken, startTestGateway, type TestGateway } from '../src/testing/index.js';
import { dynamoClient } from './support/aws-clients.js';
import { buildCli } from './support/build-cli.js';
import { loadReferenceManifest } from './support/reference-app.js';

type Message<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

// The reference app (packages/handlers) on the real runtime, dynalite and Step Functions, through
// the test gateway users' suites get (@switchboard/local-gateway/testing).
describe('the reference app behind the gateway', () => {
  let gateway: TestGateway;
  let store: ConnectionStore;
  let db: DynamoDBClient;
  const connect = (options: { user?: string; token?: string } = {}) =>
    gateway.connect<ServerMessage, ClientMessage>(
      options.token
        ? { query: { token: options.token } }
        : { ...(options.user ? { user: options.user } : {}) },
    );

  beforeAll(async () => {
    gateway = await startTestGateway({
      manifest: loadReferenceManifest({ doWork: { JOB_DEFAULT_DURATION_MS: '300' } }),
    });
    db = dynamoClient(gateway.address);
    store = createConnectionStore({ client: db, tableName: gateway.address.functionEnvironment.TABLE_NAME! });
  });
  afterEach(() => gateway.reset());
  afterAll(async () => {
    db.destroy();
    await gateway.close();
  });

  it('lets two clients in a room exchange messages, and shows what was posted to whom', async () => {
    const [alice, bob] = await Promise.all([connect(), connect()]);
    alice.send({ action: 'join', room: 'lobby', requestId: 'a1' });
    bob.send({ action: 'join', room: 'lobby', requestId: 'b1' });
    await alice.waitFor((m) => m.type === 'joined' && m.requestId === 'a1');
    await bob.waitFor((m) => m.type === 'joined' && m.requestId === 'b1');

    alice.send({ action: 'send', room: 'lobby', text: 'hi bob' });
    const atBob = await bob.waitFor<Message<'message'>>((m) => m.type === 'message');
    expect(atBob).toMatchObject({ type: 'message', room: 'lobby', text: 'hi bob' });
    bob.send({ action: 'send', room: 'lobby', text: 'hi alice' });
    const atAlice = await alice.waitFor<Message<'message'>>(
      (m) => m.type === 'message' && m.text === 'hi alice',
    );
    expect(atAlice.from).not.toEqual(atBob.from);
    // The rooms function posted to bob's connection (through @connections): his join, alice's
    // message, and the sender's copy of his own.
    await gateway.waitForSent((f) => f.connectionId === bob.connectionId && f.json?.text === 'hi alice');
    expect(gateway.sent(bob.connectionId).map((f) => [f.json?.type, f.json?.text])).toEqual([
      ['joined', undefined],
      ['message', 'hi bob'],
      ['message', 'hi alice'],
    ]);
    // An invocation is recorded when it returns, after the posts it made.
    await gateway.waitForInvocation((i) => i.route === 'send' && i.connectionId === bob.connectionId);
    expect(gateway.invocations({ route: 'send' }).map((i) => i.connectionId)).toEqual([
      alice.connectionId,
      bob.connectionId,
    ]);
  });

  it('removes a stale connection from the room when a broadcast finds it gone', async () => {
    const live = await connect();
    live.send({ action: 'join', room: 'stale-room', requestId: 'j' });
    await live.waitFor((m) => m.type === 'joined');
    // A connection whose $disconnect was lost: recorded, in the room, but no socket.
    await store.putConnection({ connectionId: 'goneAAAAAAAAAAA=', userId: 'ghost' });
    await store.joinRoom('goneAAAAAAAAAAA=', 'stale-room');

    live.send({ action: 'send', room: 'stale-room', text: 'anyone?' });
    await live.waitFor((m) => m.type === 'message' && m.text === 'anyone?');
    const members: string[] = [];
    for await (const m of store.roomMembers('stale-room')) members.push(m.connectionId);
    expect(await store.getConnection('goneAAAAAAAAAAA=')).toBeUndefined();
    expect(members).toEqual([live.connectionId]);
  });

  it('starts every test on empty tables', async () => {
    const members: string[] = [];
    for await (const m of store.roomMembers('stale-room')) members.push(m.connectionId);
    expect(members).toEqual([]);
    expect(gateway.invocations()).toEqual([]);
  });

  it("delivers a job's progress and result to every connection of its owner", async () => {
    const [laptop, phone, stranger] = await Promise.all([
      connect({ user: 'user-ada' }),
      connect({ user: 'user-ada' }),
      connect(),
    ]);
    laptop.send({ action: 'submitJob', requestId: 'job-1', input: { text: 'hello world' } });
    const accepted = await laptop.waitFor<Message<'jobAccepted'>>((m) => m.type === 'jobAccepted');
    expect(accepted).toMatchObject({ requestId: 'job-1', jobId: expect.any(String) });
    const done = (m: ServerMessage) => m.type === 'jobCompleted' && m.jobId === accepted.jobId;
    const [onLaptop, onPhone] = await Promise.all([laptop.waitFor(done), phone.waitFor(done)]);
    expect(onPhone).toEqual(onLaptop);
    expect(laptop.messages.some((m) => m.type === 'jobProgress' && m.jobId === accepted.jobId)).toBe(true);
    expect(stranger.messages.filter((m) => m.type.startsWith('job'))).toEqual([]);
  });

  it('tells the client why a job failed, in the words of the function that failed it', async () => {
    const client = await connect();
    client.send({ action: 'submitJob', requestId: 'job-f', input: { text: '!fail now' } });
    const accepted = await client.waitFor<Message<'jobAccepted'>>(
      (m) => m.type === 'jobAccepted' && m.requestId === 'job-f',
    );
    const failed = await client.waitFor<Message<'jobFailed'>>(
      (m) => m.type === 'jobFailed' && m.jobId === accepted.jobId,
    );
    // The Lambda task failed with JobInputError; its Cause carries the function's errorMessage.
    expect(failed.error).toEqual({
      code: 'invalid_payload',
      message: 'Input starting with "!fail" fails on purpose',
    });
  });

  it('accepts a token from `switchboard token` as that user', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      buildCli(),
      'token',
      '--user',
      'alice',
      '--url',
      gateway.address.webSocketUrl,
    ]);
    const alice = await connect({ token: stdout.trim() });
    const $connect = gateway.invocations({ route: '$connect', connectionId: alice.connectionId });
    expect($connect[0]?.event).toMatchObject({
      requestContext: { authorizer: { principalId: 'alice', userId: 'alice', guest: 'false' } },
    });
    const bob = await connect({ user: 'bob' });
    alice.send({ action: 'join', room: 'users', requestId: 'a' });
    bob.send({ action: 'join', room: 'users', requestId: 'b' });
    await Promise.all([alice.waitFor((m) => m.type === 'joined'), bob.waitFor((m) => m.type === 'joined')]);
    alice.send({ action: 'send', room: 'users', text: 'signed in' });
    expect(await bob.waitFor((m) => m.type === 'message')).toMatchObject({
      from: 'alice',
      text: 'signed in',
    });
  });

  it('refuses a token signed with another key', async () => {
    const forged = signLocalToken('not-the-gateway-secret-at-all', { userId: 'mallory' });
    await expect(connect({ token: forged })).rejects.toMatchObject({ status: 401 });
  });

  it('still lets guests in', async () => {
    const guest = await connect();
    guest.send({ action: 'ping', requestId: 'p' });
    expect(await guest.waitFor((m) => m.type === 'pong')).toMatchObject({ requestId: 'p' });
    const [authorized] = gateway.invocations({ route: '$connect', connectionId: guest.connectionId });
    expect(authorized?.event).toMatchObject({ requestContext: { authorizer: { guest: 'true' } } });
  });
});
