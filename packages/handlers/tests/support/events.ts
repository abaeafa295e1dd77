/** Typed factories of API Gateway WebSocket events, shaped as APIGW-WEBSOCKET.md §1.2 pins them. */
import type { AuthorizerEvent, WebSocketEvent } from '../../src/adapters/events.js';

let sequence = 0;
const nextId = () => {
  sequence += 1;
  return `R${String(sequence).padStart(14, '0')}=`;
};

interface Common {
  connectionId: string;
  userId?: string;
  domainName?: string;
  stage?: string;
}

function context(kind: 'CONNECT' | 'MESSAGE' | 'DISCONNECT', routeKey: string, common: Common) {
  const requestId = nextId();
  return {
    routeKey,
    eventType: kind,
    connectionId: common.connectionId,
    domainName: common.domainName ?? 'abc123.execute-api.us-east-1.amazonaws.com',
    stage: common.stage ?? 'test',
    apiId: 'abc123',
    requestId,
    extendedRequestId: requestId,
    connectedAt: Date.now(),
    requestTimeEpoch: Date.now(),
    identity: { sourceIp: '127.0.0.1' },
    ...(kind === 'MESSAGE' ? { messageId: nextId() } : {}),
    ...(common.userId ? { authorizer: { principalId: common.userId, userId: common.userId } } : {}),
  } as const;
}

export function makeMessageEvent(
  options: Common & { body: string | object; routeKey?: string },
): WebSocketEvent {
  const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const routeKey =
    options.routeKey ??
    (typeof options.body === 'object' ? String((options.body as { action?: unknown }).action) : '$default');
  return { requestContext: context('MESSAGE', routeKey, options), body, isBase64Encoded: false };
}

export function makeConnectEvent(options: Common): WebSocketEvent {
  return {
    requestContext: context('CONNECT', '$connect', options),
    headers: { Host: 'abc123.execute-api.us-east-1.amazonaws.com' },
    isBase64Encoded: false,
  };
}

export function makeDisconnectEvent(options: Common): WebSocketEvent {
  return {
    requestContext: {
      ...context('DISCONNECT', '$disconnect', options),
      disconnectStatusCode: 1001,
      disconnectReason: '',
    },
    isBase64Encoded: false,
  };
}

export function makeAuthorizerEvent(options: { token?: string; authorization?: string }): AuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: 'arn:aws:execute-api:us-east-1:123456789012:abc123/test/$connect',
    headers: options.authorization ? { Authorization: options.authorization } : {},
    ...(options.token === undefined ? {} : { queryStringParameters: { token: options.token } }),
    requestContext: { connectionId: 'C0000000000001=', routeKey: '$connect', eventType: 'CONNECT' },
  };
}

/** A logger that keeps its lines, parsed. */
export function memoryLogger() {
  const lines: Array<Record<string, unknown>> = [];
  return {
    lines,
    invocation: (line: Record<string, unknown>) => lines.push(line),
    warn: (message: string, fields?: Record<string, unknown>) =>
      lines.push({ level: 'warn', message, ...fields }),
  };
}
