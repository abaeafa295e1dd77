// The demo page in real Chromium against the reference app behind a local gateway on port 0.
// Two pages (Alice and Bob) stay open through the suite, as two people would; each test uses its
// own room, and the restart comes last.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '@switchboard/local-gateway/testing/browser';
import { lowContrastText } from './support/contrast.js';
import { type PageGateway, startPageGateway } from './support/gateway.js';
import {
  joinRoom,
  Pages,
  screenshot,
  sendMessage,
  takeProblems,
  visibleMessages,
  waitForStatus,
} from './support/page.js';

let browser: Browser;
let gateway: PageGateway;
let pages: Pages;
let dataDir: string;
let alice: Page;
let bob: Page;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-web-'));
  // The browser first: when it is missing the suite fails before anything needs stopping.
  browser = await launchChromium();
  gateway = await startPageGateway({ dataDir });
  pages = new Pages(browser);
  [alice, bob] = await Promise.all([pages.open(gateway.pageUrl), pages.open(gateway.pageUrl)]);
});
afterAll(async () => {
  await pages?.closeAll();
  await browser?.close();
  await gateway?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => {
  // No script errors and no failed loads, whatever the test did.
  expect([...takeProblems(alice), ...takeProblems(bob)]).toEqual([]);
});

describe('the demo page', () => {
  it('connects to the WebSocket API on its own host and says so', async () => {
    expect(await alice.locator('#connection').textContent()).toContain('Connected');
    expect(await alice.locator('#endpoint').textContent()).toBe(gateway.address.webSocketUrl);
  });

  it('shows each member the messages of the other, live', async () => {
    await Promise.all([joinRoom(alice, 'lobby'), joinRoom(bob, 'lobby')]);

    await sendMessage(alice, 'lobby', 'Hello from Alice');
    await bob.locator('#messages li', { hasText: 'Hello from Alice' }).waitFor();
    await sendMessage(bob, 'lobby', 'Hi Alice, Bob here');
    await alice.locator('#messages li', { hasText: 'Bob here' }).waitFor();

    expect(await visibleMessages(alice, 'lobby')).toEqual([
      'You: Hello from Alice',
      expect.stringMatching(/^guest [0-9a-f]{6}: Hi Alice, Bob here$/),
    ]);
    expect(await visibleMessages(bob, 'lobby')).toEqual([
      expect.stringMatching(/^guest [0-9a-f]{6}: Hello from Alice$/),
      'You: Hi Alice, Bob here',
    ]);
    // The message box is emptied once the server took the message.
    expect(await alice.getByLabel('Message', { exact: true }).inputValue()).toBe('');
    await screenshot(alice, '1-chat-alice');
    await screenshot(bob, '1-chat-bob');
  });

  it('shows a submitted job as accepted, its progress, then its result', async () => {
    await alice.getByLabel('Input text').fill('Switchboard runs jobs through Step Functions');
    await alice.getByLabel('Duration (ms)').fill('1200');
    await alice.getByRole('button', { name: 'Submit job' }).click();

    const job = alice.locator('#jobs li').first();
    await job.locator('.job-status', { hasText: /^Working: \d+%$/ }).waitFor();
    const midway = await job.locator('progress').evaluate((bar) => (bar as HTMLProgressElement).value);
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(100);
    await screenshot(alice, '2-job-progress');

    await job.locator('.job-status', { hasText: 'Completed' }).waitFor();
    expect(await job.locator('progress').evaluate((bar) => (bar as HTMLProgressElement).value)).toBe(100);
    expect(await job.locator('.job-outcome').textContent()).toMatch(
      /^6 words, 44 characters, digest [0-9a-f]{16}$/,
    );
    await screenshot(alice, '2-job-completed');
  });

  it('shows why a job failed', async () => {
    await alice.getByLabel('Input text').fill('!fail please');
    await alice.getByLabel('Duration (ms)').fill('0');
    await alice.getByRole('button', { name: 'Submit job' }).click();

    const job = alice.locator('#jobs li').first();
    await job.locator('.job-status', { hasText: 'Failed' }).waitFor();
    expect(await job.locator('.job-outcome').textContent()).toMatch(/ \(invalid_payload\)$/);
    await screenshot(alice, '3-job-failed');
  });

  it("shows the server's error next to the form that caused it", async () => {
    await sendMessage(bob, 'nowhere', 'Is anyone here?');

    const error = bob.locator('#send-form .error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Join "nowhere" before sending to it (not_in_room)');
    // Screen readers announce it with the message box it belongs to.
    expect(await bob.getByLabel('Message', { exact: true }).getAttribute('aria-describedby')).toContain(
      'send-error',
    );
    expect(await bob.locator('#join-form .error').isHidden()).toBe(true);
    await screenshot(bob, '4-server-error');
  });

  it('works from the keyboard: Tab reaches the controls in order, Enter joins, sends and leaves', async () => {
    await bob.getByLabel('Room name').focus();
    await bob.keyboard.press('Tab');
    expect(await bob.evaluate(() => document.activeElement?.textContent)).toBe('Join');
    await joinRoom(bob, 'keys');

    const leave = bob.getByRole('button', { name: 'Leave keys' });
    await leave.focus();
    await bob.keyboard.press('Enter');
    await bob.locator('#joined-rooms li[data-room="keys"]').waitFor({ state: 'detached' });
  });

  it('keeps every text readable: at least 4.5:1 contrast (WCAG AA)', async () => {
    const selectors = ['h1', 'h2', 'h3', 'p', 'label', 'button', 'code', '.message *', '.job *', '.room *'];
    // Alice's page now holds messages, a completed and a failed job; Bob's an error.
    expect(await lowContrastText(alice, selectors)).toEqual([]);
    expect(await lowContrastText(bob, selectors)).toEqual([]);
  });

  it("enforces the protocol's input limits in the form", async () => {
    const room = bob.getByLabel('Room name');

    await room.fill('not a room!');
    await room.press('Enter');
    expect(await room.evaluate((input) => (input as HTMLInputElement).validity.patternMismatch)).toBe(true);
    await room.fill('');
    await room.pressSequentially('r'.repeat(70));
    expect(await room.inputValue()).toBe('r'.repeat(64));
    expect(await bob.getByLabel('Message', { exact: true }).getAttribute('maxlength')).toBe('4096');
    expect(await bob.getByLabel('Input text').getAttribute('maxlength')).toBe('4096');
    expect(await bob.getByLabel('Duration (ms)').getAttribute('max')).toBe('60000');
    // The invalid name never reached the server: the only room is the one joined before.
    expect(
      await bob.locator('#joined-rooms li').evaluateAll((items) => items.map((i) => i.dataset.room)),
    ).toEqual(['lobby']);
  });

  it('shows reconnecting while the gateway is down, then recovers with the room re-joined', async () => {
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
    // While the gateway was down the browser logged the failed attempts, and nothing else.
    for (const problem of [...takeProblems(alice), ...takeProblems(bob)]) {
      expect(problem).toMatch(/^WebSocket connection to 'ws:\/\/[\d.:]+\/dev' failed: /);
    }
  });
});
