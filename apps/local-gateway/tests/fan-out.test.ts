import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { type ConnectionStore, createConnectionStore } from '@switchboard/connection-store';
import { createGateway, type Gateway, type GatewayAddress } from '../src/index.js';
import { openTestClient, type TestClient } from '../src/testing/index.js';
import { dynamoClient } from './support/aws-clients.js';
import { loadReferenceManifest } from './support/reference-app.js';

// Both broadcast paths of the reference app on the real runtime, dynalite and the local Step
// Functions engine running the manifest's fanOut workflow (the JSON infra deploys).
describe('room broadcast: direct below the threshold, the fanOut workflow from it', () => {
  const threshold = 6;
  let gateway: Gateway;
  let address: GatewayAddress;
  let store: ConnectionStore;
  let db: DynamoDBClient;
  let sfn: SFNClient;
  const clients: TestClient[] = [];
  const lines: string[] = [];

  const joined = async (room: string, count: number): Promise<TestClient[]> => {
    const members: TestClient[] = [];
    for (let i = 0; i < count; i++) {
      const client = await openTestClient(address.webSocketUrl);
      clients.push(client);
      client.send({ action: 'join', room });
      await client.waitFor((f) => f.json?.type === 'joined');
      members.push(client);
    }
    return members;
  };
  const fanOutExecutions = async () => {
    const env = address.functionEnvironment;
    const out = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: env.STATE_MACHINE_ARN_FAN_OUT! }),
    );
    return out.executions ?? [];
  };

  beforeAll(async () => {
    const manifest = loadReferenceManifest({ rooms: { FANOUT_THRESHOLD: String(threshold) } });
    gateway = createGateway({ manifest, port: 0, log: (line) => lines.push(line) });
    address = await gateway.listen();
    const env = address.functionEnvironment;
    db = dynamoClient(address);
    store = createConnectionStore({ client: db, tableName: env.TABLE_NAME! });
    sfn = new SFNClient({
      endpoint: env.AWS_ENDPOINT_URL_SFN,
      region: env.AWS_REGION,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
    });
  });
  afterAll(async () => {
    for (const client of clients) client.ws.terminate();
    db.destroy();
    sfn.destroy();
    await gateway.close();
  });

  it('posts a small room directly: every other member gets it once, no execution starts', async () => {
    const [sender, ...others] = await joined('small', threshold - 2);
    sender!.send({ action: 'send', room: 'small', text: 'hi', requestId: 'r1' });
    const reply = await sender!.waitFor((f) => f.json?.type === 'message');
    for (const member of others) {
      const frame = await member.waitFor((f) => f.json?.type === 'message');
      expect(frame.json).toMatchObject({ room: 'small', text: 'hi', id: reply.json!.id });
    }
    expect(await fanOutExecutions()).toHaveLength(0);
  });

  it('fans a big room out over the workflow: every member once, with the id, a gone member pruned', async () => {
    const members = await joined('big', threshold + 4);
    // A member whose socket is gone without a $disconnect: the fan-out meets GoneException.
    await store.putConnection({ connectionId: 'stale-member-id=', userId: 'ghost' });
    await store.joinRoom('stale-member-id=', 'big');
    const [sender, ...others] = members;

    sender!.send({ action: 'send', room: 'big', text: 'to everyone', requestId: 'r2' });
    const reply = await sender!.waitFor((f) => f.json?.type === 'message' && f.json.requestId === 'r2');
    for (const member of others) {
      const frame = await member.waitFor((f) => f.json?.type === 'message' && f.json.room === 'big');
      expect(frame.json).toMatchObject({ text: 'to everyone', id: reply.json!.id });
    }

    const executions = await fanOutExecutions();
    expect(executions).toHaveLength(1);
    expect(executions[0]!.name).toBe(reply.json!.id);
    // Wait for the execution to settle: the gone member's removal is its last step.
    const deadline = Date.now() + 15_000;
    while ((await store.getConnection('stale-member-id=')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await store.getConnection('stale-member-id=')).toBeUndefined();
    expect(sender!.framesOfType('message')).toHaveLength(1);
    for (const member of others) expect(member.framesOfType('message')).toHaveLength(1);
  });
});
