/**
 * Clients and configuration are built once per execution environment (cold start) by the
 * function's composition and shared by every invocation it serves. One file per client, so a
 * bundle scans and holds only the SDK clients its function uses.
 *
 * SDK clients take their endpoint from `env` when it names one (`AWS_ENDPOINT_URL_DYNAMODB`,
 * as the local gateway sets it); otherwise the SDK's own resolution.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type ConnectionStore,
  createConnectionStore,
  DEFAULT_ROOM_SHARDS,
  MAX_ROOM_SHARDS,
} from '@switchboard/connection-store';
import { type Env, readRoomShards, readTableName } from '../config.js';

/** The connection store over one DynamoDB client. */
export function createStoreFromEnv(env: Env): ConnectionStore {
  const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB;
  return createConnectionStore({
    client: new DynamoDBClient(endpoint ? { endpoint } : {}),
    tableName: readTableName(env),
    roomShards: readRoomShards(env, { fallback: DEFAULT_ROOM_SHARDS, max: MAX_ROOM_SHARDS }),
  });
}
