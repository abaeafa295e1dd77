/**
 * Structured logs: one JSON line per invocation (function, route, connection, outcome,
 * duration), which CloudWatch Logs Insights and the local gateway's console both read as is.
 */

/** The fields of an invocation's line; extra fields are added as given. */
export interface InvocationLine {
  fn: string;
  route?: string;
  connectionId?: string;
  /** `ok`, or what went wrong: `rejected` (a client error), `error` (a server error). */
  outcome: string;
  durationMs: number;
  [field: string]: unknown;
}

export interface Logger {
  /** The one line an invocation writes when it ends. */
  invocation(line: InvocationLine): void;
  /** A line outside an invocation's summary (cold-start problems). */
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** @param write where lines go @default console.log (Lambda sends stdout to CloudWatch) */
export function createLogger(write: (line: string) => void = (line) => console.log(line)): Logger {
  return {
    invocation(line) {
      write(JSON.stringify({ level: line.outcome === 'error' ? 'error' : 'info', ...line }));
    },
    warn(message, fields) {
      write(JSON.stringify({ level: 'warn', message, ...fields }));
    },
  };
}

/** Error details fit for a log line: name and message, never a stack in client-visible places. */
export function describeError(error: unknown): { errorName: string; errorMessage: string } {
  return error instanceof Error
    ? { errorName: error.name, errorMessage: error.message }
    : { errorName: typeof error, errorMessage: String(error) };
}
