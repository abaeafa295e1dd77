import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { announcementPrefix, type ServerAnnouncement } from './processes/announce.js';

/** A bench server running in a child process. */
export interface ServerProcess extends ServerAnnouncement {
  pid: number;
  /** Resident set size in MB, read from /proc. */
  rssMb(): number;
  /** Threads of the process (main, workers, libuv pool, V8). */
  threads(): number;
  /** CPU time (user + system) used so far, in ms. */
  cpuMs(): number;
  /** Stops it (SIGTERM, then SIGKILL after 15 s). */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** A file in ./processes: `bare` or `gateway` (a manifest, with a suite's setup as a second argument). */
  entry: 'bare' | 'gateway';
  args?: string[];
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** @default 60000 */
  startTimeoutMs?: number;
}

/** Raised when a server child exits or stays silent before announcing itself. */
export class ServerStartError extends Error {
  override name = 'ServerStartError';
}

/** Starts a server child and waits for its announcement line. */
export async function startServerProcess(options: StartServerOptions): Promise<ServerProcess> {
  const entry = fileURLToPath(new URL(`./processes/${options.entry}.js`, import.meta.url));
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry, ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const announcement = await new Promise<ServerAnnouncement>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new ServerStartError(`${options.entry} did not start within ${options.startTimeoutMs ?? 60_000} ms`),
      );
    }, options.startTimeoutMs ?? 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith(announcementPrefix));
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(announcementPrefix.length)));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const why = stderr.trim().split('\n').slice(-6).join('\n') || `exit ${code ?? signal}`;
      reject(new ServerStartError(`${options.entry} exited before listening: ${why}`));
    });
  });
  const pid = child.pid!;
  return {
    ...announcement,
    pid,
    rssMb: () => readRssMb(pid),
    threads: () => Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]),
    cpuMs: () => readCpuMs(pid),
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function readRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 102.4) / 10;
}

function readCpuMs(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat (utime, stime) in clock ticks; the name field may hold
  // spaces, so count from the closing parenthesis.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks * 10; // USER_HZ is 100 on Linux
}

/**
 * Waits until the server has used less than `busyFraction` of one core over `windowMs` (work
 * left over from a previous run, such as $disconnect invocations), at most `maxMs`.
 */
export async function waitForIdle(
  server: ServerProcess,
  { windowMs = 300, busyFraction = 0.05, maxMs = 15_000 } = {},
): Promise<void> {
  const deadline = Date.now() + maxMs;
  let before = server.cpuMs();
  while (Date.now() < deadline) {
    await sleep(windowMs);
    const after = server.cpuMs();
    if (after - before <= windowMs * busyFraction) return;
    before = after;
  }
}
