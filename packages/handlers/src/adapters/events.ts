/**
 * API Gateway WebSocket events and results, as API Gateway sends and expects them (see
 * APIGW-WEBSOCKET.md §1.2). Owned here because DefinitelyTyped's types leave out `identity`,
 * `authorizer`, the `$connect` headers and the disconnect fields.
 */

/** Authorizer context as routes receive it: every value stringified by API Gateway. */
export type AuthorizerContext = Record<string, string | number | boolean | undefined> & {
  principalId?: string;
};

export interface WebSocketRequestContext {
  routeKey: string;
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  connectionId: string;
  domainName: string;
  stage: string;
  apiId?: string;
  requestId: string;
  extendedRequestId?: string;
  messageId?: string;
  connectedAt: number;
  requestTimeEpoch?: number;
  identity?: { sourceIp?: string; userAgent?: string };
  authorizer?: AuthorizerContext;
  disconnectStatusCode?: number;
  disconnectReason?: string;
}

/** `$connect`, `$disconnect` and message events. */
export interface WebSocketEvent {
  requestContext: WebSocketRequestContext;
  /** `$connect` only (and a fixed set on `$disconnect`). */
  headers?: Record<string, string | undefined>;
  /** `$connect` only, and only when the URL has a query string. */
  queryStringParameters?: Record<string, string | undefined>;
  /** Messages only: the frame's text. */
  body?: string;
  isBase64Encoded?: boolean;
}

/** What a route integration returns; `body` reaches the client on two-way routes only. */
export interface WebSocketResult {
  statusCode: number;
  body?: string;
  headers?: Record<string, string>;
}

/** The input of a REQUEST authorizer on `$connect`. */
export interface AuthorizerEvent {
  type: 'REQUEST';
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect` */
  methodArn: string;
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  requestContext?: Partial<WebSocketRequestContext>;
}

/** An IAM policy plus the context API Gateway passes on to every later event. */
export interface AuthorizerResult {
  principalId: string;
  policyDocument: {
    Version: '2012-10-17';
    Statement: Array<{ Action: 'execute-api:Invoke'; Effect: 'Allow' | 'Deny'; Resource: string }>;
  };
  /** Values must be strings, numbers or booleans (API Gateway stringifies them). */
  context: Record<string, string | number | boolean>;
}

/** Lambda's context object, as much of it as handlers use. */
export interface LambdaContext {
  awsRequestId?: string;
  getRemainingTimeInMillis?: () => number;
}
