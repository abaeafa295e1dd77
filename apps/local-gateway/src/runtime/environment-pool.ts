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
  bootstrapPath: string;
  logSink: FunctionLogSink;
}

/**
 * The environments of one function, as Lambda keeps them: a warm one is reused, one call at a
 * time each; overlapping calls start more up to `maxEnvironments`, then wait in order. A call is
 * handed to exactly one environment, so a crash or timeout fails that call only, never a queued
 * one, and nothing runs twice.
 */
export class EnvironmentPool {
  private readonly idle: Environment[] = [];
  private readonly all = new Set<Environment>();
  private readonly queue: PendingCall[] = [];
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
    for (const environment of this.idle.splice(0)) void environment.terminate();
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
    await Promise.all([...this.all].map((environment) => environment.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const environment = this.idle.pop() ?? this.startIfRoom();
      if (!environment) return;
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
      this.all.delete(environment);
      void environment.terminate();
    } else {
      this.idle.push(environment);
    }
    this.pump();
  }

  private forget(environment: Environment): void {
    this.all.delete(environment);
    const index = this.idle.indexOf(environment);
    if (index >= 0) this.idle.splice(index, 1);
    // A slot came free: a queued call may start a replacement environment.
    this.pump();
  }
}
