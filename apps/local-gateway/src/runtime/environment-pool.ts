import type { InvocationResult } from '../contracts.js';
import { type Environment, startEnvironment } from './environment.js';
import type { FunctionLogSink } from './function-logs.js';
import type { ResolvedFunction } from './function-spec.js';

interface PendingCall {
  eventJson: string;
  awsRequestId: string;
  resolve(result: InvocationResult): void;
}

export interface EnvironmentPoolOptions {
  /** Replaced by {@link EnvironmentPool.reload} when the manifest changes the function. */
  fn: ResolvedFunction;
  maxEnvironments: number;
  /** An idle environment beyond the pool's first is terminated after this long unused. */
  reclaimIdleMs: number;
  bootstrapPath: string;
  logSink: FunctionLogSink;
}

/**
 * The environments of one function, as Lambda keeps them: a warm one is reused, one call at a
 * time each; overlapping calls start more up to `maxEnvironments`, then wait in order. A call is
 * handed to exactly one environment, so a crash or timeout fails that call only, never a queued
 * one, and nothing runs twice.
 *
 * Like Lambda, the pool reclaims environments that stay idle: after `reclaimIdleMs` unused, an
 * idle environment is terminated (within half that time again) unless it is the last one, so a burst's extra environments (a
 * worker and its V8 heap each) do not stay resident for the rest of the session. The most
 * recently used environment is reused first, so the extra ones are those that age out.
 */
export class EnvironmentPool {
  private readonly idle: Environment[] = [];
  private readonly all = new Set<Environment>();
  private readonly queue: PendingCall[] = [];
  /** When each idle environment went idle (performance.now()); `idle` is in the same order. */
  private readonly idleSince = new Map<Environment, number>();
  private sweeper: NodeJS.Timeout | undefined;
  private generation = 0;
  private closed = false;

  constructor(private readonly options: EnvironmentPoolOptions) {}

  /** Environments alive right now (busy or idle). */
  get size(): number {
    return this.all.size;
  }

  invoke(eventJson: string, awsRequestId: string): Promise<InvocationResult> {
    return new Promise((resolve) => {
      this.queue.push({ eventJson, awsRequestId, resolve });
      this.pump();
    });
  }

  /**
   * New calls get environments of a new generation (of `fn` when given: a changed environment,
   * timeout or memory), busy old ones finish their call on the old code and then retire. A pool
   * that had environments starts one of the new generation at once, so the first call after a
   * rebuild does not wait for the bundle's import.
   */
  reload(fn?: ResolvedFunction): void {
    if (fn) this.options.fn = fn;
    const wasWarm = this.all.size > 0;
    this.generation++;
    for (const environment of this.idle.splice(0)) this.retire(environment);
    this.pump();
    if (wasWarm && !this.closed && this.queue.length === 0) {
      const environment = this.startIfRoom();
      if (environment) this.makeIdle(environment);
    }
  }

  /**
   * The function left the manifest: idle environments go now, busy ones after their call, and
   * calls already queued still run. Nothing starts ahead of a call any more.
   */
  drain(): void {
    this.generation++;
    for (const environment of this.idle.splice(0)) this.retire(environment);
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    const crash = {
      kind: 'crash',
      errorType: 'Runtime.ExitError',
      message: 'The gateway is shutting down',
    } as const;
    for (const call of this.queue.splice(0)) call.resolve({ ok: false, error: crash, durationMs: 0 });
    clearInterval(this.sweeper);
    this.idleSince.clear();
    await Promise.all([...this.all].map((environment) => environment.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const environment = this.idle.pop() ?? this.startIfRoom();
      if (!environment) return;
      this.idleSince.delete(environment);
      const call = this.queue.shift()!;
      void this.run(environment, call);
    }
  }

  private startIfRoom(): Environment | undefined {
    if (this.all.size >= this.options.maxEnvironments) return undefined;
    const environment = startEnvironment({
      fn: this.options.fn,
      generation: this.generation,
      bootstrapPath: this.options.bootstrapPath,
      logSink: this.options.logSink,
      onExit: (gone) => this.forget(gone),
    });
    this.all.add(environment);
    return environment;
  }

  private async run(environment: Environment, call: PendingCall): Promise<void> {
    const result = await environment.invoke(call.eventJson, call.awsRequestId);
    call.resolve(result);
    if (!environment.alive) return; // condemned: forget() runs on its exit and pumps
    if (this.closed || environment.generation !== this.generation) {
      this.retire(environment);
    } else {
      this.makeIdle(environment);
    }
    this.pump();
  }

  private makeIdle(environment: Environment): void {
    this.idle.push(environment);
    this.idleSince.set(environment, performance.now());
    this.startSweeper();
  }

  private retire(environment: Environment): void {
    this.idleSince.delete(environment);
    this.all.delete(environment);
    void environment.terminate();
  }

  // One sweep timer per pool rather than a timer per idle period: invocations only stamp a time.
  private startSweeper(): void {
    if (this.sweeper || this.all.size <= 1) return;
    const periodMs = Math.max(10, Math.min(this.options.reclaimIdleMs / 2, 60_000));
    this.sweeper = setInterval(() => this.sweep(), periodMs);
    // Idle environments must not keep the gateway's process alive.
    this.sweeper.unref();
  }

  private sweep(): void {
    const now = performance.now();
    // `idle` is a stack: its bottom has been idle longest. A function keeps one environment.
    while (this.idle.length > 0 && this.all.size > 1) {
      const oldest = this.idle[0]!;
      if (now - (this.idleSince.get(oldest) ?? now) < this.options.reclaimIdleMs) break;
      this.idle.shift();
      this.retire(oldest);
    }
    if (this.all.size <= 1) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  private forget(environment: Environment): void {
    this.idleSince.delete(environment);
    this.all.delete(environment);
    const index = this.idle.indexOf(environment);
    if (index >= 0) this.idle.splice(index, 1);
    // A slot came free: a queued call may start a replacement environment.
    this.pump();
  }
}
