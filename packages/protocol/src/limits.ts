/**
 * Size limits of the protocol. API Gateway closes a connection with 1009 when a client frame
 * exceeds 32 KB or a message exceeds 128 KB, and browsers send every message as one frame, so
 * every client message must fit in 32 KB and every server message in 128 KB. The field limits
 * below guarantee that: JSON escapes at most 6 bytes per UTF-16 code unit (`\u0001`), and
 * `tests/limits.test.ts` builds the worst case of every message and measures it.
 */

/** API Gateway's frame limit; a browser sends each message as one frame. */
export const MAX_CLIENT_MESSAGE_BYTES = 32 * 1024;
/** API Gateway's message (and PostToConnection payload) limit. */
export const MAX_SERVER_MESSAGE_BYTES = 128 * 1024;

/** Room names: ASCII letters, digits, `_` and `-`, so they are safe in keys and URLs. */
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;
export const MAX_ROOM_NAME_LENGTH = 64;

/** Request ids: printable ASCII without spaces, chosen by the client. */
export const REQUEST_ID_PATTERN = /^[!-~]+$/;
export const MAX_REQUEST_ID_LENGTH = 64;

/** Ids made by the server (message, job, user ids): printable ASCII without spaces. */
export const ID_PATTERN = /^[!-~]+$/;
export const MAX_ID_LENGTH = 128;

/** Chat text, in UTF-16 code units (`string.length`). */
export const MAX_TEXT_LENGTH = 4096;

/** `submitJob` input text, in UTF-16 code units. */
export const MAX_JOB_INPUT_TEXT_LENGTH = 4096;
/** How long a job may be asked to work (`input.durationMs`). */
export const MAX_JOB_DURATION_MS = 60_000;
/** `jobCompleted` result text, in UTF-16 code units. */
export const MAX_JOB_RESULT_TEXT_LENGTH = 16_384;

/** Human-readable error messages (`error.message`, `jobFailed.error.message`). */
export const MAX_ERROR_MESSAGE_LENGTH = 1024;
