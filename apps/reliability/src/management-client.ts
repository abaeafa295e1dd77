import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { GatewayAddress } from '@switchboard/local-gateway';

/**
 * The real management API client, signed with the gateway's credentials. `maxAttempts: 1`
 * so that a scenario sees each 429 itself instead of the SDK's retries.
 */
export function createManagementClient(address: GatewayAddress): ApiGatewayManagementApiClient {
  const env = address.functionEnvironment;
  return new ApiGatewayManagementApiClient({
    endpoint: address.connectionsEndpoint,
    region: env.AWS_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
    maxAttempts: 1,
  });
}

/** Posts `data`; resolves with 200 or the error's name (`LimitExceededException`, ...). */
export async function postOnce(
  client: ApiGatewayManagementApiClient,
  connectionId: string,
  data: Buffer | string,
): Promise<string> {
  try {
    await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
    return '200';
  } catch (error) {
    return (error as Error).name;
  }
}
