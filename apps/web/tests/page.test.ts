// The demo page in real Chromium against the reference app behind a local gateway on port 0.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { type PageGateway, startPageGateway } from './support/gateway.js';
import {
  joinRoom,
  Pages,
  problemsOf,
  screenshot,
  sendMessage,
  visibleMessages,
  waitForStatus,
} from './support/page.js';

let browser: Browser;
let gateway: PageGateway;
let pages: Pages;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-web-'));
  [browser, gateway] = await Promise.all([launchChromium(), startPageGateway({ dataDir })]);
});
afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  pages = new Pages(browser);
});
afterEach(async () => {
  await pages.closeAll();
});

describe('the demo page', () => {
  it('connects to the WebSocket API on its own host and says so', async () => {
    const page = await pages.open(gateway.pageUrl);

    expect(await page.locator('#connection').textContent()).toContain('Connected');
    expect(await page.locator('#endpoint').textContent()).toBe(gateway.address.webSocketUrl);
    expect(problemsOf(page)).toEqual([]);
  });

  it('shows each member the messages of the other, live', async () => {
    const [alice, bob] = await Promise.all([pages.open(gateway.pageUrl), pages.open(gateway.pageUrl)]);
    await Promise.all([joinRoom(alice, 'lobby'), joinRoom(bob, 'lobby')]);

    await sendMessage(alice, 'lobby', 'Hello from Alice');
    await bob.locator('#messages li', { hasText: 'Hello from Alice' }).waitFor();
    await sendMessage(bob, 'lobby', 'Hi Alice, Bob here');
    await alice.locator('#messages li', { hasText: 'Bob here' }).waitFor();

    expect(await visibleMessages(alice)).toEqual([
      'You: Hello from Alice',
      expect.stringMatching(/^guest [0-9a-f]{6}: Hi Alice, Bob here$/),
    ]);
    expect(await visibleMessages(bob)).toEqual([
      expect.stringMatching(/^guest [0-9a-f]{6}: Hello from Alice$/),
      'You: Hi Alice, Bob here',
    ]);
    // The message box is emptied once the server took the message.
    expect(await alice.getByLabel('Message', { exact: true }).inputValue()).toBe('');
    await screenshot(alice, '1-chat-alice');
    await screenshot(bob, '1-chat-bob');
    expect([...problemsOf(alice), ...problemsOf(bob)]).toEqual([]);
  });

  it('shows a submitted job as accepted, its progress, then its result', async () => {
    const page = await pages.open(gateway.pageUrl);
    await page.getByLabel('Input text').fill('Switchboard runs jobs through Step Functions');
    await page.getByLabel('Duration (ms)').fill('2000');
    await page.getByRole('button', { name: 'Submit job' }).click();

    const job = page.locator('#jobs li').first();
    await job.locator('.job-status', { hasText: /^Working: \d+%$/ }).waitFor();
    const midway = await job.locator('progress').evaluate((bar) => (bar as HTMLProgressElement).value);
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(100);
    await screenshot(page, '2-job-progress');

    await job.locator('.job-status', { hasText: 'Completed' }).waitFor();
    expect(await job.locator('progress').evaluate((bar) => (bar as HTMLProgressElement).value)).toBe(100);
    expect(await job.locator('.job-outcome').textContent()).toMatch(
      /^6 words, 44 characters, digest [0-9a-f]{16}$/,
    );
    await screenshot(page, '2-job-completed');
  });

  it('shows why a job failed', async () => {
    const page = await pages.open(gateway.pageUrl);
    await page.getByLabel('Input text').fill('!fail please');
    await page.getByLabel('Duration (ms)').fill('0');
    await page.getByRole('button', { name: 'Submit job' }).click();

    const job = page.locator('#jobs li').first();
    await job.locator('.job-status', { hasText: 'Failed' }).waitFor();
    expect(await job.locator('.job-outcome').textContent()).toMatch(/ \(invalid_payload\)$/);
    await screenshot(page, '3-job-failed');
  });

  it("shows the server's error next to the form that caused it", async () => {
    const page = await pages.open(gateway.pageUrl);
    await sendMessage(page, 'nowhere', 'Is anyone here?');

    const error = page.locator('#send-form .error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Join "nowhere" before sending to it (not_in_room)');
    // Screen readers announce it with the message box it belongs to.
    expect(await page.getByLabel('Message', { exact: true }).getAttribute('aria-describedby')).toContain(
      'send-error',
    );
    expect(await page.locator('#join-form .error').isHidden()).toBe(true);
    await screenshot(page, '4-server-error');
  });

  it("enforces the protocol's input limits in the form", async () => {
    const page = await pages.open(gateway.pageUrl);
    const room = page.getByLabel('Room name');

    await room.fill('not a room!');
    await room.press('Enter');
    expect(await room.evaluate((input) => (input as HTMLInputElement).validity.patternMismatch)).toBe(true);
    await room.fill('');
    await room.pressSequentially('r'.repeat(70));
    expect(await room.inputValue()).toBe('r'.repeat(64));
    expect(await page.getByLabel('Message', { exact: true }).getAttribute('maxlength')).toBe('4096');
    expect(await page.getByLabel('Input text').getAttribute('maxlength')).toBe('4096');
    expect(await page.getByLabel('Duration (ms)').getAttribute('max')).toBe('60000');
    // The invalid name never reached the server.
    expect(await page.locator('#joined-rooms li').count()).toBe(0);
    expect(gateway.logs.filter((line) => line.includes('not a room'))).toEqual([]);
  });

  it('shows reconnecting while the gateway is down, then recovers with the room re-joined', async () => {
    const [alice, bob] = await Promise.all([pages.open(gateway.pageUrl), pages.open(gateway.pageUrl)]);
    await Promise.all([joinRoom(alice, 'ops'), joinRoom(bob, 'ops')]);
    const port = gateway.address.port;

    await gateway.close();
    await waitForStatus(alice, 'reconnecting');
    expect(await alice.locator('#connection').textContent()).toMatch(
      /(Connection lost \(1001\)|Server unreachable)\. Reconnecting: retry \d+ at \d\d:\d\d:\d\d\s*in \d+ s/,
    );
    expect(await alice.locator('#joined-rooms li[data-room="ops"]').textContent()).toContain('re-joining');
    await screenshot(alice, '5-reconnecting');

    gateway = await startPageGateway({ port, dataDir });
    await Promise.all([waitForStatus(alice, 'open'), waitForStatus(bob, 'open')]);
    const rejoined = '#joined-rooms li[data-room="ops"][data-joined="true"]';
    await Promise.all([alice.locator(rejoined).waitFor(), bob.locator(rejoined).waitFor()]);
    await sendMessage(bob, 'ops', 'Back after the restart');
    await alice.locator('#messages li', { hasText: 'Back after the restart' }).waitFor();
    await screenshot(alice, '6-recovered');
  });
});
