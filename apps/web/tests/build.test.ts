// The build script: what a production build for a deployed stack produces, and what it refuses.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, '..', 'scripts', 'build.mjs');
let outDir: string;
beforeEach(() => {
  outDir = mkdtempSync(join(tmpdir(), 'switchboard-web-build-'));
});
afterEach(() => rmSync(outDir, { recursive: true, force: true }));

function build(env: Record<string, string>) {
  return spawnSync(process.execPath, [script, '--out', outDir], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('scripts/build.mjs', () => {
  it('writes the static page and bakes in SWITCHBOARD_WS_URL', () => {
    const url = 'wss://abc123.execute-api.eu-west-1.amazonaws.com/prod';
    const result = build({ SWITCHBOARD_WS_URL: url });

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`WebSocket URL ${url}`);
    expect(readdirSync(outDir).sort()).toEqual(['app.js', 'app.js.map', 'index.html', 'styles.css']);
    expect(readFileSync(join(outDir, 'app.js'), 'utf8')).toContain(JSON.stringify(url));
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('<script type="module" src="app.js">');
  });

  it('refuses a SWITCHBOARD_WS_URL that is not a WebSocket URL', () => {
    const result = build({ SWITCHBOARD_WS_URL: 'https://example.com/prod' });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'SWITCHBOARD_WS_URL must be a ws:// or wss:// URL, got "https://example.com/prod"',
    );
    expect(readdirSync(outDir)).toEqual([]);
  });
});
