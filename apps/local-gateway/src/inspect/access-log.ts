/**
 * Access logs as API Gateway writes them for a WebSocket API with the console's JSON format:
 * one JSON object per request, each field a `$context` variable, every value a string (the
 * template quotes them) and `-` where the variable has no value.
 */
import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { GatewayConfigError } from '../errors.js';
import { formatRequestTime } from '../ids.js';
import type { RequestRecord } from './observer.js';

/**
 * The log format, field by field: API Gateway's documented JSON example for WebSocket APIs plus
 * `$context.integrationLatency` and `$context.error.message`.
 */
export const accessLogFormat = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  user: '$context.identity.user',
  requestTime: '$context.requestTime',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  status: '$context.status',
  connectionId: '$context.connectionId',
  integrationLatency: '$context.integrationLatency',
  errorMessage: '$context.error.message',
} as const;

/**
 * One access-log line.
 * @example
 * formatAccessLogLine({ eventType: 'MESSAGE', routeKey: 'join', status: 200, ... })
 * // {"requestId":"XDmGEE2RoE0FRdQ=","ip":"127.0.0.1","caller":"-","user":"-","requestTime":"07/Dec/2026:23:01:02 +0000",...}
 */
export function formatAccessLogLine(record: RequestRecord): string {
  const line: Record<keyof typeof accessLogFormat, string> = {
    requestId: record.requestId,
    ip: record.sourceIp || '-',
    // IAM caller and user: a Lambda authorizer or none leaves them empty, as on AWS.
    caller: '-',
    user: '-',
    requestTime: formatRequestTime(record.requestTimeEpoch),
    eventType: record.eventType,
    routeKey: record.routeKey,
    status: String(record.status),
    connectionId: record.connectionId,
    integrationLatency:
      record.integrationLatencyMs === undefined ? '-' : String(Math.round(record.integrationLatencyMs)),
    errorMessage: record.errorMessage ?? '-',
  };
  return JSON.stringify(line);
}

/** Where access-log lines go: a file (appended) or stdout. */
export interface AccessLogWriter {
  write(record: RequestRecord): void;
  close(): Promise<void>;
}

/** Opens `--access-log FILE`, or stdout for `-`. */
export function openAccessLog(target: string): AccessLogWriter {
  if (target === '-') {
    return {
      write: (record) => void process.stdout.write(`${formatAccessLogLine(record)}\n`),
      close: async () => {},
    };
  }
  let fd: number;
  try {
    // Opened now, so a folder that does not exist stops the start with one clear line.
    fd = openSync(target, 'a');
  } catch (error) {
    throw new GatewayConfigError(`--access-log: cannot write ${target}: ${(error as Error).message}`);
  }
  const stream: WriteStream = createWriteStream(target, { fd });
  stream.on('error', (error) =>
    process.stderr.write(`switchboard: access log ${target}: ${error.message}\n`),
  );
  return {
    write: (record) => void stream.write(`${formatAccessLogLine(record)}\n`),
    close: () => new Promise<void>((resolve) => stream.end(() => resolve())),
  };
}
