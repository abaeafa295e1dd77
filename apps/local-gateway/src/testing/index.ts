/**
 * `@switchboard/local-gateway/testing`: a gateway for a test suite (`startTestGateway`) and the
 * real `ws` clients for tests against a gateway, shared by this package's tests and the
 * reliability suite.
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
export {
  type ConnectOptions,
  type GatewayTestClient,
  type InvocationFilter,
  type SentFrame,
  startTestGateway,
  type TestGateway,
  type TestGatewayOptions,
} from './test-gateway.js';
export type { KeptInvocation } from '../inspect/recorder.js';
export type { InvocationResult } from '../contracts.js';
export { type LocalTokenOptions, signLocalToken } from '../local-auth/index.js';
