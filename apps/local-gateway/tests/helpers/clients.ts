import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import WebSocket, { type ClientOptions } from 'ws';
import type { GatewayAddress } from '../../src/index.js';

/** Opens a real `ws` client; rejects with the HTTP status when the handshake is refused. */
export function openClient(
  url: string,
  protocols?: string | string[],
  options?: ClientOptions,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode }));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

/** The HTTP status a refused handshake ends with (or 101 when it opens). */
export async function handshakeStatus(url: string, options?: ClientOptions): Promise<number> {
  try {
    const ws = await openClient(url, undefined, options);
    ws.close();
    return 101;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === undefined) throw error;
    return status;
  }
}

/** Collects every text frame a client receives. */
export function collectMessages(ws: WebSocket): string[] {
  const messages: string[] = [];
  ws.on('message', (data) => messages.push(data.toString()));
  return messages;
}

/** The next frame the client receives, as text. */
export function nextMessage(ws: WebSocket, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message')), timeoutMs);
    ws.once('message', (data) => {
      clearTimeout(timer);
      resolve(data.toString());
    });
  });
}

/** Resolves with the close code and reason the client saw. */
export function closed(ws: WebSocket, timeoutMs = 3000): Promise<{ code: number; reason: string }> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve({ code: -1, reason: 'already closed' });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not closed')), timeoutMs);
    ws.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

/** Waits a little, for asserting that nothing arrives. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real management API client, pointed at a gateway with its default credentials. */
export function managementClient(
  address: GatewayAddress,
  credentials = { accessKeyId: 'local', secretAccessKey: 'local' },
): ApiGatewayManagementApiClient {
  return new ApiGatewayManagementApiClient({
    endpoint: address.connectionsEndpoint,
    region: 'us-east-1',
    credentials,
  });
}

/** A DynamoDB client on the gateway's embedded DynamoDB, as its functions reach it. */
export function dynamoClient(address: GatewayAddress): DynamoDBClient {
  const env = address.functionEnvironment;
  return new DynamoDBClient({
    endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  });
}
