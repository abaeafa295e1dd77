import { parseLoadArgs } from '../src/args.js';
import { UsageError } from '../src/errors.js';

describe('parseLoadArgs', () => {
  it('reads every flag into options', () => {
    const { options, json } = parseLoadArgs([
      '--url=ws://127.0.0.1:9/dev',
      '--connections=3',
      '--messages=7',
      '--window=2',
      '--route=echo',
      '--duration=1.5',
      '--payload={"x":1}',
      '--json',
    ]);

    expect(json).toBe(true);
    expect(options).toMatchObject({
      url: 'ws://127.0.0.1:9/dev',
      connections: 3,
      messages: 7,
      window: 2,
      route: 'echo',
      durationSeconds: 1.5,
      payload: { x: 1 },
      broadcast: false,
    });
  });

  it.each([
    [[], /--url is required/],
    [['--url', 'http://x'], /expected a ws:\/\/ or wss:\/\/ URL/],
    [['--url', 'not a url'], /is not a URL/],
    [['--url', 'ws://x', '--connections', 'ten'], /--connections: expected an integer, got "ten"/],
    [['--url', 'ws://x', '--window', '0'], /--window: 0 is outside 1\.\.10000/],
    [['--url', 'ws://x', '--duration=-1'], /--duration: -1 is outside/],
    [['--url', 'ws://x', '--payload', '[1]'], /--payload: expected a JSON object/],
    [['--url', 'ws://x', '--payload', '{'], /--payload: not JSON/],
    [['--url', 'ws://x', '--broadcast', '--connections', '1'], /--broadcast needs at least 2 connections/],
    [['--url', 'ws://x', '--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j with a message naming the problem', (argv, message) => {
    expect(() => parseLoadArgs(argv)).toThrow(UsageError);
    expect(() => parseLoadArgs(argv)).toThrow(message);
  });

  it('answers --help without needing a URL', () => {
    expect(parseLoadArgs(['--help']).help).toBe(true);
  });
});
