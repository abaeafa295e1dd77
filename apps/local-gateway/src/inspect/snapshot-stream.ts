import type { ServerResponse } from 'node:http';

// Coalesce bursts: at most one snapshot per interval, whatever the traffic.
const PUSH_INTERVAL_MS = 250;
// Pushed even when nothing changed, so charts move on and proxies keep the stream open.
const IDLE_PUSH_MS = 2000;

/**
 * Server-sent events of inspector snapshots. Nothing is built or subscribed while nobody
 * watches: the first viewer subscribes to changes, the last one leaving unsubscribes.
 */
export class SnapshotStream {
  readonly #viewers = new Set<ServerResponse>();
  #pending: NodeJS.Timeout | undefined;
  #idle: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly subscribe: (onChange: () => void) => () => void,
    private readonly build: () => unknown,
  ) {}

  get viewers(): number {
    return this.#viewers.size;
  }

  add(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    this.#viewers.add(res);
    res.on('close', () => this.#remove(res));
    if (!this.#unsubscribe) {
      this.#unsubscribe = this.subscribe(() => this.#schedule());
      this.#idle = setInterval(() => this.#push(), IDLE_PUSH_MS);
    }
    this.#write(res, JSON.stringify(this.build()));
  }

  close(): void {
    for (const res of this.#viewers) res.end();
    this.#viewers.clear();
    this.#stop();
  }

  #remove(res: ServerResponse): void {
    this.#viewers.delete(res);
    if (this.#viewers.size === 0) this.#stop();
  }

  #stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearTimeout(this.#pending);
    clearInterval(this.#idle);
    this.#pending = undefined;
  }

  #schedule(): void {
    this.#pending ??= setTimeout(() => {
      this.#pending = undefined;
      this.#push();
    }, PUSH_INTERVAL_MS);
  }

  #push(): void {
    if (this.#viewers.size === 0) return;
    const data = JSON.stringify(this.build());
    for (const res of this.#viewers) this.#write(res, data);
  }

  #write(res: ServerResponse, data: string): void {
    res.write(`event: snapshot\ndata: ${data}\n\n`);
  }
}
