import { join } from 'node:path';
import { loadManifest } from '@switchboard/manifest';
import { createGateway, type Gateway, type GatewayAddress } from '../../src/index.js';
import { nextMessage, openClient, openTestClient } from '../../src/testing/index.js';
import { eventually, inspectorApi } from './inspector-api.js';

interface Cost {
  region: string;
  lines: Array<{ service: string; item: string; quantity: number; usd: number }>;
  usage: {
    lambda: Array<{ functionName: string; durationMs: number; memoryMb: number }>;
    stateTransitions: number;
  };
  totalUsd: number;
  monthlyUsd: number;
}

const quantity = (cost: Cost, item: string) => cost.lines.find((l) => l.item === item)?.quantity;

describe('the inspector over the real runtime, dynalite and Step Functions', () => {
  let gateway: Gateway;
  let address: GatewayAddress;
  beforeAll(async () => {
    gateway = createGateway({
      manifest: join(__dirname, '..', 'fixtures', 'relay', 'manifest.json'),
      port: 0,
    });
    address = await gateway.listen();
  });
  afterAll(() => gateway.close());

  it('prices the traffic: messages, connection minutes, Lambda GB-s, DynamoDB units, transitions', async () => {
    const ws = await openClient(address.webSocketUrl);
    ws.send(JSON.stringify({ action: 'broadcast', text: 'hello' }));
    expect(await nextMessage(ws, 10_000)).toBe('hello');
    ws.send(JSON.stringify({ action: 'job', n: 2 }));
    expect(await nextMessage(ws, 10_000)).toBe('job result 4');
    const api = inspectorApi(address);

    await eventually(async () => {
      const cost = await api.get<Cost>('cost');
      expect(cost.region).toBe('us-east-1');
      // In: broadcast, job; out: the broadcast post and the job result.
      expect(quantity(cost, 'messages (32 KB units)')).toBe(4);
      expect(quantity(cost, 'connection minutes')).toBeGreaterThan(0);
      // $connect, broadcast, job, and the workflow's work task.
      expect(quantity(cost, 'requests')).toBe(4);
      const relay = cost.usage.lambda.find((f) => f.functionName === 'relay')!;
      expect(relay.memoryMb).toBe(128);
      const gbSeconds = cost.usage.lambda.reduce(
        (s, f) => s + (f.durationMs / 1000) * (f.memoryMb / 1024),
        0,
      );
      expect(quantity(cost, 'compute (arm64)')).toBeCloseTo(gbSeconds, 9);
      // $connect's PutItem; the broadcast's Scan.
      expect(quantity(cost, 'write request units')).toBeGreaterThanOrEqual(1);
      expect(quantity(cost, 'read request units')).toBeGreaterThanOrEqual(1);
      // The notify workflow entered Work and Notify.
      expect(quantity(cost, 'standard state transitions')).toBe(2);
      expect(cost.totalUsd).toBeGreaterThan(0);
      expect(cost.monthlyUsd).toBeGreaterThan(cost.totalUsd);
    });
    ws.close();
  });

  it('shows the table items and the executions with their history', async () => {
    const ws = await openClient(address.webSocketUrl);
    const api = inspectorApi(address);
    const tables = await api.get<Array<{ tableName: string; items: Array<{ pk: string }> }>>('tables');
    expect(tables.map((t) => t.tableName)).toEqual(['Connections']);
    expect(tables[0]!.items.length).toBeGreaterThanOrEqual(1);
    const pk = tables[0]!.items[0]!.pk;
    const filtered = await api.get<Array<{ items: Array<{ pk: string }> }>>(
      `tables?key=${encodeURIComponent(pk)}`,
    );
    expect(filtered[0]!.items.map((i) => i.pk)).toEqual([pk]);
    const executions =
      await api.get<
        Array<{
          status: string;
          input: string;
          output: string;
          history: Array<{ type: string; name?: string }>;
        }>
      >('executions');
    expect(executions[0]).toMatchObject({ status: 'SUCCEEDED' });
    expect(JSON.parse(executions[0]!.input)).toMatchObject({ n: 2 });
    expect(executions[0]!.history.filter((e) => e.type.endsWith('StateEntered')).map((e) => e.name)).toEqual([
      'Work',
      'Notify',
    ]);
    ws.close();
  });

  it('answers an unknown region with the ones it has prices for', async () => {
    const response = await fetch(`http://${address.host}:${address.port}/@inspector/api/cost?region=mars-1`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'No prices for region "mars-1": use one of us-east-1, eu-west-1.',
    });
  });
});

describe('Express workflows, priced per execution and duration', () => {
  it('counts an Express execution as a request and its duration, not as transitions', async () => {
    const loaded = loadManifest(join(__dirname, '..', 'fixtures', 'relay', 'manifest.json'));
    loaded.manifest.stateMachines!.notify!.type = 'EXPRESS';
    const gateway = createGateway({ manifest: loaded, port: 0 });
    const address = await gateway.listen();
    const ws = await openClient(address.webSocketUrl);
    ws.send(JSON.stringify({ action: 'job', n: 1 }));
    expect(await nextMessage(ws, 10_000)).toBe('job result 2');
    await eventually(async () => {
      const cost = await inspectorApi(address).get<Cost>('cost');
      expect(quantity(cost, 'standard state transitions')).toBe(0);
      expect(quantity(cost, 'express requests')).toBe(1);
      // At least 100 ms at 64 MB.
      expect(quantity(cost, 'express duration (64 MB)')).toBeGreaterThanOrEqual(0.1 * (64 / 1024));
    });
    ws.close();
    await gateway.close();
  });
});

describe('function log lines beside their invocation', () => {
  it('keeps what the function wrote while it ran, and uses the manifest memory', async () => {
    const gateway = createGateway({
      manifest: join(__dirname, '..', 'fixtures', 'inspect', 'manifest.json'),
      port: 0,
    });
    const address = await gateway.listen();
    const api = inspectorApi(address);
    await api.get('state');
    const client = await openTestClient(address.webSocketUrl);
    client.ws.send('plain text');
    await client.waitFor((f) => f.text === 'said', 10_000);
    await eventually(async () => {
      const { invocations } = await api.get<{ invocations: Array<{ id: string; route: string }> }>('state');
      const detail = await api.get<{ logs: string[] }>(
        `invocations/${encodeURIComponent(invocations[0]!.id)}`,
      );
      expect(detail.logs.some((line) => line.includes('talker got plain text'))).toBe(true);
    });
    const cost = await api.get<Cost>('cost?region=eu-west-1');
    expect(cost.usage.lambda).toEqual([expect.objectContaining({ functionName: 'talker', memoryMb: 512 })]);
    client.ws.close();
    await gateway.close();
  });
});
