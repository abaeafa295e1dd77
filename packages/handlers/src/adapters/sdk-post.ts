/**
 * The SDK client's PostToConnection as a {@link PostToConnection}: the A side of the fan-out
 * worker's CPU-per-post comparison (apps/loadgen's broadcast bench) and of its tests. The
 * worker itself posts through `signedPostToConnection`.
 */
import {
  type ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { PostToConnection } from './post-errors.js';

export function sdkPostToConnection(client: ApiGatewayManagementApiClient): PostToConnection {
  return async (connectionId, data) => {
    await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
  };
}
