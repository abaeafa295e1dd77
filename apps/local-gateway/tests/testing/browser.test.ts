import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../../src/testing/browser.js';

/** A folder with an executable file of that name in it. */
function fakeExecutable(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-browser-'));
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('finding the browser for the page tests', () => {
  const noSystem: string[] = [];

  it('takes CHROMIUM_PATH first', async () => {
    const path = fakeExecutable('my-chromium');
    const onPath = fakeExecutable('chromium');
    const found = await findChromium({ CHROMIUM_PATH: path, PATH: join(onPath, '..') }, noSystem);
    expect(found).toEqual({ executablePath: path, source: 'CHROMIUM_PATH' });
  });

  it('refuses a CHROMIUM_PATH that is not executable, naming it', async () => {
    await expect(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' }, noSystem)).rejects.toThrow(
      'CHROMIUM_PATH is /nonexistent/chromium, which is not an executable file.',
    );
  });

  it('takes a system Chromium next: a known location, then chromium on PATH', async () => {
    const known = fakeExecutable('chromium-known');
    const onPath = fakeExecutable('chromium');
    await expect(findChromium({ PATH: join(onPath, '..') }, [known])).resolves.toEqual({
      executablePath: known,
      source: 'system',
    });
    await expect(findChromium({ PATH: join(onPath, '..') }, noSystem)).resolves.toEqual({
      executablePath: onPath,
      source: 'system',
    });
  });

  it('falls back to the Chromium packaged in @sparticuz/chromium, which really runs', async () => {
    const found = await findChromium({ PATH: '' }, noSystem);
    expect(found.source).toBe('packaged');
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: found.executablePath, args: ['--no-sandbox'] });
    try {
      expect(browser.version()).toMatch(/^\d+\./);
    } finally {
      await browser.close();
    }
  });

  it('uses the packaged one when SWITCHBOARD_BROWSER=packaged, even with a system browser', async () => {
    const path = fakeExecutable('chromium');
    const found = await findChromium(
      { SWITCHBOARD_BROWSER: 'packaged', CHROMIUM_PATH: path, PATH: join(path, '..') },
      [path],
    );
    expect(found.source).toBe('packaged');
  });

  it('refuses an unknown SWITCHBOARD_BROWSER and a missing system browser when asked for one', async () => {
    await expect(findChromium({ SWITCHBOARD_BROWSER: 'firefox' }, noSystem)).rejects.toThrow(
      'SWITCHBOARD_BROWSER is "firefox": expected "packaged", "system" or unset.',
    );
    await expect(findChromium({ SWITCHBOARD_BROWSER: 'system', PATH: '' }, noSystem)).rejects.toThrow(
      'SWITCHBOARD_BROWSER=system, but no Chromium or Chrome was found',
    );
  });
});
