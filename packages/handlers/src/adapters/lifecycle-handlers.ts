/**
 * `$connect`, `$disconnect` and the authorizer: event in, result out, one log line each.
 */
import { UnauthorizedError } from '../errors.js';
import { describeError, type Logger } from '../log.js';
import type { Identity } from '../routes/authorize.js';
import type { ConnectContext } from '../routes/connection.js';
import { allowPolicy, tokenOf } from './authorizer.js';
import type { AuthorizerEvent, AuthorizerResult, WebSocketEvent, WebSocketResult } from './events.js';

/** `$connect`: 200 opens the connection; a thrown error makes API Gateway answer 502. */
export function createConnectHandler(options: {
  connect: (ctx: ConnectContext) => Promise<{ outcome: string }>;
  /** When the API has no authorizer, who the caller is. */
  fallbackUserId: () => string;
  logger: Logger;
}): (event: WebSocketEvent) => Promise<WebSocketResult> {
  return async (event) => {
    const { requestContext: rc } = event;
    const userId =
      rc.authorizer?.userId === undefined ? options.fallbackUserId() : String(rc.authorizer.userId);
    return logged(options.logger, 'connect', event, async () => {
      const ctx: ConnectContext = { connectionId: rc.connectionId, userId, connectedAtMs: rc.connectedAt };
      if (rc.identity?.sourceIp) ctx.sourceIp = rc.identity.sourceIp;
      const { outcome } = await options.connect(ctx);
      return { result: { statusCode: 200 }, outcome, fields: { userId } };
    });
  };
}

/** `$disconnect`: best effort in AWS; the result is ignored, the log line is not. */
export function createDisconnectHandler(options: {
  disconnect: (ctx: { connectionId: string }) => Promise<{ outcome: string; rooms: number }>;
  logger: Logger;
}): (event: WebSocketEvent) => Promise<WebSocketResult> {
  return (event) =>
    logged(options.logger, 'disconnect', event, async () => {
      const { outcome, rooms } = await options.disconnect({
        connectionId: event.requestContext.connectionId,
      });
      return {
        result: { statusCode: 200 },
        outcome,
        fields: { rooms, closeCode: event.requestContext.disconnectStatusCode },
      };
    });
}

/**
 * The REQUEST authorizer. A refusal throws `Error('Unauthorized')`, which API Gateway answers
 * with 401; an Allow policy names exactly the `methodArn`.
 */
export function createAuthorizerHandler(options: {
  authorize: (request: { token: string | undefined }) => Promise<Identity>;
  logger: Logger;
}): (event: AuthorizerEvent) => Promise<AuthorizerResult> {
  return async (event) => {
    const started = performance.now();
    const base = { fn: 'authorize', route: '$connect', connectionId: event.requestContext?.connectionId };
    try {
      const identity = await options.authorize({ token: tokenOf(event) });
      options.logger.invocation({
        ...base,
        outcome: 'ok',
        durationMs: Math.round(performance.now() - started),
        userId: identity.userId,
        guest: identity.guest,
      });
      return allowPolicy(event.methodArn, identity);
    } catch (error) {
      const refused = error instanceof UnauthorizedError;
      options.logger.invocation({
        ...base,
        outcome: refused ? 'rejected' : 'error',
        durationMs: Math.round(performance.now() - started),
        ...(refused ? { reason: error.reason } : describeError(error)),
      });
      // Only this exact message makes a 401; anything else would be a 500.
      throw refused ? new Error('Unauthorized') : error;
    }
  };
}

async function logged(
  logger: Logger,
  fn: string,
  event: WebSocketEvent,
  run: () => Promise<{ result: WebSocketResult; outcome: string; fields?: Record<string, unknown> }>,
): Promise<WebSocketResult> {
  const started = performance.now();
  const base = { fn, route: event.requestContext.routeKey, connectionId: event.requestContext.connectionId };
  try {
    const { result, outcome, fields } = await run();
    logger.invocation({ ...base, outcome, durationMs: Math.round(performance.now() - started), ...fields });
    return result;
  } catch (error) {
    logger.invocation({
      ...base,
      outcome: 'error',
      durationMs: Math.round(performance.now() - started),
      ...describeError(error),
    });
    throw error;
  }
}
