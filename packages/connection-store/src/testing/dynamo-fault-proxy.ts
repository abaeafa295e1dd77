/**
 * An HTTP proxy in front of a local DynamoDB (dynalite) that answers chosen requests as DynamoDB
 * does when it fails: for tests of the SDK's retries and of what the store and the handlers make
 * of them (the handlers' lost-answer test, the reliability suite's store faults).
 */
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy answers instead of (or after) DynamoDB, as DynamoDB itself answers it:
 * - `throttling`: 400 `ThrottlingException`; `provisioned-throughput`: 400
 *   `ProvisionedThroughputExceededException` (both retried by the SDK with its throttling backoff);
 * - `internal`: 500 `InternalServerError`, the request never reaches the table;
 * - `applied-internal`: the request is applied, then answered 500 (DynamoDB documents that a 500
 *   may or may not have been applied), so the SDK's retry meets its own write;
 * - `unprocessed` (BatchWriteItem only): half the requests are written, the rest come back in
 *   `UnprocessedItems` with 200; all of them when the batch has one request, as
 *   `ProvisionedThroughputExceededException`, which is what DynamoDB answers when none was written.
 */
export type DynamoFault =
  | 'throttling'
  | 'provisioned-throughput'
  | 'internal'
  | 'applied-internal'
  | 'unprocessed';

/** Which requests get which fault. Every condition given must hold. */
export interface FaultRule {
  fault: DynamoFault;
  /** Operations (the `X-Amz-Target` suffix: `PutItem`, `Query`, `BatchWriteItem`, ...). @default all */
  operations?: readonly string[];
  /** A test on the raw JSON body (`body.includes(connectionId)`). */
  match?: (body: string) => boolean;
  /** Fraction of the matching requests faulted (drawn with the proxy's `random`). @default 1 */
  rate?: number;
  /**
   * Only attempts up to this one of an SDK call are faulted (`amz-sdk-request: attempt=N`), so a
   * fault is transient: with 2 and the SDK's 3 attempts, every call succeeds by its last attempt.
   * @default every attempt (a persistent fault)
   */
  maxAttempt?: number;
}

/** What the proxy saw and did. */
export interface FaultProxyStats {
  requests: number;
  /** Requests per operation. */
  operations: Record<string, number>;
  /** Faults injected, per fault kind. */
  faults: Record<string, number>;
  /** Requests the SDK marked as a retry (`attempt` > 1). */
  sdkRetries: number;
  /** Delay before each SDK retry: from the faulted answer to the next attempt of the same call. */
  retryDelaysMs: number[];
  /** BatchWriteItem requests carrying only items a previous answer left unprocessed. */
  unprocessedItemsReturned: number;
}

/** Options of `startDynamoFaultProxy`. */
export interface FaultProxyOptions {
  /** Uniform in [0, 1): draws each rule's `rate`; pass a seeded one to replay a run. @default Math.random */
  random?: () => number;
}

/** An HTTP proxy on 127.0.0.1 in front of a DynamoDB endpoint that injects faults on demand. */
export interface DynamoFaultProxy {
  endpoint: string;
  stats: FaultProxyStats;
  /** Adds a rule; the function removes it. Rules are tried in the order added. */
  inject(rule: FaultRule): () => void;
  /** Removes every rule. */
  clear(): void;
  close(): Promise<void>;
}

const ERROR_PREFIX = 'com.amazonaws.dynamodb.v20120810#';

// DynamoDB's own messages for these errors.
const errorAnswers = {
  throttling: {
    status: 400,
    type: 'ThrottlingException',
    message: 'Rate of requests exceeds the allowed throughput.',
  },
  'provisioned-throughput': {
    status: 400,
    type: 'ProvisionedThroughputExceededException',
    message:
      'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  },
  internal: { status: 500, type: 'InternalServerError', message: 'Internal server error' },
} as const;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answerError(res: ServerResponse, kind: keyof typeof errorAnswers): void {
  const { status, type, message } = errorAnswers[kind];
  const body = JSON.stringify({ __type: ERROR_PREFIX + type, message });
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': `fault-${Math.random().toString(36).slice(2)}`,
  });
  res.end(body);
}

/** `attempt=2; max=3` -> 2; a client that sends no such header is always on attempt 1. */
function attemptOf(req: IncomingMessage): number {
  const header = req.headers['amz-sdk-request'];
  const match = typeof header === 'string' ? /attempt=(\d+)/.exec(header) : null;
  return match ? Number(match[1]) : 1;
}

/**
 * Starts the proxy in front of `target` (`http://127.0.0.1:PORT`). With a seeded `random`, a
 * run's faults are the same for the same seed and request order.
 * @example
 * const proxy = await startDynamoFaultProxy(dynamo.endpoint);
 * proxy.inject({ fault: 'throttling', rate: 0.2, maxAttempt: 2 });
 * createConnectionStore({ client: localClient(proxy.endpoint), tableName });
 */
export async function startDynamoFaultProxy(
  target: string,
  options: FaultProxyOptions = {},
): Promise<DynamoFaultProxy> {
  const targetUrl = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const random = options.random ?? Math.random;
  const rules: FaultRule[] = [];
  const stats: FaultProxyStats = {
    requests: 0,
    operations: {},
    faults: {},
    sdkRetries: 0,
    retryDelaysMs: [],
    unprocessedItemsReturned: 0,
  };
  // When each SDK call (by invocation id) was last answered with a fault.
  const faultedAt = new Map<string, number>();
  // Requests held back as UnprocessedItems, by their JSON, to recognise their resend.
  const heldBack = new Set<string>();

  const forward = (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, 'content-length': String(body.length) };
      const upstream = request(
        { host: targetUrl.hostname, port: targetUrl.port, path: req.url, method: req.method, headers, agent },
        (res) => {
          readBody(res).then(
            (data) =>
              resolve({
                status: res.statusCode ?? 500,
                headers: res.headers as Record<string, string>,
                body: data,
              }),
            reject,
          );
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const relay = (
    res: ServerResponse,
    answer: { status: number; headers: Record<string, string>; body: Buffer },
  ) => {
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  };

  const count = (kind: string) => {
    stats.faults[kind] = (stats.faults[kind] ?? 0) + 1;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const text = body.toString('utf8');
    const operation =
      String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop() ?? '';
    const attempt = attemptOf(req);
    const invocation = String(req.headers['amz-sdk-invocation-id'] ?? '');
    stats.requests++;
    stats.operations[operation] = (stats.operations[operation] ?? 0) + 1;
    if (attempt > 1) {
      stats.sdkRetries++;
      const at = faultedAt.get(invocation);
      if (at !== undefined) stats.retryDelaysMs.push(Date.now() - at);
    }
    if (operation === 'BatchWriteItem' && heldBack.size > 0) {
      const requests = Object.values(
        (JSON.parse(text) as { RequestItems: Record<string, unknown[]> }).RequestItems,
      ).flat();
      if (requests.length > 0 && requests.every((r) => heldBack.has(JSON.stringify(r))))
        stats.unprocessedItemsReturned++;
    }
    // Each rule that matches draws its own chance, in order: the first that fires applies.
    const rule = rules.find(
      (r) =>
        (!r.operations || r.operations.includes(operation)) &&
        (r.maxAttempt === undefined || attempt <= r.maxAttempt) &&
        (!r.match || r.match(text)) &&
        (r.fault !== 'unprocessed' || operation === 'BatchWriteItem') &&
        (r.rate === undefined || random() < r.rate),
    );
    if (!rule) {
      relay(res, await forward(req, body));
      return;
    }
    count(rule.fault);
    faultedAt.set(invocation, Date.now());
    if (rule.fault === 'applied-internal') {
      await forward(req, body);
      answerError(res, 'internal');
      faultedAt.set(invocation, Date.now());
      return;
    }
    if (rule.fault === 'unprocessed') {
      await answerUnprocessed(req, res, text);
      return;
    }
    answerError(res, rule.fault);
  };

  // Writes the first half of each table's requests; the rest come back as UnprocessedItems.
  const answerUnprocessed = async (req: IncomingMessage, res: ServerResponse, text: string) => {
    const input = JSON.parse(text) as { RequestItems: Record<string, unknown[]> } & Record<string, unknown>;
    const written: Record<string, unknown[]> = {};
    const unprocessed: Record<string, unknown[]> = {};
    for (const [table, requests] of Object.entries(input.RequestItems)) {
      const keep = Math.floor(requests.length / 2);
      if (keep > 0) written[table] = requests.slice(0, keep);
      unprocessed[table] = requests.slice(keep);
    }
    if (Object.keys(written).length === 0) {
      answerError(res, 'provisioned-throughput');
      return;
    }
    for (const requests of Object.values(unprocessed))
      for (const r of requests) heldBack.add(JSON.stringify(r));
    const answer = await forward(req, Buffer.from(JSON.stringify({ ...input, RequestItems: written })));
    const output = JSON.parse(answer.body.toString('utf8')) as {
      UnprocessedItems?: Record<string, unknown[]>;
    };
    for (const [table, requests] of Object.entries(unprocessed))
      output.UnprocessedItems = {
        ...output.UnprocessedItems,
        [table]: [...(output.UnprocessedItems?.[table] ?? []), ...requests],
      };
    const data = Buffer.from(JSON.stringify(output));
    // The body changed: its CRC32 header would fail the SDK's check.
    const { 'x-amz-crc32': _crc, 'content-length': _length, ...headers } = answer.headers;
    relay(res, {
      status: answer.status,
      headers: { ...headers, 'content-length': String(data.length) },
      body: data,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`dynamo fault proxy: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats,
    inject(rule) {
      rules.push(rule);
      return () => {
        const index = rules.indexOf(rule);
        if (index >= 0) rules.splice(index, 1);
      };
    },
    clear: () => {
      rules.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
