import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { GatewayAddress } from '../../src/index.js';

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
