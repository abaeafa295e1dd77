import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type BroadcastCounters, type BroadcastReport, runBroadcast } from './broadcast.js';
import { type ConnectReport, closeConnections, openConnections } from './connections.js';
import { UnreachableError } from './errors.js';
import { type LoadOptions, resolveLoadOptions } from './options.js';
import { type RoundTripCounters, type RoundTripReport, runRoundTrips } from './round-trips.js';

/** The result of one load run, as printed by `--json`. */
export interface LoadSummary {
  url: string;
  mode: 'round-trip' | 'broadcast';
  options: Omit<LoadOptions, 'url'>;
  connect: ConnectReport;
  /** Round-trip mode only. */
  roundTrip?: RoundTripReport;
  /** Broadcast mode only. */
  broadcast?: BroadcastReport;
  /** Connections the server or the network closed before the end of the run. */
  closedEarly: number;
  elapsedMs: number;
}

/** A snapshot for the live progress line. */
export interface LoadProgress {
  phase: 'connect' | 'join' | 'round-trip' | 'broadcast' | 'close';
  elapsedMs: number;
  opened: number;
  failed: number;
  sent: number;
  received: number;
  lost: number;
}

export interface RunLoadHooks {
  /** Called about every `progressIntervalMs` while the run lasts. */
  onProgress?: (progress: LoadProgress) => void;
  /** @default 250 */
  progressIntervalMs?: number;
}

/**
 * Runs one bounded load run against a WebSocket API: connect, then round trips or broadcast
 * rounds, then close. Lost messages are counted in the summary, never hidden.
 * @throws {UsageError} for bad options. @throws {UnreachableError} when no connection opens.
 * @example
 * const summary = await runLoad({ url: 'ws://127.0.0.1:3001', connections: 10, messages: 100 });
 * console.log(summary.roundTrip?.perSecond, summary.roundTrip?.latencyMs.p99);
 */
export async function runLoad(
  input: Partial<LoadOptions> & { url: string },
  hooks: RunLoadHooks = {},
): Promise<LoadSummary> {
  const { url, ...options } = resolveLoadOptions(input);
  const started = performance.now();
  const deadline = started + options.durationSeconds * 1000;
  const runTag = `lg${randomBytes(4).toString('hex')}`;
  const progress: LoadProgress = {
    phase: 'connect',
    elapsedMs: 0,
    opened: 0,
    failed: 0,
    sent: 0,
    received: 0,
    lost: 0,
  };
  const roundTripCounters: RoundTripCounters = { sent: 0, received: 0, lost: 0 };
  const broadcastCounters: BroadcastCounters = { joined: 0, rounds: 0, deliveries: 0, lost: 0 };
  const tick = () => {
    progress.elapsedMs = performance.now() - started;
    if (!options.broadcast) Object.assign(progress, roundTripCounters);
    else {
      if (progress.phase === 'join' && broadcastCounters.rounds > 0) progress.phase = 'broadcast';
      progress.sent = broadcastCounters.rounds;
      progress.received = progress.phase === 'join' ? broadcastCounters.joined : broadcastCounters.deliveries;
      progress.lost = broadcastCounters.lost;
    }
    hooks.onProgress?.({ ...progress });
  };
  const ticker = hooks.onProgress ? setInterval(tick, hooks.progressIntervalMs ?? 250) : undefined;
  let closedEarly = 0;

  try {
    const { connections, report: connect } = await openConnections({
      url,
      count: options.connections,
      concurrency: options.connectConcurrency,
      handshakeTimeoutMs: options.connectTimeoutMs,
      deadline,
      onAttempt: (opened, failed) => Object.assign(progress, { opened, failed }),
      onEarlyClose: () => {
        closedEarly += 1;
      },
    });
    if (connections.length === 0) throw new UnreachableError(url, connect.errors);
    const summary: LoadSummary = {
      url,
      mode: options.broadcast ? 'broadcast' : 'round-trip',
      options,
      connect,
      closedEarly: 0,
      elapsedMs: 0,
    };
    try {
      if (options.broadcast) {
        progress.phase = 'join';
        summary.broadcast = await runBroadcast(
          connections,
          {
            ...options,
            rounds: options.messages,
            joinConcurrency: options.connectConcurrency,
            deadline,
            runTag,
          },
          broadcastCounters,
        );
      } else {
        progress.phase = 'round-trip';
        summary.roundTrip = await runRoundTrips(
          connections,
          { ...options, deadline, runTag },
          roundTripCounters,
        );
      }
    } finally {
      progress.phase = 'close';
      await closeConnections(connections);
    }
    summary.closedEarly = closedEarly;
    summary.elapsedMs = performance.now() - started;
    return summary;
  } finally {
    if (ticker) {
      clearInterval(ticker);
      tick();
    }
  }
}
