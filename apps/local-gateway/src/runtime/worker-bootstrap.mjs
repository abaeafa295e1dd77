// One Lambda execution environment: runs inside a worker_threads Worker started by
// environment.ts. Plain JavaScript on purpose: workers do not go through jest's transform, and
// the same file must run from src/ (tests) and dist/ (the CLI).
//
// Protocol (messages on parentPort):
//   worker -> parent  { type: 'ready' } | { type: 'init-error', errorType, message }
//   parent -> worker  'id\ndeadlineMs\n"awsRequestId"\neventJson'   (an invocation)
//   worker -> parent  'id\nvalueJson'                                  (a success)
//                   | { type: 'result', id, ok: false, errorType, message }
// Invocations and successes travel as one string: V8 serialises a string in one step, an object
// field by field, and these two messages are on every invocation's path.
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { parentPort, workerData } from 'node:worker_threads';

const { bundleUrl, exportName, functionName, memoryMb, region } = workerData;

/** Lambda's Node runtime names non-Error throws by their type ("string", "number", ...). */
function describeError(error) {
  if (error instanceof Error) return { errorType: error.name || 'Error', message: error.message };
  return { errorType: typeof error, message: String(error) };
}

/** Lambda serialises results as JSON: `undefined` becomes `null`, Dates become strings. */
function serialise(value) {
  return JSON.stringify(value === undefined ? null : value) ?? 'null';
}

function makeContext(awsRequestId, deadlineMs) {
  return {
    awsRequestId,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${awsRequestId.replaceAll('-', '').slice(0, 32)}`,
    // Settable like Lambda's; the worker is never frozen, so it has no effect here.
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
  };
}

/** Calls the handler in either style: async (returns a promise) or callback `(event, ctx, cb)`. */
function callHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (error, value) => {
      if (settled) return;
      settled = true;
      if (error !== null && error !== undefined) reject(error);
      else resolve(value);
    };
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') {
        returned.then(
          (value) => callback(null, value),
          (error) => callback(error ?? new Error('Handler rejected')),
        );
      } else if (handler.length < 3) {
        callback(null, returned);
      }
    } catch (error) {
      callback(error);
    }
  });
}

/** Splits an invocation message: id, deadline, request id (JSON), then the event's JSON. */
function parseInvocation(message) {
  const first = message.indexOf('\n');
  const second = message.indexOf('\n', first + 1);
  const third = message.indexOf('\n', second + 1);
  return {
    id: Number(message.slice(0, first)),
    deadlineMs: Number(message.slice(first + 1, second)),
    awsRequestId: JSON.parse(message.slice(second + 1, third)),
    eventJson: message.slice(third + 1),
  };
}

async function invoke(handler, message) {
  const { id, eventJson, awsRequestId, deadlineMs } = parseInvocation(message);
  let value;
  try {
    value = await callHandler(handler, JSON.parse(eventJson), makeContext(awsRequestId, deadlineMs));
  } catch (error) {
    parentPort.postMessage({ type: 'result', id, ok: false, ...describeError(error) });
    return;
  }
  let valueJson;
  try {
    valueJson = serialise(value);
  } catch (error) {
    const message = `Unable to stringify response body: ${describeError(error).message}`;
    parentPort.postMessage({ type: 'result', id, ok: false, errorType: 'Runtime.MarshalError', message });
    return;
  }
  parentPort.postMessage(`${id}\n${valueJson}`);
}

// Node reads NODE_EXTRA_CA_CERTS once per process, never per worker: add the gateway's
// certificate to this worker's default CA set so `https://${domainName}/${stage}` is trusted.
function trustExtraCertificates() {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return;
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), readFileSync(file, 'utf8')]);
}

async function init() {
  let module;
  try {
    trustExtraCertificates();
  } catch (error) {
    const { message } = describeError(error);
    parentPort.postMessage({ type: 'init-error', errorType: 'Runtime.ExtraCertificatesError', message });
    return;
  }
  try {
    module = await import(bundleUrl);
  } catch (error) {
    const { message } = describeError(error);
    parentPort.postMessage({ type: 'init-error', errorType: 'Runtime.ImportModuleError', message });
    return;
  }
  const handler = module[exportName];
  if (typeof handler !== 'function') {
    const message = `${exportName} is undefined or not exported by ${bundleUrl.split('?')[0]}`;
    parentPort.postMessage({ type: 'init-error', errorType: 'Runtime.HandlerNotFound', message });
    return;
  }
  parentPort.on('message', (message) => {
    if (typeof message === 'string') void invoke(handler, message);
  });
  parentPort.postMessage({ type: 'ready' });
}

void init();
