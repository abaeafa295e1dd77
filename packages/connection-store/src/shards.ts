/**
 * Which shard of a room a connection's membership lives in: a stable hash of the connection id,
 * so every process (join, leave, `$disconnect`, a fan-out worker) finds it without a lookup.
 */

/**
 * Shards per room when the options name none. A join writes one write unit to its shard's
 * partition and one to the shard's count, and DynamoDB serves about 1,000 write units a second
 * per partition key, so a shard takes about 1,000 joins a second and 8 take about 8,000: near
 * what API Gateway's account throttle (10,000 requests a second, posts included) lets reach one
 * room at all. More shards cost every read of a room one `Query` per shard, even when the room
 * is small. The README's data-model section has the figures.
 */
export const DEFAULT_ROOM_SHARDS = 8;

/** Beyond this, reading a small room is mostly empty `Query` pages, one per shard. */
export const MAX_ROOM_SHARDS = 100;

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * 32-bit FNV-1a over the UTF-8 bytes: tiny, dependency-free and the same in any language, so a
 * script or another service can tell where a membership lives.
 */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash;
}

/**
 * The shard (0 to `shardCount - 1`) of a connection's memberships, in every room alike.
 * @example shardOfConnection('abc=', 8) // always the same shard for 'abc=' and 8
 */
export function shardOfConnection(connectionId: string, shardCount: number): number {
  return shardCount === 1 ? 0 : fnv1a32(connectionId) % shardCount;
}

/** Validates the `roomShards` option (at construction, like `pageSize`). */
export function checkRoomShards(roomShards: number): number {
  if (!Number.isInteger(roomShards) || roomShards < 1 || roomShards > MAX_ROOM_SHARDS) {
    throw new RangeError(`roomShards must be an integer from 1 to ${MAX_ROOM_SHARDS}, got ${roomShards}`);
  }
  return roomShards;
}
