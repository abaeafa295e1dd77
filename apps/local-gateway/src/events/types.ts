/**
 * API Gateway v2 WebSocket Lambda-proxy events, field for field as AWS sends them (see
 * APIGW-WEBSOCKET.md §1.2). Owned here because DefinitelyTyped's types leave out `identity`,
 * `headers`, `authorizer` and the disconnect fields.
 */

export type WebSocketEventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

export interface WebSocketIdentity {
  sourceIp: string;
  /** Present when the client sent a `User-Agent`. */
  userAgent?: string;
}

/** `principalId` plus the authorizer's context, every value stringified. */
export type AuthorizerContext = { principalId: string } & Record<string, string>;

export interface WebSocketRequestContext {
  routeKey: string;
  eventType: WebSocketEventType;
  /** MESSAGE events only. */
  messageId?: string;
  extendedRequestId: string;
  /** CLF time, e.g. `20/Jan/2024:11:55:00 +0000`. */
  requestTime: string;
  messageDirection: 'IN';
  stage: string;
  /** Epoch milliseconds, the same for the life of the connection. */
  connectedAt: number;
  requestTimeEpoch: number;
  identity: WebSocketIdentity;
  /** Equal to `extendedRequestId`. */
  requestId: string;
  domainName: string;
  connectionId: string;
  apiId: string;
  /** When a Lambda authorizer guards `$connect`: on every later event, `$disconnect` included. */
  authorizer?: AuthorizerContext;
  /** DISCONNECT only. */
  disconnectStatusCode?: number;
  /** DISCONNECT only. */
  disconnectReason?: string;
}

export type SingleValueMap = Record<string, string>;
export type MultiValueMap = Record<string, string[]>;

/** `$connect`: the client's upgrade-request headers, and its query string when it had one. */
export interface ConnectEvent {
  headers: SingleValueMap;
  multiValueHeaders: MultiValueMap;
  queryStringParameters?: SingleValueMap;
  multiValueQueryStringParameters?: MultiValueMap;
  requestContext: WebSocketRequestContext & { eventType: 'CONNECT'; routeKey: '$connect' };
  isBase64Encoded: false;
}

/** A custom route or `$default`: the frame's text as `body`, no headers. */
export interface MessageEvent {
  requestContext: WebSocketRequestContext & { eventType: 'MESSAGE'; messageId: string };
  body: string;
  isBase64Encoded: false;
}

/** `$disconnect`: a fixed set of four headers and the real close code and reason. */
export interface DisconnectEvent {
  headers: SingleValueMap;
  multiValueHeaders: MultiValueMap;
  requestContext: WebSocketRequestContext & {
    eventType: 'DISCONNECT';
    routeKey: '$disconnect';
    disconnectStatusCode: number;
    disconnectReason: string;
  };
  isBase64Encoded: false;
}

export type WebSocketEvent = ConnectEvent | MessageEvent | DisconnectEvent;

/** The Lambda authorizer's input (REQUEST type, the only one WebSocket APIs support). */
export interface AuthorizerRequestEvent {
  type: 'REQUEST';
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect` */
  methodArn: string;
  headers: SingleValueMap;
  multiValueHeaders: MultiValueMap;
  queryStringParameters: SingleValueMap;
  multiValueQueryStringParameters: MultiValueMap;
  stageVariables: Record<string, string>;
  requestContext: Omit<WebSocketRequestContext, 'identity'> & { identity: { sourceIp: string } };
}

/** What a route's function returns; `body` is sent back on two-way routes. */
export interface RouteResult {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: string;
}

/** What a Lambda authorizer returns. */
export interface AuthorizerResult {
  principalId?: string;
  policyDocument?: { Version?: string; Statement?: PolicyStatement | PolicyStatement[] };
  context?: Record<string, unknown>;
}

export interface PolicyStatement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}
