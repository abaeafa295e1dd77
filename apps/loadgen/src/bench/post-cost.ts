// CPU per PostToConnection in the posting process: the SDK client (ApiGatewayManagementApiClient,
// its middleware stack) against the SDK's own signer over a keep-alive agent (the fan-out
// worker's path), in this process, against a real gateway, interleaved A B A B ... so that the
// machine's load falls on both alike. The gateway's main thread per post is measured alongside.
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import {
  createSignedHttp,
  type PostToConnection,
  sdkPostToConnection,
  signedPostToConnection,
} from '@switchboard/handlers/posting';
import WebSocket from 'ws';
import { type CpuPerUnit, cpuWindow } from './thread-cpu.js';

export interface PostCost {
  variant: 'sdk' | 'signer';
  /** µs of this process's CPU per post. */
  clientMicros: number;
  server: CpuPerUnit['server'];
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** `rounds` x (SDK, signer), `posts` each with 16 in flight, to one open connection. */
export async function measurePostCost(
  server: { pid: number; webSocketUrl: string; connectionsEndpoint?: string },
  { rounds = 3, posts = 2000 } = {},
): Promise<PostCost[]> {
  const endpoint = server.connectionsEndpoint;
  if (!endpoint) throw new Error('the gateway announced no connections endpoint');
  const connectionId = await openAndLearnId(server.webSocketUrl);
  const client = new ApiGatewayManagementApiClient({
    endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });
  const variants: Record<PostCost['variant'], PostToConnection> = {
    sdk: sdkPostToConnection(client),
    signer: signedPostToConnection(
      createSignedHttp({ service: 'execute-api', region: 'us-east-1', credentials }),
      endpoint,
    ),
  };
  const data = new TextEncoder().encode(JSON.stringify({ type: 'message', text: 'x'.repeat(100) }));
  const results: PostCost[] = [];
  try {
    for (const variant of ['sdk', 'signer'] as const)
      await postMany(variants[variant], connectionId.id, data, 300);
    for (let round = 0; round < rounds; round++) {
      for (const variant of ['sdk', 'signer'] as const) {
        const counting = cpuWindow(server.pid);
        const before = process.cpuUsage();
        await postMany(variants[variant], connectionId.id, data, posts);
        const used = process.cpuUsage(before);
        results.push({
          variant,
          clientMicros: (used.user + used.system) / posts,
          server: counting.end(posts).server,
        });
      }
    }
  } finally {
    client.destroy();
    connectionId.ws.terminate();
  }
  return results;
}

async function postMany(post: PostToConnection, id: string, data: Uint8Array, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      await post(id, data);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** Opens a connection and learns its id from the gateway's inspector (the one open connection). */
async function openAndLearnId(url: string): Promise<{ ws: WebSocket; id: string }> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const state = new URL('/@inspector/api/state', url.replace(/^ws/, 'http'));
  const snapshot = (await (await fetch(state)).json()) as { connections: Array<{ connectionId: string }> };
  const id = snapshot.connections.at(-1)?.connectionId;
  if (!id) throw new Error(`the inspector at ${state} lists no connection`);
  return { ws, id };
}
