/**
 * A gateway for a test suite: the real gateway on 127.0.0.1 port 0 for any manifest, clients that
 * know their connection id, what the gateway sent to which connection and every invocation (read
 * from the gateway's own recorder, the one the inspector shows), tables emptied between tests.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type LoadedManifest, loadManifest, routeTableOf } from '@switchboard/manifest';
import { createGateway, type GatewayAddress } from '../gateway.js';
import type { KeptInvocation, Recorder } from '../inspect/recorder.js';
import { type LocalTokenOptions, signLocalToken } from '../local-auth/index.js';
import type { GatewayOptions } from '../options.js';
import { emptyTables } from './reset-tables.js';
import { TestTimeoutError } from './sockets.js';
import { openTestClient, parseFrame, type ReceivedFrame, type TestClientOptions } from './test-client.js';

export interface TestGatewayOptions extends Partial<Omit<GatewayOptions, 'manifest'>> {
  /** A manifest file, or one already loaded. */
  manifest: GatewayOptions['manifest'];
}

/** A frame the gateway sent to a client: a handler's PostToConnection, a two-way route's reply, or API Gateway's own error frame. */
export interface SentFrame {
  connectionId: string;
  /** Epoch ms. */
  at: number;
  text: string;
  /** The frame parsed, when it is a JSON object. */
  json?: Record<string, unknown>;
}

export interface ConnectOptions extends TestClientOptions {
  /** Connect as this user, with a token for the gateway's signing secret (`?token=`). */
  user?: string;
  /** More query parameters for the handshake. */
  query?: Record<string, string>;
}

/** A real `ws` client of the test gateway, typed by the app's messages. */
export interface GatewayTestClient<
  TServer extends object = Record<string, unknown>,
  TClient = Record<string, unknown>,
> {
  /** The id the gateway (and every event and `@connections` call) knows this client by. */
  connectionId: string;
  /** The user it connected as, when `user` was given. */
  userId?: string;
  /** Every JSON object message received, in order. */
  readonly messages: TServer[];
  /** Every frame received, text and JSON. */
  readonly frames: ReceivedFrame[];
  send(message: TClient): void;
  /** The first message (received or coming) that matches; rejects after `timeoutMs` (10 s). */
  waitFor<T extends TServer = TServer>(match: (message: TServer) => boolean, timeoutMs?: number): Promise<T>;
  /** Closes with 1000 and resolves once closed. */
  close(): Promise<{ code: number; reason: string }>;
  /** Cuts the TCP connection without a close frame: the gateway sees a drop (1006). */
  drop(): void;
  closed: Promise<{ code: number; reason: string }>;
}

/** Which invocations to read. */
export interface InvocationFilter {
  functionName?: string;
  /** `$connect`, a route key, `(authorizer)`, `(task)`. */
  route?: string;
  connectionId?: string;
}

export interface TestGateway {
  address: GatewayAddress;
  /** Opens a client; with `user`, as that user. */
  connect<TServer extends object = Record<string, unknown>, TClient = Record<string, unknown>>(
    options?: ConnectOptions,
  ): Promise<GatewayTestClient<TServer, TClient>>;
  /** A token the manifest's authorizer accepts as `userId` (`environmentFrom: localSigningSecret`). */
  token(userId: string, options?: Omit<LocalTokenOptions, 'userId'>): string;
  /** Frames the gateway sent since the last reset, oldest first; to one connection, or all. */
  sent(connectionId?: string): SentFrame[];
  /** The first sent frame (since the last reset) that matches; rejects after `timeoutMs`. */
  waitForSent(match: (frame: SentFrame) => boolean, timeoutMs?: number): Promise<SentFrame>;
  /** Invocations since the last reset, oldest first, with event and result. */
  invocations(filter?: InvocationFilter): KeptInvocation[];
  /** The first invocation (since the last reset) that matches; rejects after `timeoutMs`. */
  waitForInvocation(
    match: (invocation: KeptInvocation) => boolean,
    timeoutMs?: number,
  ): Promise<KeptInvocation>;
  /** Deletes every item of the manifest's tables (tables and indexes stay). */
  resetTables(): Promise<void>;
  /**
   * Between tests: closes the clients still open and waits for their `$disconnect`, empties the
   * tables, and forgets what was sent and invoked. Work still running (a workflow) is not waited for.
   */
  reset(): Promise<void>;
  /** Closes every client (1001, `$disconnect` for each) and the gateway. */
  close(): Promise<void>;
}

const DEFAULT_WAIT_MS = 10_000;

/** The record's place in the recorder's one sequence (frames carry it; invocation ids end with it). */
const seqOfInvocation = (invocation: KeptInvocation) =>
  Number(invocation.id.slice(invocation.id.lastIndexOf('.') + 1));

/** Resolves with the first value `find` returns, checking after every change the recorder reports. */
function waitForRecord<T>(
  recorder: Recorder,
  find: () => T | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const found = find();
  if (found !== undefined) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const stop = recorder.onChange(() => {
      const value = find();
      if (value === undefined) return;
      clearTimeout(timer);
      stop();
      resolve(value);
    });
    const timer = setTimeout(() => {
      stop();
      reject(new TestTimeoutError(`no matching ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

/**
 * Starts a gateway for a manifest on 127.0.0.1 port 0, silent, recording everything it sends
 * and invokes.
 * @example
 * const gateway = await startTestGateway({ manifest: 'dist/manifest.json' });
 * const alice = await gateway.connect({ user: 'alice' });
 * alice.send({ action: 'join', room: 'lobby' });
 * await alice.waitFor((m) => m.type === 'joined');
 * expect(gateway.invocations({ route: 'join' })).toHaveLength(1);
 * await gateway.close();
 */
export async function startTestGateway(options: TestGatewayOptions): Promise<TestGateway> {
  const loaded: LoadedManifest =
    typeof options.manifest === 'string' ? loadManifest(options.manifest) : options.manifest;
  const gateway = createGateway({
    port: 0,
    host: '127.0.0.1',
    inspector: true,
    inspectorFrames: 10_000,
    inspectorInvocations: 2_000,
    ...options,
    manifest: loaded,
  });
  const recorder = gateway.recorder;
  if (!recorder) throw new Error('The test gateway needs its recorder: leave `inspector` on');
  const address = await gateway.listen();
  recorder.keep();
  const hasDisconnect = routeTableOf(loaded.manifest).some((route) => route.routeKey === '$disconnect');
  const clients = new Set<GatewayTestClient<object, unknown>>();
  let mark = 0;
  let opened = 0;
  let db: DynamoDBClient | undefined;

  const sent = (connectionId?: string): SentFrame[] =>
    recorder.frames
      .toArray()
      .filter(
        (f) => f.direction === 'out' && f.seq > mark && (!connectionId || f.connectionId === connectionId),
      )
      .map((f) => {
        const { text, json } = parseFrame(typeof f.data === 'string' ? f.data : f.data.toString('utf8'));
        return { connectionId: f.connectionId, at: f.at, text, ...(json ? { json } : {}) };
      });
  const invocations = (filter: InvocationFilter = {}): KeptInvocation[] =>
    recorder.invocations
      .toArray()
      .filter(
        (i) =>
          seqOfInvocation(i) > mark &&
          (!filter.functionName || i.functionName === filter.functionName) &&
          (!filter.route || i.route === filter.route) &&
          (!filter.connectionId || i.connectionId === filter.connectionId),
      );
  const lastSeq = () =>
    Math.max(
      mark,
      recorder.frames.toArray().at(-1)?.seq ?? 0,
      ...recorder.invocations.toArray().slice(-1).map(seqOfInvocation),
    );

  // The session reports the connection before the client sees the 101, so this is at most a turn away.
  const connectionIdOf = (userAgent: string): Promise<string> =>
    waitForRecord(
      recorder,
      () => [...recorder.connections.values()].find((stats) => stats.userAgent === userAgent)?.connectionId,
      2000,
      `connection of ${userAgent}`,
    );

  const test: TestGateway = {
    address,
    token: (userId, tokenOptions) => signLocalToken(address.signingSecret, { ...tokenOptions, userId }),
    async connect<TServer extends object, TClient>(connectOptions: ConnectOptions = {}) {
      const { user, query, ...clientOptions } = connectOptions;
      const url = new URL(address.webSocketUrl);
      for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
      if (user) url.searchParams.set('token', test.token(user));
      // Told apart by User-Agent: the gateway knows a client by it (identity.userAgent), nothing else.
      const userAgent = `switchboard-testing/${++opened}`;
      const agent = clientOptions.headers?.['User-Agent'];
      const headers = { ...clientOptions.headers, 'User-Agent': agent ? `${agent} ${userAgent}` : userAgent };
      const client = await openTestClient(url.href, { ...clientOptions, headers });
      const connectionId = await connectionIdOf(headers['User-Agent']);
      const messages = () => client.frames.flatMap((f) => (f.json ? [f.json as TServer] : []));
      const wrapped: GatewayTestClient<TServer, TClient> = {
        connectionId,
        ...(user ? { userId: user } : {}),
        get messages() {
          return messages();
        },
        get frames() {
          return client.frames;
        },
        send: (message) => client.send(message as Record<string, unknown>),
        async waitFor<T extends TServer>(match: (message: TServer) => boolean, timeoutMs = DEFAULT_WAIT_MS) {
          const frame = await client.waitFor(
            (f) => f.json !== undefined && match(f.json as TServer),
            timeoutMs,
          );
          return frame.json as T;
        },
        async close() {
          if (client.ws.readyState === client.ws.OPEN) client.ws.close(1000);
          return client.closed;
        },
        drop: () => client.drop(),
        closed: client.closed,
      };
      clients.add(wrapped as GatewayTestClient<object, unknown>);
      void client.closed.then(() => clients.delete(wrapped as GatewayTestClient<object, unknown>));
      return wrapped;
    },
    sent,
    waitForSent: (match, timeoutMs = DEFAULT_WAIT_MS) =>
      waitForRecord(recorder, () => sent().find(match), timeoutMs, 'sent frame'),
    invocations,
    waitForInvocation: (match, timeoutMs = DEFAULT_WAIT_MS) =>
      waitForRecord(recorder, () => invocations().find(match), timeoutMs, 'invocation'),
    async resetTables() {
      db ??= new DynamoDBClient({
        endpoint: address.functionEnvironment.AWS_ENDPOINT_URL_DYNAMODB,
        region: address.functionEnvironment.AWS_REGION,
        credentials: {
          accessKeyId: address.functionEnvironment.AWS_ACCESS_KEY_ID ?? 'local',
          secretAccessKey: address.functionEnvironment.AWS_SECRET_ACCESS_KEY ?? 'local',
        },
      });
      await emptyTables(db, loaded.manifest.tables);
    },
    async reset() {
      const closing = [...clients];
      await Promise.all(closing.map((client) => client.close()));
      if (hasDisconnect) {
        await Promise.all(
          closing.map((client) =>
            test.waitForInvocation(
              (i) => i.route === '$disconnect' && i.connectionId === client.connectionId,
            ),
          ),
        );
      }
      await test.resetTables();
      mark = lastSeq();
    },
    async close() {
      db?.destroy();
      await gateway.close();
    },
  };
  return test;
}
