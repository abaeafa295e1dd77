import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { type LoadOptions, defaultLoadOptions, resolveLoadOptions } from './options.js';

/** What the command line asked for. */
export interface LoadCommand {
  help: boolean;
  json: boolean;
  options: LoadOptions;
  /** `--cost`: price the run from the gateway's cost endpoint, in this region (or its own). */
  cost?: { region?: string };
}

export const usage = `Usage: switchboard-load --url ws://host:port/stage [options]

Opens N connections, sends M requests per connection with at most W in flight, and reports
connects/s, msgs/s and p50/p95/p99/max round-trip latency matched by requestId. Every run is
bounded by --messages and --duration; lost messages are counted and reported.

Options:
  --url URL                 WebSocket URL (required)
  --connections N           connections to open (default ${defaultLoadOptions.connections})
  --messages M              requests per connection, or rounds with --broadcast (default ${defaultLoadOptions.messages})
  --window W                requests in flight per connection (default ${defaultLoadOptions.window})
  --route ACTION            action of each request (default ${defaultLoadOptions.route})
  --duration S              hard stop for the whole run, in seconds (default ${defaultLoadOptions.durationSeconds})
  --broadcast               join all to one room; one sender; time until every member has it
  --room NAME               room for --broadcast (default ${defaultLoadOptions.room})
  --join-route ACTION       action that joins the room (default ${defaultLoadOptions.joinRoute})
  --send-route ACTION       action that sends to the room (default ${defaultLoadOptions.sendRoute})
  --text-field NAME         field of the send action carrying the text (default ${defaultLoadOptions.textField})
  --payload JSON            extra fields merged into every request, e.g. '{"delayMs":0}'
  --timeout-ms MS           a request or round unanswered this long is lost (default ${defaultLoadOptions.timeoutMs})
  --connect-concurrency N   handshakes in flight at once (default ${defaultLoadOptions.connectConcurrency})
  --connect-timeout-ms MS   opening handshake timeout (default ${defaultLoadOptions.connectTimeoutMs})
  --json                    print the summary as JSON on stdout
  --cost                    at the end, print what the run would cost on AWS, from the
                            gateway's /@inspector/api/cost (switchboard dev only)
  --cost-region REGION      prices of this region (default: the gateway's, else us-east-1)
  -h, --help                show this help
`;

const integerFlags = {
  connections: 'connections',
  messages: 'messages',
  window: 'window',
  'timeout-ms': 'timeoutMs',
  'connect-concurrency': 'connectConcurrency',
  'connect-timeout-ms': 'connectTimeoutMs',
} as const satisfies Record<string, keyof LoadOptions>;

/**
 * Parses `switchboard-load` arguments.
 * @throws {UsageError} for unknown flags, missing values, bad numbers or a bad URL.
 */
export function parseLoadArgs(argv: string[]): LoadCommand {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (cause) {
    throw new UsageError((cause as Error).message, { cause });
  }
  if (values.help) return { help: true, json: false, options: { ...defaultLoadOptions, url: '' } };
  if (!values.url) throw new UsageError('--url is required, e.g. --url ws://127.0.0.1:3001/local');
  const input: Partial<LoadOptions> & { url: string } = { url: values.url };
  for (const [flag, key] of Object.entries(integerFlags)) {
    const text = values[flag as keyof typeof integerFlags];
    if (text !== undefined) input[key] = toNumber(flag, text, true);
  }
  if (values.duration !== undefined) input.durationSeconds = toNumber('duration', values.duration, false);
  if (values.route !== undefined) input.route = values.route;
  if (values.room !== undefined) input.room = values.room;
  if (values['join-route'] !== undefined) input.joinRoute = values['join-route'];
  if (values['send-route'] !== undefined) input.sendRoute = values['send-route'];
  if (values['text-field'] !== undefined) input.textField = values['text-field'];
  if (values.payload !== undefined) input.payload = toPayload(values.payload);
  input.broadcast = values.broadcast ?? false;
  if (values['cost-region'] !== undefined && !values.cost) throw new UsageError('--cost-region needs --cost');
  const command: LoadCommand = {
    help: false,
    json: values.json ?? false,
    options: resolveLoadOptions(input),
  };
  if (values.cost) command.cost = values['cost-region'] ? { region: values['cost-region'] } : {};
  return command;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: 'string' },
      connections: { type: 'string' },
      messages: { type: 'string' },
      window: { type: 'string' },
      route: { type: 'string' },
      duration: { type: 'string' },
      broadcast: { type: 'boolean' },
      room: { type: 'string' },
      'join-route': { type: 'string' },
      'send-route': { type: 'string' },
      'text-field': { type: 'string' },
      payload: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'connect-concurrency': { type: 'string' },
      'connect-timeout-ms': { type: 'string' },
      json: { type: 'boolean' },
      cost: { type: 'boolean' },
      'cost-region': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function toNumber(flag: string, text: string, integer: boolean): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${flag}: expected ${integer ? 'an integer' : 'a number'}, got "${text}"`);
  }
  return value;
}

function toPayload(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new UsageError(`--payload: not JSON: ${(cause as Error).message}`, { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError('--payload: expected a JSON object, e.g. \'{"room":"a"}\'');
  }
  return value as Record<string, unknown>;
}
