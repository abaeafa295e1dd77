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
 * idle environment is terminated unless it is the last one, so a burst's extra environments (a
 * worker and its V8 heap each) do not stay resident for the rest of the session. The most
 * recently used environment is reused first, so the extra ones are those that age out.
 */
export class EnvironmentPool {
  private readonly idle: Environment[] = [];
  private readonly all = new Set<Environment>();
  private readonly queue: PendingCall[] = [];
  private readonly reclaimTimers = new Map<Environment, NodeJS.Timeout>();
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

  /** New calls get environments of the new generation; busy old ones retire when done. */
  reload(): void {
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
    for (const timer of this.reclaimTimers.values()) clearTimeout(timer);
    this.reclaimTimers.clear();
    await Promise.all([...this.all].map((environment) => environment.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const environment = this.idle.pop() ?? this.startIfRoom();
      if (!environment) return;
      this.cancelReclaim(environment);
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
      this.idle.push(environment);
      this.scheduleReclaim(environment);
    }
    this.pump();
  }

  private retire(environment: Environment): void {
    this.cancelReclaim(environment);
    this.all.delete(environment);
    void environment.terminate();
  }

  private scheduleReclaim(environment: Environment): void {
    this.cancelReclaim(environment);
    const timer = setTimeout(() => {
      this.reclaimTimers.delete(environment);
      const index = this.idle.indexOf(environment);
      // Still idle, and not the last one: a function keeps one warm environment.
      if (index < 0 || this.all.size <= 1) return;
      this.idle.splice(index, 1);
      this.retire(environment);
    }, this.options.reclaimIdleMs);
    // An idle environment must not keep the gateway's process alive.
    timer.unref();
    this.reclaimTimers.set(environment, timer);
  }

  private cancelReclaim(environment: Environment): void {
    const timer = this.reclaimTimers.get(environment);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.reclaimTimers.delete(environment);
  }

  private forget(environment: Environment): void {
    this.cancelReclaim(environment);
    this.all.delete(environment);
    const index = this.idle.indexOf(environment);
    if (index >= 0) this.idle.splice(index, 1);
    // A slot came free: a queued call may start a replacement environment.
    this.pump();
  }
}
