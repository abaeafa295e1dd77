import { shardOfConnection } from '@switchboard/connection-store';
import aslValidator from 'asl-validator';
import { buildAppManifest } from '../src/app-manifest.js';
import { createFanOutFunction } from '../src/compose/fanOut.js';
import { planBroadcast } from '../src/core/broadcast-plan.js';
import {
  buildFanOutWorkflow,
  type FanOutSliceInput,
  fanOutStates,
} from '../src/workflow/fan-out-workflow.js';
import { type ConnectionUrl, startConnectionUrl } from './support/connection-url.js';
import { type LocalTable, startLocalTable } from './support/dynamo.js';
import { memoryLogger } from './support/events.js';

type State = Record<string, unknown>;

describe('buildFanOutWorkflow', () => {
  it('produces ASL that asl-validator accepts: a Map over $.shards whose iteration is the fanOut task', () => {
    const definition = buildFanOutWorkflow({ maxConcurrency: 4 });
    expect(aslValidator(definition).errors).toEqual([]);
    const map = (definition.States as Record<string, State>)[fanOutStates.slices]!;
    expect(map).toMatchObject({ Type: 'Map', ItemsPath: '$.shards', MaxConcurrency: 4 });
    expect(map.ItemSelector).toMatchObject({ 'shard.$': '$$.Map.Item.Value', 'data.$': '$.data' });
    const task = ((map.ItemProcessor as State).States as Record<string, State>)[fanOutStates.slice]!;
    expect(task.Resource).toBe('arn:aws:lambda:local:000000000000:function:fanOut');
    // The Retry sits on the iteration: a failed slice runs again on its own. Bad input is not retried.
    expect(task.Retry).toEqual([
      { ErrorEquals: ['WorkflowInputError'], MaxAttempts: 0 },
      expect.objectContaining({ ErrorEquals: ['States.ALL'], MaxAttempts: 3 }),
    ]);
  });

  it('is in the manifest as an EXPRESS state machine next to notify', () => {
    const { stateMachines, functions } = buildAppManifest();
    expect(stateMachines?.fanOut?.type).toBe('EXPRESS');
    expect(stateMachines?.notify?.type).toBeUndefined();
    expect(functions.fanOut?.permissions).toEqual(['table', 'connections']);
  });
});

describe('planBroadcast', () => {
  const base = { threshold: 100, shardCount: 8, ratePerSecond: 4000 };
  it('posts a room below the threshold directly, and every room when the threshold is 0', () => {
    expect(planBroadcast({ ...base, members: 99 })).toEqual({ path: 'direct' });
    expect(planBroadcast({ ...base, threshold: 0, members: 1_000_000 })).toEqual({ path: 'direct' });
  });
  it('fans a room at the threshold out, one slice per shard, sharing the rate', () => {
    expect(planBroadcast({ ...base, members: 100 })).toEqual({
      path: 'fanOut',
      members: 100,
      shards: [0, 1, 2, 3, 4, 5, 6, 7],
      ratePerSlice: 500,
    });
  });
});

// The worker as its bundle composes it: dynalite through the real SDK, posts signed with the
// SDK's signer to a real HTTP stand-in for the connection URL (410 Gone and 429 on demand).
describe('fanOut task (one shard of a broadcast)', () => {
  let table: LocalTable;
  let url: ConnectionUrl;
  const env = () => ({
    TABLE_NAME: table.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    CONNECTIONS_ENDPOINT: url.endpoint,
    FANOUT_WORKER_CONCURRENCY: '4',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  const input = (over: Partial<FanOutSliceInput> = {}): FanOutSliceInput => ({
    room: 'big',
    data: JSON.stringify({ type: 'message', id: 'm1' }),
    messageId: 'm1',
    exclude: 'sender',
    shard: 0,
    ratePerSecond: 1000,
    ...over,
  });
  // The table's store and the function both use the default 8 shards: run every slice, as the Map does.
  const runAll = async (run: ReturnType<typeof createFanOutFunction>) => {
    const total = { delivered: 0, gone: 0, throttled: 0, failed: 0 };
    for (let shard = 0; shard < 8; shard++) {
      const out = await run(input({ shard }));
      for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += out[key];
    }
    return total;
  };
  const join = async (ids: string[]) => {
    for (const id of ids) {
      await table.store.putConnection({ connectionId: id, userId: `u-${id}` });
      await table.store.joinRoom(id, 'big');
    }
  };

  beforeEach(async () => {
    table = await startLocalTable();
    url = await startConnectionUrl();
  });
  afterEach(async () => {
    await url.close();
    await table.close();
  });

  it('posts every member of its shard but the sender, and removes a gone one from the store', async () => {
    await join(['sender', 'a=', 'b', 'gone']);
    url.gone.add('gone');
    const logger = memoryLogger();
    const output = await runAll(createFanOutFunction(env(), logger));
    expect(output).toEqual({ delivered: 2, gone: 1, throttled: 0, failed: 0 });
    expect(url.posts.map((p) => p.connectionId).sort()).toEqual(['a=', 'b']);
    expect(url.postsTo('a=')).toEqual([{ type: 'message', id: 'm1' }]);
    expect(await table.store.getConnection('gone')).toBeUndefined();
  });

  it('backs off on 429 LimitExceededException and delivers once the throttle lifts', async () => {
    await join(['a', 'b']);
    url.busy.add('a');
    setTimeout(() => url.busy.delete('a'), 150);
    const logger = memoryLogger();
    const output = await runAll(createFanOutFunction(env(), logger));
    expect(output.delivered).toBe(2);
    expect(output.throttled).toBeGreaterThan(0);
    expect(url.postsTo('a')).toHaveLength(1);
  });

  it('fails the slice (for Step Functions to retry) when members stay throttled', async () => {
    await join(['a']);
    url.busy.add('a');
    const logger = memoryLogger();
    const run = createFanOutFunction({ ...env(), FANOUT_POST_ATTEMPTS: '3' }, logger);
    await expect(
      run(input({ ratePerSecond: 10_000, shard: shardOfConnection('a', 8) })),
    ).rejects.toMatchObject({ name: 'SliceIncompleteError' });
  }, 20_000);

  it('refuses a shard the store does not have (another ROOM_SHARDS)', async () => {
    const logger = memoryLogger();
    await expect(createFanOutFunction(env(), logger)(input({ shard: 8 }))).rejects.toMatchObject({
      name: 'WorkflowInputError',
    });
  });
});
