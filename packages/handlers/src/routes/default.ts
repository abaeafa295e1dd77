/**
 * `$default`: API Gateway sends here every message whose `action` matches no route, and every
 * message that is not JSON. The reply is the protocol's `error` event, echoing `requestId`.
 */
import { createErrorMessage, parseClientMessage, toErrorMessage } from '@switchboard/protocol';
import type { RouteOutcome } from './types.js';

/** The error reply to a raw body that reached `$default`. */
export const defaultRoute =
  () =>
  async (body: string): Promise<RouteOutcome> => {
    const parsed = parseClientMessage(body);
    if (!parsed.ok) return { outcome: 'rejected', reply: toErrorMessage(parsed.error) };
    // A valid message of a known action can land here when its route is not deployed.
    const { action, requestId } = parsed.value;
    return {
      outcome: 'rejected',
      reply: createErrorMessage('unknown_action', `No route serves action "${action}"`, requestId),
    };
  };
