import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import type { ConnectionStore } from '@switchboard/connection-store';
import { resolveConnectionsEndpoint, type StageLocation } from '../adapters/endpoint.js';
import { createNotifier, type Notifier } from '../adapters/notifier.js';
import { type Env, readFanOutConcurrency } from '../config.js';

/** A notifier per management endpoint. */
export type NotifierFor = (location?: StageLocation) => Notifier;

/**
 * The notifier for a stage: `CONNECTIONS_ENDPOINT` first, then the SDK's endpoint variables,
 * then the event's `https://{domainName}/{stage}`. One client per endpoint, kept warm; gone
 * connections are removed from the store.
 */
export function createNotifierFor(
  env: Env,
  store: () => Pick<ConnectionStore, 'removeConnection'>,
): NotifierFor {
  const concurrency = readFanOutConcurrency(env);
  const notifiers = new Map<string, Notifier>();
  return (location) => {
    const { endpoint } = resolveConnectionsEndpoint(env, location);
    const key = endpoint ?? '(sdk)';
    let notifier = notifiers.get(key);
    if (!notifier) {
      notifier = createNotifier({
        client: new ApiGatewayManagementApiClient(endpoint ? { endpoint } : {}),
        concurrency,
        onGone: (connectionId) => store().removeConnection(connectionId),
      });
      notifiers.set(key, notifier);
    }
    return notifier;
  };
}
