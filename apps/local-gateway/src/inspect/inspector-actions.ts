/**
 * What the inspector may do, as the management API and Lambda's console would: close a
 * connection (DeleteConnection), post a text to it (PostToConnection), replay an invocation's
 * event against its function.
 */
import { type GatewayContext, invokeLogged } from '../context.js';
import { ConnectionApiError } from '../errors.js';
import { newId } from '../ids.js';
import type { Recorder } from './recorder.js';
import { invocationSummary } from './snapshot.js';

export type ActionOutcome = { status: number; body?: unknown };

function refusal(error: unknown): ActionOutcome {
  if (error instanceof ConnectionApiError) {
    return { status: error.statusCode, body: { message: error.message, errorType: error.errorType } };
  }
  throw error;
}

/** Closes the connection with 1000, as DeleteConnection does: `$disconnect` runs. */
export function disconnectConnection(ctx: GatewayContext, connectionId: string): ActionOutcome {
  try {
    ctx.connections.disconnect(connectionId);
    return { status: 204 };
  } catch (error) {
    return refusal(error);
  }
}

/** Sends `text` to the connection as PostToConnection does. */
export function postToConnection(ctx: GatewayContext, connectionId: string, text: Buffer): ActionOutcome {
  try {
    ctx.connections.post(connectionId, text);
    return { status: 200 };
  } catch (error) {
    return refusal(error);
  }
}

/** Runs the same function with the same event again; the run shows up as a `(replay)`. */
export async function replayInvocation(
  ctx: GatewayContext,
  recorder: Recorder,
  invocationId: string,
): Promise<ActionOutcome> {
  const original = recorder.invocations.find((i) => i.id === invocationId);
  if (!original) return { status: 404, body: { message: `No invocation ${invocationId} is kept` } };
  const label = { route: '(replay)', connectionId: original.connectionId ?? '-' };
  const result = await invokeLogged(ctx, label, original.functionName, original.event, newId());
  const replay = recorder.invocations.toArray().at(-1);
  return {
    status: 200,
    body: { invocation: replay ? invocationSummary(replay) : undefined, ok: result.ok },
  };
}
