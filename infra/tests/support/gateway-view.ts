/**
 * What the local gateway runs for a manifest, read through its own code path: `createGateway` on
 * port 0 with its real DynamoDB and Step Functions, real WebSocket frames for route selection,
 * and, behind the `createRuntime` seam, exactly what its default runtime resolves first
 * (`resolveLocalFunctions`: each function's limits and environment). Only the functions' code is
 * replaced, by a recorder that answers every route with a body, so two-way routes show.
 */
import type { FunctionRuntime, InvocationResult, ResolvedFunction } from '@switchboard/local-gateway';
import { createGateway, resolveLocalFunctions } from '@switchboard/local-gateway';
import { openTestClient } from '@switchboard/local-gateway/testing';
import type { LoadedManifest } from '@switchboard/manifest';

/** One world's reading of a manifest, in the terms both can be compared in. */
export interface WorldView {
  /** Sorted by route key. */
  routes: { routeKey: string; functionName: string; twoWay: boolean }[];
  /** By manifest function name. */
  functions: Record<string, { timeoutSeconds: number; memoryMb: number; environmentNames: string[] }>;
}

export interface GatewayView extends WorldView {
  /** The variables the gateway gives every function on top of the manifest's (`GatewayAddress`). */
  sharedEnvironmentNames: string[];
}

interface Invocation {
  functionName: string;
  routeKey: string | undefined;
  authorizer: boolean;
}

const replyTo = (routeKey: string) => `reply:${routeKey}`;

/** A runtime whose functions record their event and answer `reply:<route key>` (authorizers allow). */
function recordingRuntime(onInvoke: (invocation: Invocation) => void): FunctionRuntime {
  return {
    async invoke(functionName, event): Promise<InvocationResult> {
      const e = event as { methodArn?: string; requestContext?: { routeKey?: string } };
      const routeKey = e.requestContext?.routeKey;
      const authorizer = typeof e.methodArn === 'string';
      onInvoke({ functionName, routeKey, authorizer });
      const value = authorizer
        ? {
            principalId: 'equality-test',
            policyDocument: {
              Version: '2012-10-17',
              Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: e.methodArn }],
            },
          }
        : { statusCode: 200, body: replyTo(routeKey ?? '') };
      return { ok: true, value, durationMs: 0 };
    },
    reload() {},
    async close() {},
  };
}

/**
 * Starts a gateway for `loaded`, connects, sends one frame per candidate action (one at a time),
 * disconnects, and reports which routes were invoked, which answered, and what each function was
 * started with. Actions the manifest does not serve fall to `$default`, so a route the gateway
 * lacks shows as missing, not as present.
 */
export async function viewThroughGateway(
  loaded: LoadedManifest,
  actions: readonly string[],
): Promise<GatewayView> {
  if (loaded.manifest.routeSelectionExpression !== '$request.body.action') {
    throw new Error('viewThroughGateway sends {"action": key} frames: it needs $request.body.action');
  }
  const invocations: Invocation[] = [];
  let waiter: (() => void) | undefined;
  let started: Map<string, ResolvedFunction> | undefined;
  const gateway = createGateway({
    manifest: loaded,
    port: 0,
    inspector: false,
    createRuntime: (options) => {
      // The default runtime's first step (createFunctionRuntime): what each environment starts with.
      started = resolveLocalFunctions(options.loaded, options.environment);
      return recordingRuntime((invocation) => {
        invocations.push(invocation);
        waiter?.();
      });
    },
  });
  const nextInvocation = () => new Promise<void>((resolve) => (waiter = resolve));
  const address = await gateway.listen();
  try {
    const client = await openTestClient(address.webSocketUrl);
    for (const action of actions) {
      const invoked = nextInvocation();
      client.send({ action });
      await invoked;
      // A two-way reply is written right after the invocation resolves: let it go out before the
      // next frame, so every reply is on the socket before the close below.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const disconnected = nextInvocation();
    client.ws.close();
    await client.closed;
    await disconnected;
    const routes = new Map<string, { routeKey: string; functionName: string; twoWay: boolean }>();
    for (const { routeKey, functionName, authorizer } of invocations) {
      if (authorizer || routeKey === undefined) continue;
      const twoWay = client.frames.some((frame) => frame.text === replyTo(routeKey));
      routes.set(routeKey, { routeKey, functionName, twoWay });
    }
    if (!started) throw new Error('the gateway started no function runtime');
    return {
      routes: [...routes.values()].sort((a, b) => a.routeKey.localeCompare(b.routeKey)),
      functions: Object.fromEntries(
        [...started.values()].map((fn) => [
          fn.functionName,
          {
            timeoutSeconds: fn.timeoutSeconds,
            memoryMb: fn.memoryMb,
            environmentNames: Object.keys(fn.env).sort(),
          },
        ]),
      ),
      sharedEnvironmentNames: Object.keys(address.functionEnvironment).sort(),
    };
  } finally {
    await gateway.close();
  }
}
