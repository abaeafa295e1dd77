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
