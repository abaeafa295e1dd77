import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { createConnectionsConditions } from '../src/http/connections-conditions.js';
import { parseCommandLine } from '../src/cli-args.js';
import { openClient } from '../src/testing/index.js';
import { managementClient } from './support/aws-clients.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

describe('@connections under --connections-rate-limit and --connections-latency-ms', () => {
  let gw: TestGateway;
  afterEach(() => gw.close());

  const start = (options: { connectionsRateLimit?: number; connectionsLatencyMs?: number }) =>
    startTestGateway(
      { functions: { connect: { routes: ['$connect'] }, disconnect: { routes: ['$disconnect'] } } },
      { connect: () => ({ statusCode: 200 }), disconnect: () => ({}) },
      options,
    );
  const connectionId = async () => {
    const ws = await openClient(gw.address.webSocketUrl);
    const { event } = await gw.waitForInvocation('connect');
    return { ws, id: event.requestContext.connectionId as string };
  };

  it('answers 429 LimitExceededException beyond the burst, which the real SDK client names', async () => {
    gw = await start({ connectionsRateLimit: 10 });
    const { ws, id } = await connectionId();
    // One attempt per call, so the SDK's own retries do not hide the 429.
    const client = new ApiGatewayManagementApiClient({
      endpoint: gw.address.connectionsEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        client.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'x' })),
      ),
    );
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    // A burst of 5 (N/2) goes through; the rest of 12 sent at once are throttled.
    expect(results.length - rejected.length).toBeGreaterThanOrEqual(5);
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected) expect(r.reason).toMatchObject({ name: 'LimitExceededException' });
    client.destroy();
    ws.terminate();
  });

  it('holds each request at least half the latency, and still delivers', async () => {
    gw = await start({ connectionsLatencyMs: 60 });
    const { ws, id } = await connectionId();
    const client = managementClient(gw.address);
    const started = performance.now();
    await client.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'late' }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(30);
    client.destroy();
    ws.terminate();
  });
});

describe('createConnectionsConditions', () => {
  it('is inactive by default, and refills the bucket at the rate', () => {
    expect(createConnectionsConditions().active).toBe(false);
    let nowMs = 0;
    const conditions = createConnectionsConditions({ rateLimitPerSecond: 4, now: () => nowMs });
    expect([conditions.admit(), conditions.admit(), conditions.admit()]).toEqual([true, true, false]);
    nowMs += 250;
    expect(conditions.admit()).toBe(true);
    expect(conditions.throttled).toBe(1);
  });

  it('jitters the latency between N/2 and 3N/2', () => {
    expect(createConnectionsConditions({ latencyMs: 20, random: () => 0 }).delayMs()).toBe(10);
    expect(createConnectionsConditions({ latencyMs: 20, random: () => 0.999 }).delayMs()).toBeCloseTo(29.98);
  });

  it('is set from switchboard dev --connections-latency-ms N --connections-rate-limit N', () => {
    const command = parseCommandLine(
      ['dev', '--manifest', 'm.json', '--connections-latency-ms', '25', '--connections-rate-limit', '10000'],
      {},
    );
    expect(command).toMatchObject({ options: { connectionsLatencyMs: 25, connectionsRateLimit: 10_000 } });
  });
});
