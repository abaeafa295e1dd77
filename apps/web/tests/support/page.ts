import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifactsDir } from './paths.js';

const problems = new WeakMap<Page, string[]>();

/** Pages opened by a suite, closed together afterwards. */
export class Pages {
  readonly #contexts: BrowserContext[] = [];

  constructor(readonly browser: Browser) {}

  /** Opens the demo page in a fresh browser context and waits until it is connected. */
  async open(url: string): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 860 } });
    this.#contexts.push(context);
    const page = await context.newPage();
    const reported: string[] = [];
    problems.set(page, reported);
    page.on('pageerror', (error) => reported.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') reported.push(message.text());
    });
    await page.goto(url);
    await waitForStatus(page, 'open');
    return page;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.#contexts.splice(0).map((context) => context.close()));
  }
}

/** Script errors and console errors the page reported since the last call. */
export function takeProblems(page: Page): string[] {
  return problems.get(page)?.splice(0) ?? [];
}

/** Waits for the connection indicator to show a state. */
export async function waitForStatus(page: Page, status: string, timeoutMs = 20_000): Promise<void> {
  await page.locator(`#connection[data-status="${status}"]`).waitFor({ timeout: timeoutMs });
}

/** Joins a room with the keyboard and waits until the server confirmed it. */
export async function joinRoom(page: Page, room: string): Promise<void> {
  await page.getByLabel('Room name').fill(room);
  await page.getByLabel('Room name').press('Enter');
  await page.locator(`#joined-rooms li[data-room="${room}"][data-joined="true"]`).waitFor();
}

/** Sends a message with the keyboard (Enter in the message box). */
export async function sendMessage(page: Page, room: string, text: string): Promise<void> {
  await page.getByLabel('To room').fill(room);
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByLabel('Message', { exact: true }).press('Enter');
}

/** The messages of a room as the user reads them: `from: text` per message. */
export async function visibleMessages(page: Page, room: string): Promise<string[]> {
  return page
    .locator(`#messages li[data-room="${room}"]`)
    .evaluateAll((items) =>
      items.map(
        (item) =>
          `${item.querySelector('.message-from')?.textContent}: ${item.querySelector('.message-text')?.textContent}`,
      ),
    );
}

/** Saves a full-page screenshot under test-artifacts/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}
