/**
 * The V8 flags `switchboard dev` runs under. With V8's defaults the main thread's young
 * generation grows to 64-128 MB under a burst of connections and keeps it when idle: the
 * gateway sat at 470 MB after five rounds of 1,000 connections, against about 350 MB capped
 * (apps/loadgen/README.md, "Memory"), with no loss of throughput. Workers take their limits
 * from `resourceLimits` instead; the main thread's can only be set on the command line.
 */
export const gatewayNodeFlags: readonly string[] = ['--max-semi-space-size=4'];

/**
 * Set on the re-run unless the user set them. glibc gives each thread that mallocs its own
 * arena (up to 8 per core) and keeps what they free: with the gateway's 16-18 threads, idle
 * RSS still crept up 21-35 MB over rounds 2-5 of 1,000 connections; with 2 arenas, 2-12 MB,
 * at the same connect rate. Other C libraries ignore it.
 */
export const gatewayEnvironment: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** Flags that mean the user chose for themselves, or is debugging this very process. */
const respected = [/^--max-semi-space-size\b/, /^--inspect/];

/**
 * The arguments to re-run this process with (`[node, ...flags, script, ...args]`), or
 * undefined when it already has the flags, or the user set their own in `execArgv` or
 * `NODE_OPTIONS`, or is attached with `--inspect`.
 */
export function relaunchArgv(
  execPath: string,
  execArgv: readonly string[],
  argv: readonly string[],
  nodeOptions = '',
): string[] | undefined {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  if (given.some((flag) => respected.some((pattern) => pattern.test(flag)))) return undefined;
  return [execPath, ...gatewayNodeFlags, ...execArgv, ...argv.slice(1)];
}

/** `env` with {@link gatewayEnvironment}'s variables where it has none of its own. */
export function relaunchEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...gatewayEnvironment, ...env };
}

/**
 * Replaces this process with itself under {@link gatewayNodeFlags} and
 * {@link gatewayEnvironment}: same pid, same stdio and
 * signals, so scripts that started it notice nothing. Returns (and the process runs on with
 * V8's defaults) where `process.execve` is missing (Node < 22.15, Windows) or not needed.
 * Call it first thing, before any output or listener.
 */
export function relaunchWithGatewayFlags(): void {
  const argv = relaunchArgv(process.execPath, process.execArgv, process.argv, process.env.NODE_OPTIONS);
  if (!argv || typeof process.execve !== 'function') return;
  try {
    process.execve(process.execPath, argv, relaunchEnv(process.env));
  } catch {
    // ERR_FEATURE_UNAVAILABLE_ON_PLATFORM, or a worker thread: run as we are.
  }
}
