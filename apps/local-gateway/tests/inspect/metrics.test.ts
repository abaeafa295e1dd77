import { handshakeStatus, openTestClient } from '../../src/testing/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { inspectorApi, type MetricJson } from './inspector-api.js';

const metric = (metrics: MetricJson[], name: string, functionName?: string) =>
  metrics.find(
    (m) =>
      m.metricName === name && (functionName === undefined || m.dimensions.FunctionName === functionName),
  );

describe('metrics as API Gateway and Lambda publish them', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(
      {
        functions: {
          hello: { routes: ['$connect', 'hello'], routeResponse: true },
          boom: { routes: ['boom'] },
        },
      },
      {
        hello: () => ({ statusCode: 200, body: 'hi' }),
        boom: () => {
          throw new Error('boom');
        },
      },
    );
  });
  afterAll(() => gw.close());

  it('counts connects, messages both ways, errors and latency, per API and per function', async () => {
    const client = await openTestClient(gw.address.webSocketUrl);
    client.send({ action: 'hello' });
    await client.waitFor((f) => f.text === 'hi');
    client.send({ action: 'boom' });
    await client.waitFor((f) => f.text.includes('Internal server error'));
    client.send({ action: 'nothing-routes-this' });
    await client.waitFor((f) => f.text.includes('Forbidden'));
    // A handshake on another stage is refused by API Gateway itself: a client error.
    const wrongStage = gw.address.webSocketUrl.replace(/\/dev$/, '/prod');
    expect(await handshakeStatus(wrongStage)).toBe(403);

    const { periodSeconds, metrics } = await inspectorApi(gw.address).get<{
      periodSeconds: number;
      metrics: MetricJson[];
    }>('metrics');

    expect(periodSeconds).toBe(10);
    expect(metric(metrics, 'ConnectCount')).toMatchObject({
      namespace: 'AWS/ApiGateway',
      dimensions: { ApiId: 'switchboard', Stage: 'dev' },
      sum: 1,
    });
    // In: hello, boom, the unrouted one; out: "hi" and the two error frames.
    expect(metric(metrics, 'MessageCount')?.sum).toBe(6);
    expect(metric(metrics, 'ExecutionError')?.sum).toBe(1);
    expect(metric(metrics, 'IntegrationError')?.sum).toBe(1);
    expect(metric(metrics, 'ClientError')?.sum).toBe(2);
    expect(metric(metrics, 'IntegrationLatency')?.sampleCount).toBe(3);
    expect(metric(metrics, 'Invocations', 'hello')).toMatchObject({ namespace: 'AWS/Lambda', sum: 2 });
    expect(metric(metrics, 'Errors', 'boom')?.sum).toBe(1);
    expect(metric(metrics, 'Duration', 'boom')?.sampleCount).toBe(1);
    expect(metric(metrics, 'Throttles', 'hello')?.sum).toBe(0);
    // A time series: the last 60 periods, the newest holding this test's messages.
    const series = metric(metrics, 'MessageCount')!.values;
    expect(series).toHaveLength(60);
    expect(series.reduce((a, b) => a + b, 0)).toBe(6);
    client.ws.close();
  });
});
