import { performance } from 'node:perf_hooks';
import type { LoadConnection } from './connections.js';
import { inspectFrame } from './frames.js';
import { LatencyHistogram, type LatencySummary } from './histogram.js';

/** How the round-trip phase went. `sent === received + rejected + lost` always holds. */
export interface RoundTripReport {
  sent: number;
  received: number;
  /** Requests answered by an `error` event carrying their `requestId`. */
  rejected: number;
  /** Requests without an answer within `timeoutMs`, at the hard stop, or on a closed connection. */
  lost: number;
  /** Answers to requests already counted lost, or duplicates. */
  late: number;
  /** Gateway error frames (`Internal server error`, `Forbidden`) and protocol `error` events. */
  errorFrames: number;
  /** Frames that answer nothing (events the server pushed). */
  otherFrames: number;
  /** Round trips completed per second over the phase. */
  perSecond: number;
  elapsedMs: number;
  latencyMs: LatencySummary;
  /** The first few error frames, as received. */
  errorSamples: string[];
  stoppedBy: 'completed' | 'duration';
}

export interface RoundTripOptions {
  route: string;
  messages: number;
  window: number;
  payload: Record<string, unknown>;
  timeoutMs: number;
  /** No request is sent after this `performance.now()` time. */
  deadline: number;
  /** Prefix that makes request ids unique to this run. */
  runTag: string;
  /** How long to wait for answers in flight at the deadline. @default 2000 */
  drainMs?: number;
}

/** Counters the progress line reads while the phase runs. */
export interface RoundTripCounters {
  sent: number;
  received: number;
  lost: number;
}

interface ConnectionState {
  connection: LoadConnection;
  sent: number;
  pending: Map<string, number>;
  done: boolean;
}

const maxErrorSamples = 3;

/**
 * Sends `messages` requests on every connection, keeping at most `window` in flight per
 * connection, and matches answers by `requestId`.
 */
export function runRoundTrips(
  connections: LoadConnection[],
  options: RoundTripOptions,
  counters: RoundTripCounters = { sent: 0, received: 0, lost: 0 },
): Promise<RoundTripReport> {
  const latency = new LatencyHistogram();
  const report = { rejected: 0, late: 0, errorFrames: 0, otherFrames: 0, errorSamples: [] as string[] };
  const drainMs = options.drainMs ?? 2000;
  // Built once: every request is this prefix, the id, and this tail.
  const prefix = `{"action":${JSON.stringify(options.route)},"requestId":"`;
  const extra = JSON.stringify(options.payload).slice(1);
  const tail = extra === '}' ? '"}' : `",${extra}`;
  const started = performance.now();
  let remaining = connections.length;
  let stopping = false;

  return new Promise((resolve) => {
    const states = connections.map((connection) => {
      const state: ConnectionState = { connection, sent: 0, pending: new Map(), done: false };
      connection.onFrame = (text, receivedAt) => onFrame(state, text, receivedAt);
      connection.socket.once('close', () => loseAll(state));
      return state;
    });

    const send = (state: ConnectionState) => {
      const requestId = `${options.runTag}.${state.connection.index}.${state.sent}`;
      state.sent += 1;
      counters.sent += 1;
      state.pending.set(requestId, performance.now());
      state.connection.socket.send(prefix + requestId + tail);
    };
    const pump = (state: ConnectionState) => {
      if (state.done) return;
      while (!stopping && state.pending.size < options.window && state.sent < options.messages) send(state);
      if (state.pending.size === 0 && (stopping || state.sent >= options.messages)) finishConnection(state);
    };
    const onFrame = (state: ConnectionState, text: string, receivedAt: number) => {
      const frame = inspectFrame(text);
      const sentAt = frame.requestId === undefined ? undefined : state.pending.get(frame.requestId);
      if (frame.isError) {
        report.errorFrames += 1;
        if (report.errorSamples.length < maxErrorSamples) report.errorSamples.push(text.slice(0, 300));
      }
      if (sentAt !== undefined && frame.requestId !== undefined) {
        state.pending.delete(frame.requestId);
        if (frame.isError) report.rejected += 1;
        else {
          latency.recordMs(receivedAt - sentAt);
          counters.received += 1;
        }
        pump(state);
      } else if (frame.isError) {
        // Counted above; a gateway error frame carries the gateway's requestId, not ours.
      } else if (frame.requestId?.startsWith(`${options.runTag}.`)) {
        report.late += 1;
      } else {
        report.otherFrames += 1;
      }
    };
    const loseAll = (state: ConnectionState) => {
      counters.lost += state.pending.size;
      state.pending.clear();
      finishConnection(state);
    };
    const finishConnection = (state: ConnectionState) => {
      if (state.done) return;
      state.done = true;
      remaining -= 1;
      if (remaining === 0) finish();
    };

    // Requests past their timeout are lost; sweeping beats one timer per request.
    const sweep = setInterval(
      () => {
        const now = performance.now();
        if (!stopping && now >= options.deadline) stopping = true;
        for (const state of states) {
          for (const [requestId, sentAt] of state.pending) {
            if (now - sentAt < options.timeoutMs) break;
            state.pending.delete(requestId);
            counters.lost += 1;
          }
          if (stopping && now >= options.deadline + drainMs) loseAll(state);
          else pump(state);
        }
      },
      Math.max(5, Math.min(100, options.timeoutMs / 2)),
    );

    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearInterval(sweep);
      for (const state of states) state.connection.onFrame = () => {};
      const elapsedMs = performance.now() - started;
      resolve({
        sent: counters.sent,
        received: counters.received,
        lost: counters.lost,
        ...report,
        perSecond: elapsedMs > 0 ? (counters.received * 1000) / elapsedMs : 0,
        elapsedMs,
        latencyMs: latency.summary(),
        stoppedBy: stopping ? 'duration' : 'completed',
      });
    };

    if (states.length === 0) finish();
    for (const state of states) {
      if (state.connection.closedEarly) loseAll(state);
      else pump(state);
    }
  });
}
