import { join } from 'node:path';
import { createGateway, type Gateway, type GatewayAddress } from '@switchboard/local-gateway';
import { runCli } from '../src/cli-main.js';
import { costUrlOf } from '../src/cost.js';

const manifest = join(__dirname, '..', 'bench', 'fixtures', 'manifest.json');

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { isTTY: false, write: (t: string) => (out.stderr += t) },
    },
  };
}

describe('switchboard-load --cost against switchboard dev', () => {
  let gateway: Gateway;
  let address: GatewayAddress;
  beforeAll(async () => {
    gateway = createGateway({ manifest, port: 0 });
    address = await gateway.listen();
  });
  afterAll(() => gateway.close());

  it('prints what the run would cost on AWS, from the gateway, for this run only', async () => {
    const { out, io } = capture();
    const args = ['--url', address.webSocketUrl, '--connections', '2', '--messages', '10', '--route', 'ping'];
    // A first run, so the second's figures must be its own.
    expect(await runCli([...args, '--json'], capture().io)).toBe(0);

    expect(await runCli([...args, '--cost', '--cost-region', 'eu-west-1'], io)).toBe(0);

    expect(out.stdout).toMatch(
      /cost on AWS \(eu-west-1, list prices of \d{4}-\d\d-\d\d\) for this [\d.]+ s run:/,
    );
    // 20 requests in, 20 replies out, each one 32 KB unit.
    expect(out.stdout).toMatch(/API Gateway messages \(32 KB units\)\s+40 messages/);
    expect(out.stdout).toMatch(/Lambda requests\s+2\d requests/);
    expect(out.stdout).toMatch(/total \$[\d.]+; \$[\d.]+ a month at this rate/);
  });

  it('adds the cost to the JSON summary', async () => {
    const { out, io } = capture();
    const args = [
      '--url',
      address.webSocketUrl,
      '--connections',
      '1',
      '--messages',
      '5',
      '--route',
      'ping',
      '--json',
      '--cost',
    ];
    expect(await runCli(args, io)).toBe(0);
    const { cost } = JSON.parse(out.stdout);
    expect(cost).toMatchObject({ region: 'us-east-1' });
    expect(cost.lines.find((l: { item: string }) => l.item === 'messages (32 KB units)').quantity).toBe(10);
    expect(cost.monthlyUsd).toBeGreaterThan(cost.totalUsd);
  });

  it('says what to check when the gateway has no cost endpoint', async () => {
    const quiet = createGateway({ manifest, port: 0, inspector: false });
    const { webSocketUrl } = await quiet.listen();
    const { out, io } = capture();
    expect(await runCli(['--url', webSocketUrl, '--messages', '1', '--route', 'ping', '--cost'], io)).toBe(2);
    expect(out.stderr).toContain(
      `--cost: ${costUrlOf(webSocketUrl)} answered 404 (is it switchboard dev with the inspector on`,
    );
    await quiet.close();
  });

  it('refuses --cost-region without --cost', async () => {
    const { out, io } = capture();
    expect(await runCli(['--url', address.webSocketUrl, '--cost-region', 'eu-west-1'], io)).toBe(2);
    expect(out.stderr).toContain('--cost-region needs --cost');
  });
});
