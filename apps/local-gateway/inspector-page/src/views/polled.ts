/**
 * Views whose data is not in the pushed snapshot (DynamoDB items, executions, the bill) fetch
 * it while open: at once, then at most once per `everyMs` when snapshots say something changed.
 */
export function pollWhileOpen(
  load: () => Promise<void>,
  everyMs = 1000,
): { update(): void; dispose(): void } {
  let last = 0;
  let running = false;
  let disposed = false;
  const run = async () => {
    if (running || disposed) return;
    running = true;
    last = Date.now();
    try {
      await load();
    } finally {
      running = false;
    }
  };
  void run();
  return {
    update() {
      if (Date.now() - last >= everyMs) void run();
    },
    dispose() {
      disposed = true;
    },
  };
}
