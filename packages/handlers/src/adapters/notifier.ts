/**
 * One way to push data to clients: PostToConnection with bounded concurrency. A GoneException
 * (recognised by its name, which SDK v3 takes from `x-amzn-ErrorType`; v3 has no `statusCode`)
 * means that connection is stale: it is handed to `onGone`, never the sender. Any other failure
 * is collected and reported, never thrown past the other recipients.
 */
import {
  type ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { isGone } from './post-errors.js';

/** One failed delivery, other than a gone connection. */
export interface DeliveryFailure {
  connectionId: string;
  /** The SDK error's name (`LimitExceededException`, `PayloadTooLargeException`, ...). */
  errorName: string;
  message: string;
}

/** What a fan-out did. */
export interface DeliveryReport {
  delivered: number;
  /** Connections that were gone (and handed to `onGone`). */
  gone: string[];
  failed: DeliveryFailure[];
}

export interface NotifierOptions {
  client: ApiGatewayManagementApiClient;
  /** Removes a connection that answered GoneException (from the store). */
  onGone: (connectionId: string) => Promise<unknown>;
  /** Posts in flight at once. @default 16 */
  concurrency?: number;
  /** Told about each failure as it happens (the route's logger). */
  onFailure?: (failure: DeliveryFailure) => void;
}

/** Posts a payload to one or many connections. */
export interface Notifier {
  /**
   * Posts `data` to every connection of `connectionIds` (an array or a lazily paged async
   * iterable), at most `concurrency` at a time. Resolves when every post has settled.
   */
  postToMany(connectionIds: Iterable<string> | AsyncIterable<string>, data: string): Promise<DeliveryReport>;
  /** Posts to one connection; the report says whether it was delivered, gone or failed. */
  postToOne(connectionId: string, data: string): Promise<DeliveryReport>;
}

/**
 * @example
 * const notifier = createNotifier({ client, onGone: (id) => store.removeConnection(id) });
 * const report = await notifier.postToMany(['a', 'b'], JSON.stringify({ type: 'pong' }));
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const concurrency = options.concurrency ?? 16;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const postOne = async (connectionId: string, bytes: Uint8Array, report: DeliveryReport): Promise<void> => {
    try {
      await options.client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: bytes }));
      report.delivered += 1;
    } catch (error) {
      if (isGone(error)) {
        report.gone.push(connectionId);
        try {
          await options.onGone(connectionId);
        } catch (removeError) {
          record(report, connectionId, removeError, options.onFailure);
        }
        return;
      }
      record(report, connectionId, error, options.onFailure);
    }
  };

  return {
    async postToMany(connectionIds, data) {
      const bytes = new TextEncoder().encode(data);
      const report: DeliveryReport = { delivered: 0, gone: [], failed: [] };
      await forEachBounded(connectionIds, concurrency, (id) => postOne(id, bytes, report));
      return report;
    },
    async postToOne(connectionId, data) {
      const report: DeliveryReport = { delivered: 0, gone: [], failed: [] };
      await postOne(connectionId, new TextEncoder().encode(data), report);
      return report;
    },
  };
}

function record(
  report: DeliveryReport,
  connectionId: string,
  error: unknown,
  onFailure: ((failure: DeliveryFailure) => void) | undefined,
): void {
  const failure: DeliveryFailure = {
    connectionId,
    errorName: error instanceof Error ? error.name : typeof error,
    message: error instanceof Error ? error.message : String(error),
  };
  report.failed.push(failure);
  onFailure?.(failure);
}

/**
 * Runs `work` for each item with at most `limit` in flight, pulling items lazily so that a
 * paged source is read no faster than it is delivered. `work` must not reject.
 */
export async function forEachBounded<T>(
  items: Iterable<T> | AsyncIterable<T>,
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  for await (const item of items) {
    const task = work(item).finally(() => inFlight.delete(task));
    inFlight.add(task);
    if (inFlight.size >= limit) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}
