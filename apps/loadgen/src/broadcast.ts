import { performance } from 'node:perf_hooks';
import type { LoadConnection } from './connections.js';
import { inspectFrame } from './frames.js';
import { LatencyHistogram, type LatencySummary } from './histogram.js';

const maxRoundTimes = 1000;

/** How the broadcast phase went. */
export interface BroadcastReport {
  /** Connections that joined the room (the sender included). */
  members: number;
  joinFailures: number;
  /** Join request to its answer. */
  joinMs: LatencySummary;
  rounds: number;
  /** Rounds every receiver got within `timeoutMs`. */
  completeRounds: number;
  /** Members other than the sender, who must each receive every round. */
  receiversPerRound: number;
  deliveries: number;
  /** Receiver-rounds that never arrived within `timeoutMs`. */
  lost: number;
  /** Per complete round: send until the last receiver has the message. */
  timeToAllMs: LatencySummary;
  /** Per delivery: send until that receiver has the message. */
  deliveryMs: LatencySummary;
  /** Time to all of each complete round, in order (the first 1,000 rounds). */
  roundTimesMs: number[];
  errorFrames: number;
  errorSamples: string[];
  elapsedMs: number;
  stoppedBy: 'completed' | 'duration';
}

export interface BroadcastOptions {
  room: string;
  joinRoute: string;
  sendRoute: string;
  textField: string;
  payload: Record<string, unknown>;
  rounds: number;
  timeoutMs: number;
  /** Joins in flight at once. */
  joinConcurrency: number;
  deadline: number;
  runTag: string;
}

/** Progress counters, updated as the phase runs. */
export interface BroadcastCounters {
  joined: number;
  rounds: number;
  deliveries: number;
  lost: number;
}

/**
 * Joins every connection to one room, then sends `rounds` messages from the first member, one
 * round at a time, timing each until every other member has it.
 */
export async function runBroadcast(
  connections: LoadConnection[],
  options: BroadcastOptions,
  counters: BroadcastCounters = { joined: 0, rounds: 0, deliveries: 0, lost: 0 },
): Promise<BroadcastReport> {
  const started = performance.now();
  const errors = { count: 0, samples: [] as string[] };
  const noteError = (text: string) => {
    errors.count += 1;
    if (errors.samples.length < 3) errors.samples.push(text.slice(0, 300));
  };
  const join = await joinAll(connections, options, counters, noteError);
  const [sender, ...receivers] = join.members;
  const timeToAll = new LatencyHistogram();
  const delivery = new LatencyHistogram();
  const roundTimesMs: number[] = [];
  let completeRounds = 0;
  let stoppedBy: BroadcastReport['stoppedBy'] = 'completed';

  const round =
    sender && receivers.length > 0
      ? roundRunner(sender, receivers, options, delivery, counters, noteError)
      : undefined;
  for (let index = 0; round && index < options.rounds; index++) {
    if (performance.now() >= options.deadline) {
      stoppedBy = 'duration';
      break;
    }
    const got = await round(`${options.runTag}.b${index}`);
    counters.rounds += 1;
    if (got.missing === 0) {
      completeRounds += 1;
      timeToAll.recordMs(got.lastMs);
      if (roundTimesMs.length < maxRoundTimes) roundTimesMs.push(Math.round(got.lastMs * 1000) / 1000);
    }
  }
  for (const connection of connections) connection.onFrame = () => {};
  return {
    members: join.members.length,
    joinFailures: connections.length - join.members.length,
    joinMs: join.latency.summary(),
    rounds: counters.rounds,
    completeRounds,
    receiversPerRound: receivers.length,
    deliveries: counters.deliveries,
    lost: counters.lost,
    timeToAllMs: timeToAll.summary(),
    deliveryMs: delivery.summary(),
    roundTimesMs,
    errorFrames: errors.count,
    errorSamples: errors.samples,
    elapsedMs: performance.now() - started,
    stoppedBy,
  };
}

async function joinAll(
  connections: LoadConnection[],
  options: BroadcastOptions,
  counters: BroadcastCounters,
  noteError: (text: string) => void,
): Promise<{ members: LoadConnection[]; latency: LatencyHistogram }> {
  const latency = new LatencyHistogram();
  const members: LoadConnection[] = [];
  let next = 0;
  const joinOne = (connection: LoadConnection) =>
    new Promise<boolean>((resolve) => {
      const requestId = `${options.runTag}.j${connection.index}`;
      const sentAt = performance.now();
      const timer = setTimeout(() => resolve(false), options.timeoutMs);
      connection.onFrame = (text, receivedAt) => {
        const frame = inspectFrame(text);
        if (frame.requestId === requestId) {
          clearTimeout(timer);
          latency.recordMs(receivedAt - sentAt);
          resolve(!frame.isError);
        } else if (frame.isError) noteError(text);
      };
      const join = { action: options.joinRoute, requestId, room: options.room, ...options.payload };
      connection.socket.send(JSON.stringify(join));
    });
  const worker = async () => {
    while (next < connections.length && performance.now() < options.deadline) {
      const connection = connections[next++]!;
      if (await joinOne(connection)) {
        members.push(connection);
        counters.joined += 1;
      }
      connection.onFrame = () => {};
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.joinConcurrency, connections.length) }, worker));
  members.sort((a, b) => a.index - b.index);
  return { members, latency };
}

/**
 * Installs the sender's and receivers' frame handlers once for the whole phase (no closures per
 * round or per delivery) and returns a function that runs one round: it sends `token` and
 * resolves once every receiver has it, or after `timeoutMs` with the count still missing.
 */
function roundRunner(
  sender: LoadConnection,
  receivers: LoadConnection[],
  options: BroadcastOptions,
  delivery: LatencyHistogram,
  counters: BroadcastCounters,
  noteError: (text: string) => void,
): (token: string) => Promise<{ missing: number; lastMs: number }> {
  // The round in progress; `number` counts rounds so that `receivedIn` needs no reset.
  const current = { number: -1, token: '', active: false, sentAt: 0, missing: 0, lastMs: 0, done: () => {} };
  // Per receiver: the number of the last round it received.
  const receivedIn = new Int32Array(receivers.length).fill(-1);
  receivers.forEach((receiver, k) => {
    receiver.onFrame = (text, receivedAt) => {
      if (current.active && receivedIn[k] !== current.number && text.includes(current.token)) {
        receivedIn[k] = current.number;
        current.lastMs = receivedAt - current.sentAt;
        delivery.recordMs(current.lastMs);
        counters.deliveries += 1;
        current.missing -= 1;
        if (current.missing === 0) current.done();
      } else if (inspectFrame(text).isError) noteError(text);
    };
  });
  sender.onFrame = (text) => {
    if (!(current.active && text.includes(current.token)) && inspectFrame(text).isError) noteError(text);
  };

  return (token) =>
    new Promise((resolve) => {
      current.number += 1;
      current.token = token;
      current.active = true;
      current.missing = receivers.length;
      current.lastMs = 0;
      const timer = setTimeout(() => current.done(), options.timeoutMs);
      current.done = () => {
        clearTimeout(timer);
        current.active = false;
        counters.lost += current.missing;
        resolve({ missing: current.missing, lastMs: current.lastMs });
      };
      const message = {
        action: options.sendRoute,
        requestId: token,
        room: options.room,
        [options.textField]: token,
        ...options.payload,
      };
      current.sentAt = performance.now();
      sender.socket.send(JSON.stringify(message));
    });
}
