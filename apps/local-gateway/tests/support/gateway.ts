import type { Manifest } from '@switchboard/manifest';
import type { FunctionRuntimeOptions } from '../../src/contracts.js';
import { createGateway, type GatewayAddress, type GatewayOptions } from '../../src/index.js';
import { type FakeHandler, fakeRuntime, type Invocation } from './fake-runtime.js';

export interface TestGateway {
  address: GatewayAddress;
  invocations: Invocation[];
  logs: string[];
  /** What the gateway handed to `createRuntime`. */
  runtimeOptions: FunctionRuntimeOptions;
  /** Resolves with the first invocation of `functionName` matching `predicate`. */
  waitForInvocation(functionName: string, predicate?: (i: Invocation) => boolean): Promise<Invocation>;
  close(): Promise<void>;
}

const noService = async () => ({
  endpoint: 'http://127.0.0.1:9',
  stateMachineArns: {},
  close: async () => {},
});

/**
 * A gateway on 127.0.0.1 port 0 over a small manifest whose functions are plain test functions.
 * @example
 * const gw = await startTestGateway({ functions: { echo: { routes: ['$default'] } } }, { echo: (e) => ... });
 */
export async function startTestGateway(
  manifest: Partial<Omit<Manifest, 'functions'>> & {
    functions: Record<string, Partial<Manifest['functions'][string]>>;
  },
  handlers: Record<string, FakeHandler>,
  options: Partial<GatewayOptions> = {},
): Promise<TestGateway> {
  const fake = fakeRuntime(handlers);
  const logs: string[] = [];
  const functions = Object.fromEntries(
    Object.entries(manifest.functions).map(([name, spec]) => [name, { handler: `${name}.handler`, ...spec }]),
  );
  const gateway = createGateway({
    manifest: {
      manifest: {
        routeSelectionExpression: '$request.body.action',
        tables: [],
        ...manifest,
        functions,
      },
      baseDir: __dirname,
      path: `${__dirname}/manifest.json`,
    },
    port: 0,
    createRuntime: fake.createRuntime,
    startDynamo: noService,
    startStepFunctions: noService,
    log: (line) => logs.push(line),
    ...options,
  });
  const address = await gateway.listen();
  return {
    address,
    invocations: fake.invocations,
    logs,
    runtimeOptions: fake.options()!,
    async waitForInvocation(functionName, predicate = () => true) {
      for (let i = 0; i < 200; i++) {
        const found = fake.invocations.find((inv) => inv.functionName === functionName && predicate(inv));
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no invocation of ${functionName} within 2 s`);
    },
    close: () => gateway.close(),
  };
}
