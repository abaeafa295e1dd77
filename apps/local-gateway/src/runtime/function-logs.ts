import type { Readable } from 'node:stream';

/** One line a function wrote to its stdout or stderr (Lambda sends both to CloudWatch). */
export interface FunctionLogLine {
  functionName: string;
  stream: 'stdout' | 'stderr';
  line: string;
}

export type FunctionLogSink = (entry: FunctionLogLine) => void;

/**
 * Default sink: `[functionName] line` on the gateway's stderr. Stderr, because the gateway's
 * stdout is a contract (the URL lines, then one line per invocation) that scripts parse.
 */
export const writeFunctionLogToStderr: FunctionLogSink = ({ functionName, line }) => {
  process.stderr.write(`[${functionName}] ${line}\n`);
};

/** A sink that batches; `flush()` writes what is pending at once. */
export interface BatchedLogSink extends FunctionLogSink {
  flush(): void;
}

/**
 * The default sink of a runtime: the same `[functionName] line` on stderr, written once per
 * turn of the event loop. A pipe's stderr is written synchronously, one system call per write:
 * under load, functions that log a line per invocation cost the gateway's main thread a call per
 * line, in the middle of serving frames.
 */
export function createBatchedStderrSink(
  write: (text: string) => void = (text) => process.stderr.write(text),
): BatchedLogSink {
  let pending = '';
  let scheduled: NodeJS.Immediate | undefined;
  const flush = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (pending === '') return;
    const text = pending;
    pending = '';
    write(text);
  };
  const sink: BatchedLogSink = Object.assign(
    ({ functionName, line }: FunctionLogLine) => {
      pending += `[${functionName}] ${line}\n`;
      scheduled ??= setImmediate(flush);
    },
    { flush },
  );
  return sink;
}

/** Splits a worker's output stream into lines and hands each to `sink`. */
export function forwardLines(
  stream: Readable,
  functionName: string,
  streamName: FunctionLogLine['stream'],
  sink: FunctionLogSink,
): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) sink({ functionName, stream: streamName, line });
  });
  stream.on('end', () => {
    if (pending) sink({ functionName, stream: streamName, line: pending });
    pending = '';
  });
}
