import { GatewayConfigError } from '../src/errors.js';
import { parseCommandLine, usage } from '../src/cli-args.js';

const dev = (...args: string[]) => {
  const command = parseCommandLine(['dev', '--manifest', 'm.json', ...args], {});
  if (command.kind !== 'dev') throw new Error('expected the dev command');
  return command.options;
};

describe('parseCommandLine', () => {
  it('leaves out what was not given, so the gateway defaults apply', () => {
    // The web page's folder depends on whether apps/web is built; the --web-dir tests cover it.
    const { staticDir: _webDir, ...options } = dev();
    expect(options).toEqual({ manifest: 'm.json', port: 3001 });
  });

  it('maps every flag to its gateway option', () => {
    expect(
      dev(
        '--port=0',
        '--host=0.0.0.0',
        '--stage=prod',
        '--data-dir=.data',
        '--idle-timeout-ms=1000',
        '--max-duration-ms=2000',
        '--access-key-id=AK',
        '--secret-access-key=SK',
        '--region=eu-west-1',
        '--heartbeat-interval-ms=0',
        '--max-environments=3',
        '--chaos-max-delay-ms=50',
      ),
    ).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      stage: 'prod',
      dataDir: '.data',
      idleTimeoutMs: 1000,
      maxDurationMs: 2000,
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      region: 'eu-west-1',
      heartbeatIntervalMs: 0,
      runtime: { maxEnvironmentsPerFunction: 3 },
      chaosMaxDelayMs: 50,
    });
  });

  it('takes DYNAMODB_ENDPOINT from the environment', () => {
    const command = parseCommandLine(['dev', '--manifest', 'm.json'], {
      DYNAMODB_ENDPOINT: 'http://db:8000',
    });
    expect(command).toMatchObject({ kind: 'dev', options: { dynamoEndpoint: 'http://db:8000' } });
  });

  it('refuses a number flag that is not a whole number, naming the flag', () => {
    expect(() => dev('--max-environments', 'two')).toThrow(
      new GatewayConfigError('--max-environments expects a whole number, got "two"'),
    );
  });

  it('refuses an unknown command', () => {
    expect(() => parseCommandLine(['serve'], {})).toThrow(
      /Expected the command "dev" or "token", got "serve"/,
    );
  });

  it('answers --help', () => {
    expect(parseCommandLine(['--help'], {})).toEqual({ kind: 'help', text: usage });
  });
});
