export { readSigningSecret, resolveSigningSecret, SIGNING_SECRET_FILE } from './signing-secret.js';
export { checkUserId, type LocalTokenOptions, signLocalToken } from './local-token.js';
export { serveTokenEndpoint, TOKEN_PATH } from './token-endpoint.js';
