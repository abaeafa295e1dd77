import { injectedEnvironment, type Manifest } from '@switchboard/manifest';

/** Where the functions' AWS SDK clients should go, and as whom. */
export interface FunctionEnvironmentInput {
  manifest: Manifest;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  dynamoEndpoint: string;
  stepFunctionsEndpoint: string;
  /** ARN per manifest state machine name. */
  stateMachineArns: Record<string, string>;
  /** The connection URL base with the stage: `http://127.0.0.1:3001/dev`. */
  connectionsEndpoint: string;
}

/**
 * The variables every function gets on top of its manifest `environment`: region, credentials,
 * the SDK's per-service endpoint variables (so clients built without an `endpoint` reach the
 * local services), and the manifest's injected variables, from `@switchboard/manifest` as infra
 * sets them (tables are created under their manifest names here, so no `tableNames`).
 */
export function computeFunctionEnvironment(input: FunctionEnvironmentInput): Record<string, string> {
  return {
    AWS_REGION: input.region,
    AWS_DEFAULT_REGION: input.region,
    AWS_ACCESS_KEY_ID: input.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: input.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: input.dynamoEndpoint,
    AWS_ENDPOINT_URL_SFN: input.stepFunctionsEndpoint,
    AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: input.connectionsEndpoint,
    ...injectedEnvironment(input.manifest, {
      connectionsEndpoint: input.connectionsEndpoint,
      stateMachineArns: input.stateMachineArns,
    }),
  };
}
