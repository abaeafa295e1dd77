/**
 * The AWS JSON 1.0 wire protocol of Step Functions: `POST /` with
 * `X-Amz-Target: AWSStepFunctions.<Operation>` and a JSON body; errors as `__type` plus
 * `x-amzn-ErrorType`, which the SDK turns into an error of that `name`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from '../../http/read-body.js';
import { StepFunctionsApiError } from '../errors.js';

const TARGET_PREFIX = 'AWSStepFunctions.';
/** StartExecution input may be 256 KiB; leave room for the envelope. */
const MAX_BODY_BYTES = 1024 * 1024;

export type Operation = (request: Record<string, unknown>) => unknown;

/** An HTTP server answering the given operations, by name (`StartExecution`...). */
export function createStepFunctionsServer(operations: Record<string, Operation>): Server {
  return createServer((request, response) => {
    void handle(operations, request, response);
  });
}

async function handle(
  operations: Record<string, Operation>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    const target = String(request.headers['x-amz-target'] ?? '');
    if (request.method !== 'POST' || !target.startsWith(TARGET_PREFIX)) {
      throw new StepFunctionsApiError(
        'UnknownOperationException',
        `Expected POST with X-Amz-Target ${TARGET_PREFIX}*`,
      );
    }
    const operation = operations[target.slice(TARGET_PREFIX.length)];
    if (!operation) {
      throw new StepFunctionsApiError(
        'UnknownOperationException',
        `The local Step Functions does not support ${target}`,
      );
    }
    const { body, tooLarge } = await readBody(request, MAX_BODY_BYTES);
    if (tooLarge) {
      throw new StepFunctionsApiError(
        'ValidationException',
        `Request body over ${MAX_BODY_BYTES} bytes`,
        413,
      );
    }
    let parsed: unknown;
    try {
      parsed = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      throw new StepFunctionsApiError('SerializationException', 'Request body is not JSON');
    }
    send(response, 200, (await operation((parsed ?? {}) as Record<string, unknown>)) ?? {});
  } catch (error) {
    const apiError =
      error instanceof StepFunctionsApiError
        ? error
        : new StepFunctionsApiError('InternalFailure', (error as Error).message ?? String(error), 500);
    send(response, apiError.statusCode, { __type: apiError.type, message: apiError.message }, apiError.type);
  }
}

function send(response: ServerResponse, statusCode: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(toWire(body));
  response.writeHead(statusCode, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': crypto.randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(text);
}

/** AWS JSON 1.0 sends timestamps as epoch seconds (JSON.stringify would make Dates ISO strings). */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toWire(inner)]));
  }
  return value;
}
