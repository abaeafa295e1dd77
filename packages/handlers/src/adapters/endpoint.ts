/**
 * Where the management (`@connections`) API of this stage lives. Configuration first, because a
 * custom domain's `domainName` is not the execute-api host and its base path is not the stage.
 */
import { ConfigError } from '../errors.js';
import { injectedEnv } from '@switchboard/manifest/names';

/** The parts of an event's `requestContext` that locate the stage. */
export interface StageLocation {
  domainName?: string;
  stage?: string;
}

/**
 * How to build the management API client:
 * - `{ endpoint }`: an explicit endpoint (`CONNECTIONS_ENDPOINT`, or the event's stage URL);
 * - `{ endpoint: undefined }`: let the SDK resolve it from `AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI`
 *   (or `AWS_ENDPOINT_URL`), which the local gateway sets.
 * Throws when none of these is available: a workflow task has no event to fall back on.
 */
export function resolveConnectionsEndpoint(
  env: Readonly<Record<string, string | undefined>>,
  location?: StageLocation,
): { endpoint: string | undefined } {
  const configured = env[injectedEnv.connectionsEndpoint];
  if (configured) return { endpoint: configured.replace(/\/+$/, '') };
  if (env.AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI || env.AWS_ENDPOINT_URL) return { endpoint: undefined };
  if (location?.domainName && location.stage) {
    return { endpoint: `https://${location.domainName}/${location.stage}` };
  }
  throw new ConfigError(
    injectedEnv.connectionsEndpoint,
    'not set, nor AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI, and no API Gateway event to take domainName and stage from',
  );
}
