/**
 * The inspector's view of a gateway at one moment, as JSON: connections, recent frames and
 * invocations (summaries; details on request), metrics and the running settings. Built only
 * when someone asks or watches.
 */
import type { InvocationResult } from '../contracts.js';
import type { KeptInvocation, Recorder } from './recorder.js';

/** Frames longer than this are cut in the snapshot (the size is still shown). */
const FRAME_TEXT_CHARS = 4096;
const FRAMES_SHOWN = 300;
const INVOCATIONS_SHOWN = 100;

export function statusOf(result: InvocationResult): 'ok' | 'error' | 'timeout' | 'crash' {
  return result.ok ? 'ok' : result.error.kind;
}

export function invocationSummary(invocation: KeptInvocation) {
  return {
    id: invocation.id,
    route: invocation.route,
    functionName: invocation.functionName,
    requestId: invocation.requestId,
    connectionId: invocation.connectionId,
    startedAt: invocation.startedAt,
    durationMs: Math.round(invocation.result.durationMs * 10) / 10,
    status: statusOf(invocation.result),
  };
}

export function invocationDetail(recorder: Recorder, invocation: KeptInvocation) {
  const { result } = invocation;
  return {
    ...invocationSummary(invocation),
    event: invocation.event,
    result: result.ok ? result.value : undefined,
    error: result.ok ? undefined : result.error,
    logs: recorder.logsOf(invocation),
  };
}

export function buildSnapshot(recorder: Recorder, settings: Record<string, unknown>) {
  const frames = recorder.frames.toArray().slice(-FRAMES_SHOWN);
  return {
    now: Date.now(),
    settings,
    connections: [...recorder.connections.values()],
    frames: frames.map((f) => {
      const text = typeof f.data === 'string' ? f.data : f.data.toString('utf8');
      return {
        seq: f.seq,
        connectionId: f.connectionId,
        direction: f.direction,
        at: f.at,
        bytes: typeof f.data === 'string' ? Buffer.byteLength(f.data) : f.data.length,
        text: text.length > FRAME_TEXT_CHARS ? `${text.slice(0, FRAME_TEXT_CHARS)}…` : text,
      };
    }),
    invocations: recorder.invocations.toArray().slice(-INVOCATIONS_SHOWN).reverse().map(invocationSummary),
    metrics: recorder.metrics.report(),
  };
}
