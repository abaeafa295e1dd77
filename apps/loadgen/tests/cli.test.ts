import { type BareServer, startBareServer } from '../src/bare/bare-server.js';
import { runCli } from '../src/cli-main.js';
import { closedPortUrl } from './servers.js';

function capture(isTTY = false) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { isTTY, write: (t: string) => (out.stderr += t) },
    },
  };
}

describe('switchboard-load CLI', () => {
  let bare: BareServer;
  beforeAll(async () => {
    bare = await startBareServer();
  });
  afterAll(() => bare.close());

  it('prints a JSON summary with --json and exits 0 when nothing was lost', async () => {
    const { out, io } = capture();

    const code = await runCli(['--url', bare.url, '--connections', '2', '--messages', '10', '--json'], io);

    expect(code).toBe(0);
    const summary = JSON.parse(out.stdout);
    expect(summary.roundTrip).toMatchObject({ sent: 20, received: 20, lost: 0 });
    expect(out.stderr).toBe('');
  });

  it('prints a text summary and live progress on a terminal', async () => {
    const { out, io } = capture(true);

    const code = await runCli(['--url', bare.url, '--connections', '2', '--messages', '5'], io);

    expect(code).toBe(0);
    expect(out.stdout).toMatch(/10 sent, 10 received, 0 rejected, 0 LOST, \d+ msgs\/s/);
    expect(out.stdout).toMatch(/latency +p50 [\d.]+ ms +p95 [\d.]+ ms +p99 [\d.]+ ms +max [\d.]+ ms/);
    expect(out.stderr).toMatch(/: 2 open, 0 failed, 10 sent, 10 received/);
  });

  it('exits 2 with the usage on a bad flag', async () => {
    const { out, io } = capture();

    const code = await runCli(['--url', bare.url, '--window', 'x'], io);

    expect(code).toBe(2);
    expect(out.stderr).toMatch(/^switchboard-load: --window: expected an integer, got "x"\n\nUsage:/);
  });

  it('exits 2 naming the cause when the URL is unreachable', async () => {
    const { out, io } = capture();
    const url = await closedPortUrl();

    const code = await runCli(['--url', url, '--connections', '1'], io);

    expect(code).toBe(2);
    expect(out.stderr).toMatch(/cannot open any connection to ws:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/);
  });
});
