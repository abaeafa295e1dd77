/**
 * The DynamoDB fault proxy of `@switchboard/connection-store/testing`, drawing its rates from the
 * run's seeded generator, so that a failing run replays with the seed it printed.
 */
import {
  type DynamoFaultProxy,
  startDynamoFaultProxy as startProxy,
} from '@switchboard/connection-store/testing';
import { createPrng } from './prng.js';

export type {
  DynamoFault,
  DynamoFaultProxy,
  FaultProxyStats,
  FaultRule,
} from '@switchboard/connection-store/testing';

/**
 * Starts the proxy in front of `target` (`http://127.0.0.1:PORT`), seeded.
 * @example
 * const proxy = await startDynamoFaultProxy(dynaliteEndpoint, seed);
 * proxy.inject({ fault: 'throttling', rate: 0.2, maxAttempt: 2 });
 * createGateway({ dynamoEndpoint: proxy.endpoint, ... });
 */
export function startDynamoFaultProxy(target: string, seed: number): Promise<DynamoFaultProxy> {
  return startProxy(target, { random: createPrng(seed).next });
}
