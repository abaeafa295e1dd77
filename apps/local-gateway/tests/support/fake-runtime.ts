import type { FunctionRuntime, FunctionRuntimeOptions, InvocationResult } from '../../src/contracts.js';

// biome-ignore lint/suspicious/noExplicitAny: test handlers read whatever event they get, as Lambda handlers do.
export type FakeHandler = (event: any, context: { awsRequestId: string }) => unknown;

export interface Invocation {
  functionName: string;
  // biome-ignore lint/suspicious/noExplicitAny: events are asserted field by field.
  event: any;
}

/**
 * An in-process {@link FunctionRuntime} over plain functions: a test double for local functions
 * in tests about the gateway's own behaviour. Events go through JSON as they do to Lambda.
 */
export function fakeRuntime(handlers: Record<string, FakeHandler>) {
  const invocations: Invocation[] = [];
  let received: FunctionRuntimeOptions | undefined;
  const createRuntime = (options: FunctionRuntimeOptions): FunctionRuntime => {
    received = options;
    return {
      async invoke(functionName, event, context): Promise<InvocationResult> {
        const started = performance.now();
        const copy = JSON.parse(JSON.stringify(event ?? null));
        invocations.push({ functionName, event: copy });
        const handler = handlers[functionName];
        if (!handler) throw new Error(`no fake handler "${functionName}"`);
        try {
          const value = await handler(copy, { awsRequestId: context?.awsRequestId ?? 'fake' });
          return {
            ok: true,
            value: value === undefined ? null : value,
            durationMs: performance.now() - started,
          };
        } catch (error) {
          const e = error as Error;
          return {
            ok: false,
            error: { kind: 'error', errorType: e.name, message: e.message },
            durationMs: performance.now() - started,
          };
        }
      },
      reload() {},
      async close() {},
    };
  };
  return { createRuntime, invocations, options: () => received };
}
