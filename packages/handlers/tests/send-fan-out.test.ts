import { createConnectFunction } from '../src/compose/connect.js';
import { type ConnectionUrl, startConnectionUrl } from './support/connection-url.js';
import { type LocalTable, startLocalTable } from './support/dynamo.js';
import { makeConnectEvent, makeMessageEvent, memoryLogger } from './support/events.js';
import { createRoomsFunction } from './support/message-functions.js';

// `send`'s choice of path, through the real rooms function, dynalite and a connection URL
// stand-in; the workflow's own run is in apps/local-gateway's fan-out test.
describe('send to a room at the fan-out threshold', () => {
  let table: LocalTable;
  let url: ConnectionUrl;
  beforeAll(async () => {
    table = await startLocalTable();
    url = await startConnectionUrl();
  });
  afterAll(async () => {
    await url.close();
    await table.close();
  });

  it('posts directly, logging why, when the workflow cannot be started: no member goes without', async () => {
    const env = {
      TABLE_NAME: table.tableName,
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      CONNECTIONS_ENDPOINT: url.endpoint,
      FANOUT_THRESHOLD: '2',
      // No STATE_MACHINE_ARN_FAN_OUT: the start fails with a ConfigError.
    };
    const connect = createConnectFunction(env, memoryLogger());
    for (const id of ['s=', 'a=', 'b=']) {
      await connect(makeConnectEvent({ connectionId: id, userId: id }));
      await table.store.joinRoom(id, 'big');
    }
    const logger = memoryLogger();
    await createRoomsFunction(
      env,
      logger,
    )(
      makeMessageEvent({
        connectionId: 's=',
        userId: 's=',
        body: { action: 'send', room: 'big', text: 'hi' },
      }),
    );
    expect(url.postsTo('a=')).toHaveLength(1);
    expect(url.postsTo('b=')).toHaveLength(1);
    expect(url.postsTo('a=')[0]!.id).toBe(url.postsTo('s=')[0]!.id);
    expect(logger.lines[0]).toMatchObject({
      route: 'send',
      delivery: { delivered: 2 },
      errorName: 'ConfigError',
    });
  });
});
