import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createGateway, type Gateway, type GatewayAddress } from '../../src/index.js';
import { launchChromium } from '../../src/testing/browser.js';
import { openTestClient, type TestClient } from '../../src/testing/index.js';

const packageDir = join(__dirname, '..', '..');
const referenceManifest = join(
  dirname(createRequire(__filename).resolve('@switchboard/handlers/package.json')),
  'dist',
  'manifest.json',
);
const ROOM = 'inspector-room';
const ROWS = '#connections tbody tr[data-connection-id]';

// The real page in real Chromium, against the reference app on the real runtime.
describe('the inspector page in Chromium', () => {
  let gateway: Gateway;
  let address: GatewayAddress;
  let browser: Browser;
  let page: Page;
  const clients: TestClient[] = [];
  const rows = () => page.locator(ROWS);

  beforeAll(async () => {
    // The page the gateway serves is built from the current sources.
    execFileSync(process.execPath, [join(packageDir, 'scripts', 'build-inspector.mjs')]);
    gateway = createGateway({ manifest: referenceManifest, port: 0 });
    address = await gateway.listen();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${address.inspectorUrl}#/connections`);
    await page.locator('#live[data-state="live"]').waitFor();
    expect(problems).toEqual([]);
  }, 60_000);
  afterAll(async () => {
    for (const client of clients) client.ws.terminate();
    await browser?.close();
    await gateway?.close();
  });

  it('shows two clients as they connect', async () => {
    clients.push(await openTestClient(address.webSocketUrl));
    await rows().first().waitFor();
    clients.push(await openTestClient(address.webSocketUrl));
    await page.waitForFunction(`document.querySelectorAll('${ROWS}').length === 2`);
    expect(await rows().count()).toBe(2);
  });

  it('shows a frame a client sends, on that connection', async () => {
    const [first] = clients;
    const firstId = await rows().first().getAttribute('data-connection-id');
    first!.send({ action: 'join', room: ROOM });
    await first!.waitFor((f) => f.json?.type === 'joined');
    await page.locator(`a[href="#/connections/${encodeURIComponent(firstId!)}"]`).click();
    await page.locator('#frames li[data-direction="in"]', { hasText: ROOM }).waitFor();
    await page.locator('#frames li[data-direction="out"]', { hasText: 'joined' }).waitFor();
    // Back goes back to the list, as the URL hash changed.
    await page.goBack();
    expect(new URL(page.url()).hash).toBe('#/connections');
    await rows().first().waitFor();
  });

  it('disconnects one from the page: it disappears and its $disconnect invocation shows', async () => {
    const secondId = await rows().nth(1).getAttribute('data-connection-id');
    const second = clients[1]!;
    await page.locator(`a[href="#/connections/${encodeURIComponent(secondId!)}"]`).click();
    await page.locator('#disconnect').click();
    expect(await second.closed).toEqual({ code: 1000, reason: 'Connection Closed Normally' });
    await page.goBack();
    await page.waitForFunction(`document.querySelectorAll('${ROWS}').length === 1`);
    expect(await page.locator(`#connections tr[data-connection-id="${secondId}"]`).count()).toBe(0);
    await page.locator('nav a[href="#/invocations"]').click();
    await page
      .locator(`#invocations tr[data-route="$disconnect"][data-connection-id="${secondId}"]`)
      .waitFor();
    // The README's picture of the inspector: every run leaves it in test-artifacts/ (gitignored);
    // SWITCHBOARD_UPDATE_SCREENSHOTS=1 also replaces the committed one, so a plain test run
    // leaves the work tree clean.
    await page.screenshot({ path: join(packageDir, 'test-artifacts', 'inspector.png') });
    if (process.env.SWITCHBOARD_UPDATE_SCREENSHOTS === '1') {
      await page.screenshot({ path: join(packageDir, 'docs', 'inspector.png') });
    }
  });

  it('shows the table item that join wrote, filtered by key', async () => {
    await page.locator('nav a[href="#/tables"]').click();
    await page.getByLabel('Key contains').fill(ROOM);
    await page.locator(`#tables li[data-table][data-key*="${ROOM}"]`).first().waitFor();
  });

  it('works in a narrow window', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.locator('nav a[href="#/metrics"]').click();
    await page.locator('figure[data-metric="MessageCount"]').waitFor();
    // Strings: this package's tests are typed for Node, without the DOM's names.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.locator('nav a[href="#/cost"]').click();
    await page.locator('#cost-total', { hasText: 'a month at this rate' }).waitFor();
  });
});
