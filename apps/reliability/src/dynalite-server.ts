import { startDynalite as startLocalDynamo } from '@switchboard/connection-store/testing';

/** dynalite in memory on 127.0.0.1, port 0. */
export interface DynaliteServer {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite in this process, for a scenario that puts something (a fault proxy) between
 * the gateway and its table; the gateway then gets the proxy as `dynamoEndpoint` and creates its
 * tables through it.
 */
export async function startDynalite(): Promise<DynaliteServer> {
  const { endpoint, close } = await startLocalDynamo();
  return { endpoint, close };
}
