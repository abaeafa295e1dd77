/** What a bench server child prints on one stdout line once it listens. */
export interface ServerAnnouncement {
  webSocketUrl: string;
  connectionsEndpoint?: string;
}

/** The line prefix the parent waits for. */
export const announcementPrefix = 'BENCH-SERVER ';

export function announce(announcement: ServerAnnouncement): void {
  process.stdout.write(`${announcementPrefix}${JSON.stringify(announcement)}\n`);
}

/**
 * Stops cleanly on SIGTERM/SIGINT and exits, so that `--cpu-prof` writes its profile (a
 * process killed by a signal writes none).
 */
export function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 10_000);
    stop().then(
      () => {
        clearTimeout(force);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
