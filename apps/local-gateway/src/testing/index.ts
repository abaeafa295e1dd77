/**
 * `@switchboard/local-gateway/testing`: real `ws` clients for tests against a gateway, shared by
 * this package's tests and the reliability suite.
 */
export {
  closed,
  collectMessages,
  HandshakeRefusedError,
  handshakeStatus,
  nextMessage,
  openClient,
  sleep,
  TestTimeoutError,
} from './sockets.js';
export {
  openTestClient,
  type ReceivedFrame,
  type TestClient,
  type TestClientOptions,
} from './test-client.js';
