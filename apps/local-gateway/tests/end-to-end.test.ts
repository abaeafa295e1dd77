import { join } from 'node:path';
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createGateway, type Gateway, type GatewayAddress } from '../src/index.js';
import { nextMessage, openClient, sleep } from '../src/testing/index.js';
import { dynamoClient } from './support/aws-clients.js';

// The real parts: worker-thread runtime, embedded dynalite, local Step Functions.
describe('end to end on the real runtime and services', () => {
  let gateway: Gateway;
  let address: GatewayAddress;
  let db: DynamoDBClient;
  beforeAll(async () => {
    gateway = createGateway({ manifest: join(__dirname, 'fixtures', 'relay', 'manifest.json'), port: 0 });
    address = await gateway.listen();
    db = dynamoClient(address);
  });
  afterAll(async () => {
    db.destroy();
    await gateway.close();
  });

  const stored = async (id: string) =>
    (await db.send(new GetItemCommand({ TableName: 'Connections', Key: { pk: { S: id } } }))).Item;

  it('gives functions the endpoints and names of the local services', () => {
    const env = address.functionEnvironment;
    expect(env).toMatchObject({
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: address.connectionsEndpoint,
      CONNECTIONS_ENDPOINT: address.connectionsEndpoint,
      TABLE_NAME: 'Connections',
      TABLE_NAME_CONNECTIONS: 'Connections',
      STATE_MACHINE_ARN_NOTIFY: 'arn:aws:states:us-east-1:000000000000:stateMachine:notify',
    });
    expect(env.AWS_ENDPOINT_URL_DYNAMODB).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.AWS_ENDPOINT_URL_SFN).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
  });

  it('lets a function written for AWS post back through the https endpoint built from the event', async () => {
    const ws = await openClient(address.webSocketUrl);
    const reply = nextMessage(ws, 10_000);
    ws.send(JSON.stringify({ action: 'echoFromEvent' }));
    expect(await reply).toBe('echo: {"action":"echoFromEvent"}');
    ws.close();
  });

  it('broadcasts to every client and cleans a stale connection on GoneException', async () => {
    const [a, b] = await Promise.all([openClient(address.webSocketUrl), openClient(address.webSocketUrl)]);
    await db.send(new PutItemCommand({ TableName: 'Connections', Item: { pk: { S: 'staleAAAAAAAAAA=' } } }));
    const received = Promise.all([nextMessage(a, 10_000), nextMessage(b, 10_000)]);
    a.send(JSON.stringify({ action: 'broadcast', text: 'hello room' }));
    expect(await received).toEqual(['hello room', 'hello room']);
    for (let i = 0; i < 50 && (await stored('staleAAAAAAAAAA=')); i++) await sleep(50);
    expect(await stored('staleAAAAAAAAAA=')).toBeUndefined();
    a.close();
    b.close();
  });

  it('runs a job through Step Functions and posts its result to the connection', async () => {
    const ws = await openClient(address.webSocketUrl);
    ws.send(JSON.stringify({ action: 'job', n: 21 }));
    expect(await nextMessage(ws, 10_000)).toBe('job result 42');
    ws.close();
  });
});
