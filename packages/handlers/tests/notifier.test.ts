import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { createNotifier } from '../src/adapters/notifier.js';
import { type ConnectionUrl, startConnectionUrl } from './support/connection-url.js';

describe('Notifier (PostToConnection through the real SDK)', () => {
  let url: ConnectionUrl;
  let client: ApiGatewayManagementApiClient;

  beforeEach(async () => {
    url = await startConnectionUrl();
    client = new ApiGatewayManagementApiClient({ endpoint: url.endpoint });
  });
  afterEach(async () => {
    client.destroy();
    await url.close();
  });

  it('delivers to every recipient with at most `concurrency` posts in flight', async () => {
    url.delayMs = 15;
    const ids = Array.from({ length: 24 }, (_, i) => `c${i}=`);
    const notifier = createNotifier({ client, concurrency: 4, onGone: async () => {} });

    const report = await notifier.postToMany(ids, '{"type":"pong"}');

    expect(report).toEqual({ delivered: 24, gone: [], failed: [] });
    expect(new Set(url.posts.map((p) => p.connectionId))).toEqual(new Set(ids));
    expect(url.maxInFlight).toBe(4);
  });

  it('hands gone connections (by GoneException) to onGone, and only those', async () => {
    url.gone.add('stale-1').add('stale-2');
    const removed: string[] = [];
    const notifier = createNotifier({ client, onGone: async (id) => removed.push(id) });

    const report = await notifier.postToMany(['alive-1', 'stale-1', 'alive-2', 'stale-2'], '{"type":"pong"}');

    expect(report.delivered).toBe(2);
    expect(report.gone.sort()).toEqual(['stale-1', 'stale-2']);
    expect(removed.sort()).toEqual(['stale-1', 'stale-2']);
    expect(url.posts.map((p) => p.connectionId).sort()).toEqual(['alive-1', 'alive-2']);
  });

  it('collects other failures without throwing past the other recipients', async () => {
    url.busy.add('slow');
    const seen: string[] = [];
    const notifier = createNotifier({
      client,
      onGone: async () => {},
      onFailure: (f) => seen.push(f.errorName),
    });

    const report = await notifier.postToMany(['a', 'slow', 'b'], '{"type":"pong"}');

    expect(report.delivered).toBe(2);
    expect(report.failed).toEqual([
      { connectionId: 'slow', errorName: 'LimitExceededException', message: expect.any(String) },
    ]);
    expect(seen).toEqual(['LimitExceededException']);
  });

  it('reports a failing onGone as a failure, not a throw', async () => {
    url.gone.add('stale');
    const notifier = createNotifier({
      client,
      onGone: async () => {
        throw new Error('table unavailable');
      },
    });
    const report = await notifier.postToOne('stale', '{}');
    expect(report.gone).toEqual(['stale']);
    expect(report.failed).toEqual([
      { connectionId: 'stale', errorName: 'Error', message: 'table unavailable' },
    ]);
  });

  it('reads a paged async source lazily', async () => {
    const pulled: number[] = [];
    async function* pages() {
      for (let i = 0; i < 5; i += 1) {
        pulled.push(i);
        yield `c${i}`;
      }
    }
    const notifier = createNotifier({ client, concurrency: 2, onGone: async () => {} });
    const report = await notifier.postToMany(pages(), '{}');
    expect(report.delivered).toBe(5);
    expect(pulled).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses a concurrency below 1', () => {
    expect(() => createNotifier({ client, concurrency: 0, onGone: async () => {} })).toThrow(RangeError);
  });
});
