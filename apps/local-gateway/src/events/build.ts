import type { IncomingHttpHeaders } from 'node:http';
import { formatRequestTime, newId } from '../ids.js';
import type {
  AuthorizerContext,
  AuthorizerRequestEvent,
  ConnectEvent,
  DisconnectEvent,
  MessageEvent,
  MultiValueMap,
  SingleValueMap,
  WebSocketIdentity,
  WebSocketRequestContext,
} from './types.js';

/** What every event of one API stage shares. */
export interface ApiInfo {
  apiId: string;
  stage: string;
  /** Host (and port) that `https://${domainName}/${stage}` reaches the gateway through. */
  domainName: string;
}

/** What every event of one connection shares. */
export interface ConnectionInfo {
  connectionId: string;
  connectedAt: number;
  identity: WebSocketIdentity;
  authorizer?: AuthorizerContext;
}

function baseContext(
  api: ApiInfo,
  conn: ConnectionInfo,
  routeKey: string,
  eventType: WebSocketRequestContext['eventType'],
  now: number,
): WebSocketRequestContext {
  const requestId = newId();
  const context: WebSocketRequestContext = {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: formatRequestTime(now),
    messageDirection: 'IN',
    stage: api.stage,
    connectedAt: conn.connectedAt,
    requestTimeEpoch: now,
    // Shared, not copied: the runtime serialises the event before anything could change it.
    identity: conn.identity,
    requestId,
    domainName: api.domainName,
    connectionId: conn.connectionId,
    apiId: api.apiId,
  };
  if (conn.authorizer) context.authorizer = conn.authorizer;
  return context;
}

/** Header maps from Node's raw headers, keeping the client's spelling of each name. */
export function headerMaps(rawHeaders: string[]): {
  headers: SingleValueMap;
  multiValueHeaders: MultiValueMap;
} {
  const headers: SingleValueMap = {};
  const multiValueHeaders: MultiValueMap = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const value = rawHeaders[i + 1]!;
    headers[name] = value;
    const values = multiValueHeaders[name];
    if (values) values.push(value);
    else multiValueHeaders[name] = [value];
  }
  return { headers, multiValueHeaders };
}

/** Query maps, or undefined when the URL has no query string (AWS then leaves the fields out). */
export function queryMaps(
  search: URLSearchParams,
): { queryStringParameters: SingleValueMap; multiValueQueryStringParameters: MultiValueMap } | undefined {
  if (search.size === 0) return undefined;
  const queryStringParameters: SingleValueMap = {};
  const multiValueQueryStringParameters: MultiValueMap = {};
  for (const [name, value] of search) {
    queryStringParameters[name] = value;
    const values = multiValueQueryStringParameters[name];
    if (values) values.push(value);
    else multiValueQueryStringParameters[name] = [value];
  }
  return { queryStringParameters, multiValueQueryStringParameters };
}

/** The upgrade request as the events need it. */
export interface UpgradeRequestInfo {
  rawHeaders: string[];
  search: URLSearchParams;
}

/** `$connect`: the upgrade request's headers and query string. */
export function buildConnectEvent(api: ApiInfo, conn: ConnectionInfo, req: UpgradeRequestInfo): ConnectEvent {
  // On CONNECT, requestTimeEpoch equals connectedAt or exceeds it by about 1 ms.
  const context = baseContext(api, conn, '$connect', 'CONNECT', conn.connectedAt);
  return {
    ...headerMaps(req.rawHeaders),
    ...queryMaps(req.search),
    requestContext: context as ConnectEvent['requestContext'],
    isBase64Encoded: false,
  };
}

/** A custom route or `$default`; API Gateway sends no headers with messages. */
export function buildMessageEvent(
  api: ApiInfo,
  conn: ConnectionInfo,
  routeKey: string,
  body: string,
  now = Date.now(),
): MessageEvent {
  const context = baseContext(api, conn, routeKey, 'MESSAGE', now);
  context.messageId = newId();
  return { requestContext: context as MessageEvent['requestContext'], body, isBase64Encoded: false };
}

/** `$disconnect`: API Gateway's fixed four headers, and the close code and reason. */
export function buildDisconnectEvent(
  api: ApiInfo,
  conn: ConnectionInfo,
  close: { code: number; reason: string },
  now = Date.now(),
): DisconnectEvent {
  const context = baseContext(api, conn, '$disconnect', 'DISCONNECT', now);
  context.disconnectStatusCode = close.code;
  context.disconnectReason = close.reason;
  const headers = { Host: api.domainName, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' };
  const multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
  return {
    headers,
    multiValueHeaders,
    requestContext: context as DisconnectEvent['requestContext'],
    isBase64Encoded: false,
  };
}

/** The REQUEST authorizer's input; its `identity` holds only `sourceIp`. */
export function buildAuthorizerEvent(
  api: ApiInfo & { region: string; accountId: string },
  conn: ConnectionInfo,
  req: UpgradeRequestInfo,
): AuthorizerRequestEvent {
  const context = baseContext(api, conn, '$connect', 'CONNECT', conn.connectedAt);
  const query = queryMaps(req.search);
  return {
    type: 'REQUEST',
    methodArn: methodArn(api, '$connect'),
    ...headerMaps(req.rawHeaders),
    queryStringParameters: query?.queryStringParameters ?? {},
    multiValueQueryStringParameters: query?.multiValueQueryStringParameters ?? {},
    stageVariables: {},
    requestContext: { ...context, identity: { sourceIp: conn.identity.sourceIp } },
  };
}

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{routeKey}` */
export function methodArn(api: ApiInfo & { region: string; accountId: string }, routeKey: string): string {
  return `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/${api.stage}/${routeKey}`;
}

/** Lower-cased single header value, for lookups. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}
