import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';

/** What the connection table holds, by kind of item (see the store's `items.ts` layout). */
export interface StoreCounts {
  connections: Set<string>;
  /** `room -> connection ids` from the room side (`ROOM#<room>[#<shard>]` / `CONN#`). */
  memberships: Map<string, Set<string>>;
  /** Connection-side twins of memberships (`CONN#` / `ROOM#`), as `connectionId|room`. */
  membershipTwins: Set<string>;
  jobs: Map<string, Record<string, unknown>>;
  /** Rows of connections, memberships and jobs: what a scenario may leave stale. */
  items: number;
  /** The rooms' member-count items (`ROOM#...` / `COUNT`, one per shard): bookkeeping, not rows. */
  countItems: number;
}

/**
 * Reads the whole table to check what a scenario left behind. A Scan is right here (a test
 * looking for stale rows of any kind); the app itself never scans.
 */
export interface StoreProbe {
  counts(): Promise<StoreCounts>;
  close(): void;
}

/** A probe over the gateway's table (`functionEnvironment` of `listen()`). */
export function createStoreProbe(functionEnvironment: Record<string, string>): StoreProbe {
  const endpoint = functionEnvironment.AWS_ENDPOINT_URL_DYNAMODB;
  const tableName = functionEnvironment.TABLE_NAME;
  if (!endpoint || !tableName)
    throw new RangeError('functionEnvironment has no DynamoDB endpoint or TABLE_NAME');
  const client = new DynamoDBClient({
    endpoint,
    region: functionEnvironment.AWS_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: functionEnvironment.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: functionEnvironment.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
  });
  const doc = DynamoDBDocumentClient.from(client);
  return {
    async counts() {
      const counts: StoreCounts = {
        connections: new Set(),
        memberships: new Map(),
        membershipTwins: new Set(),
        jobs: new Map(),
        items: 0,
        countItems: 0,
      };
      for await (const page of paginateScan(
        { client: doc },
        { TableName: tableName, ConsistentRead: true },
      )) {
        for (const item of page.Items ?? []) {
          const pk = String(item.pk);
          const sk = String(item.sk);
          if (pk.startsWith('ROOM#') && sk === 'COUNT') {
            counts.countItems++;
            continue;
          }
          counts.items++;
          if (pk.startsWith('CONN#') && sk === 'META') counts.connections.add(pk.slice(5));
          else if (pk.startsWith('ROOM#') && sk.startsWith('CONN#')) {
            // The partition may carry a shard suffix; the item names its room.
            const room = String(item.room);
            const members = counts.memberships.get(room) ?? new Set<string>();
            members.add(sk.slice(5));
            counts.memberships.set(room, members);
          } else if (pk.startsWith('CONN#') && sk.startsWith('ROOM#'))
            counts.membershipTwins.add(`${pk.slice(5)}|${sk.slice(5)}`);
          else if (pk.startsWith('JOB#')) counts.jobs.set(pk.slice(4), item);
        }
      }
      return counts;
    },
    close: () => client.destroy(),
  };
}
