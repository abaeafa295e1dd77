import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';

/*
 * `@switchboard/local-gateway/testing/browser`: the Chromium the page tests run in, for this
 * package's inspector test and apps/web's page tests.
 */

/** Where the browser came from, for the one line the test run prints. */
export type BrowserSource = 'CHROMIUM_PATH' | 'system' | 'packaged';

export interface FoundBrowser {
  executablePath: string;
  source: BrowserSource;
}

/** Set by the global setup for the test workers: the executable it found, so each worker need not look again. */
const RESOLVED_ENV = 'SWITCHBOARD_CHROMIUM_RESOLVED';

/** Chromium and Chrome as distributions and installers put them. */
const systemCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const namesOnPath = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findSystemChromium(env: NodeJS.ProcessEnv, candidates: readonly string[]): string | undefined {
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => namesOnPath.map((name) => join(dir, name)));
  return [...candidates, ...onPath].find(isExecutable);
}

/**
 * `@sparticuz/chromium` (a devDependency) ships a headless Chromium inside the npm package; the
 * first call unpacks it to the temp folder (about 1.5 s), later calls reuse it. No apt, no
 * download at run time: a fresh machine's `pnpm install` is enough. It is an ES module, which
 * Jest's CommonJS test runtime cannot import, so a plain Node process asks it for the path.
 */
async function unpackPackagedChromium(): Promise<string> {
  const script = "import c from '@sparticuz/chromium'; process.stdout.write(await c.executablePath());";
  // From this package's folder, where @sparticuz/chromium is installed (src/testing or dist/testing).
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: join(import.meta.dirname, '..', '..'),
  });
  return stdout.trim();
}

/**
 * The browser for the page tests, in this order: `CHROMIUM_PATH`, a system Chromium or Chrome,
 * the packaged one. `SWITCHBOARD_BROWSER=packaged` forces the packaged one (CI proves that path
 * even where a system browser exists); `SWITCHBOARD_BROWSER=system` refuses the fallback.
 * Throws (never skips), so a machine without a browser fails the suite instead of passing it.
 */
export async function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = systemCandidates,
): Promise<FoundBrowser> {
  const choice = env.SWITCHBOARD_BROWSER ?? '';
  if (!['', 'packaged', 'system'].includes(choice)) {
    throw new Error(`SWITCHBOARD_BROWSER is "${choice}": expected "packaged", "system" or unset.`);
  }
  if (choice !== 'packaged') {
    if (env.CHROMIUM_PATH) {
      if (!isExecutable(env.CHROMIUM_PATH)) {
        throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which is not an executable file.`);
      }
      return { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
    }
    const system = findSystemChromium(env, candidates);
    if (system) return { executablePath: system, source: 'system' };
    if (choice === 'system') {
      throw new Error(
        'SWITCHBOARD_BROWSER=system, but no Chromium or Chrome was found ' +
          `(looked at ${candidates.join(', ')} and for ${namesOnPath.join(', ')} on PATH).`,
      );
    }
  }
  try {
    return { executablePath: await unpackPackagedChromium(), source: 'packaged' };
  } catch (cause) {
    throw new Error(
      'No browser for the web page tests: no CHROMIUM_PATH, no system Chromium, and the packaged ' +
        `@sparticuz/chromium could not be unpacked (${(cause as Error).message}). ` +
        'Run `pnpm install` again, or point CHROMIUM_PATH at a Chromium binary.',
      { cause },
    );
  }
}

/** Called once by the global setup: finds the browser and hands its path to the test workers. */
export async function resolveChromiumForWorkers(): Promise<FoundBrowser> {
  const found = await findChromium();
  process.env[RESOLVED_ENV] = found.executablePath;
  return found;
}

/** Launches the browser the global setup found, headless, with the flags this machine needs. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env[RESOLVED_ENV] ?? (await findChromium()).executablePath;
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
