/**
 * API Gateway MESSAGE event in, result out: parse the body with the protocol, run the route for
 * its action, deliver the reply (route response on two-way routes, PostToConnection otherwise),
 * and write the invocation's one log line. Clients see protocol `error` events, never a stack.
 */
import {
  createErrorMessage,
  encodeServerMessage,
  parseClientMessage,
  type ServerMessage,
  toErrorMessage,
} from '@switchboard/protocol';
import { HandlersError, RouteError } from '../errors.js';
import { describeError, type Logger } from '../log.js';
import type { MessageContext, RouteOutcome, RouteTable } from '../routes/types.js';
import type { WebSocketEvent, WebSocketResult } from './events.js';
import type { DeliveryReport, Notifier } from './notifier.js';
import { summarizeDelivery } from './summarize-delivery.js';

export interface MessageHandlerOptions {
  /** The function's name in the manifest, for the log. */
  functionName: string;
  routes: RouteTable;
  /** The manifest's `routeResponse`: answer in the route response instead of posting. */
  twoWay: boolean;
  /** The notifier for the event's stage (endpoint from config, or from the event). */
  notifierFor: (event: WebSocketEvent) => Notifier;
  logger: Logger;
  now?: () => number;
}

export type MessageHandler = (event: WebSocketEvent) => Promise<WebSocketResult>;

export function createMessageHandler(options: MessageHandlerOptions): MessageHandler {
  const now = options.now ?? Date.now;
  return async (event) => {
    const started = performance.now();
    const { connectionId, routeKey } = event.requestContext;
    const userId = String(event.requestContext.authorizer?.userId ?? 'unknown');
    let outcome: RouteOutcome;
    let requestId: string | undefined;
    let statusCode = 200;
    const parsed = parseClientMessage(event.body ?? '');
    if (!parsed.ok) {
      outcome = { outcome: 'rejected', reply: toErrorMessage(parsed.error) };
    } else {
      requestId = parsed.value.requestId;
      const route = options.routes[parsed.value.action] as
        | ((ctx: MessageContext) => Promise<RouteOutcome>)
        | undefined;
      const notifier = () => options.notifierFor(event);
      const post = (message: ServerMessage) =>
        notifier().postToOne(connectionId, encodeServerMessage(message));
      try {
        outcome = route
          ? await route({ connectionId, userId, message: parsed.value, nowMs: now(), post, notifier })
          : {
              outcome: 'rejected',
              reply: createErrorMessage(
                'unknown_action',
                `No route serves "${parsed.value.action}"`,
                requestId,
              ),
            };
      } catch (error) {
        const safe = error instanceof RouteError;
        // A two-way route answers with the error event; a one-way route reports 500 to API Gateway.
        statusCode = safe || options.twoWay ? 200 : 500;
        outcome = {
          outcome: safe ? 'rejected' : 'error',
          reply: safe
            ? createErrorMessage(error.code, error.message, requestId)
            : createErrorMessage('internal_error', 'Internal error', requestId),
          cause: error,
        };
      }
    }
    const result: WebSocketResult = { statusCode };
    let replyDelivery: DeliveryReport | undefined;
    if (outcome.reply) {
      const body = encodeServerMessage(outcome.reply);
      if (options.twoWay) result.body = body;
      else replyDelivery = await options.notifierFor(event).postToOne(connectionId, body);
    }
    options.logger.invocation({
      fn: options.functionName,
      route: routeKey,
      connectionId,
      outcome: outcome.outcome ?? 'ok',
      durationMs: Math.round(performance.now() - started),
      statusCode,
      ...(requestId === undefined ? {} : { requestId }),
      ...(outcome.reply ? { reply: outcome.reply.type } : {}),
      ...(outcome.delivery ? { delivery: summarizeDelivery(outcome.delivery) } : {}),
      ...(outcome.fanOut ? { fanOut: outcome.fanOut } : {}),
      ...(replyDelivery && replyDelivery.delivered === 0
        ? { replyDelivery: summarizeDelivery(replyDelivery) }
        : {}),
      ...(outcome.cause ? describeError(outcome.cause) : {}),
      ...(outcome.cause instanceof HandlersError || !outcome.cause ? {} : { stack: stackOf(outcome.cause) }),
    });
    return result;
  };
}

function stackOf(error: unknown): string | undefined {
  return error instanceof Error ? error.stack?.split('\n').slice(0, 6).join('\n') : undefined;
}
