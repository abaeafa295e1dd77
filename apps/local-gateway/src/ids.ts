import { randomBytes } from 'node:crypto';

const ID_BYTES = 11;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * A new id in API Gateway's format: 16 base64 characters ending in `=` (11 random bytes), as
 * used for `connectionId`, `requestId`, `extendedRequestId` and `messageId`.
 * @example newId() // 'R1kmxc2VNjMCFIA='
 */
export function newId(): string {
  // One randomBytes call per 512 ids instead of one per id (two per message on the hot path).
  // Shared by every gateway in the process: it is only a cache of entropy, never reused.
  if (poolOffset + ID_BYTES > pool.length) {
    pool = randomBytes(ID_BYTES * 512);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + ID_BYTES);
  poolOffset += ID_BYTES;
  // The URL-safe alphabet, as in real ids (`-` and `_`, never `/`): handlers put ids in paths.
  return `${bytes.toString('base64url')}=`;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `requestTime` in API Gateway's CLF form, always UTC.
 * @example formatRequestTime(Date.UTC(2024, 0, 20, 11, 55)) // '20/Jan/2024:11:55:00 +0000'
 */
export function formatRequestTime(epochMs: number): string {
  const d = new Date(epochMs);
  return (
    `${pad(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
  );
}
