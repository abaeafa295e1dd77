/**
 * `@switchboard/handlers/posting`: the two ways a function posts to a connection, for the
 * broadcast bench's CPU-per-post comparison (apps/loadgen). The fan-out worker uses the signed
 * path; every other function the SDK client.
 */
export { isGone, isRetryablePostError, type PostToConnection } from './adapters/post-errors.js';
export { sdkPostToConnection } from './adapters/sdk-post.js';
export { signedPostToConnection } from './adapters/signed-calls.js';
export { createSignedHttp, credentialsFromEnv, type SignedHttpOptions } from './adapters/signed-http.js';
