import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  authEnv,
  type FunctionSpec,
  injectedVariableNames,
  lambdaDefaults,
  loadManifest,
} from '@switchboard/manifest';
import { type EnvConfig, stages } from '../src/config/environments.js';
import { defaultManifestPath } from '../src/manifest-source.js';
import { testEnvironments } from './support/environments.js';
import { type GatewayView, viewThroughGateway, type WorldView } from './support/gateway-view.js';
import { viewOfStack } from './support/stack-view.js';
import { synthStack } from './support/synth.js';

// Issue 16: one manifest, one interpretation. The reference app's routes, limits and environment
// names, read through the local gateway's own code path and from infra's synthesized stacks, are
// the same; where a world adds something of its own, the list of it is written here and checked.

/**
 * What the gateway gives every function for the local services it runs in AWS's place. On Lambda
 * the runtime sets the region and credentials itself and the SDK finds the real endpoints
 * unaided; NODE_EXTRA_CA_CERTS makes functions trust the gateway's self-signed HTTPS listener.
 */
const localServiceNames = [
  'AWS_ACCESS_KEY_ID',
  'AWS_DEFAULT_REGION',
  'AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ENDPOINT_URL_SFN',
  'AWS_REGION',
  'AWS_SECRET_ACCESS_KEY',
  'NODE_EXTRA_CA_CERTS',
];
/**
 * What the gateway sets per function as Lambda's runtime does in every environment (Lambda sets
 * them itself, so infra does not), plus AWS_LAMBDA_FUNCTION_TIMEOUT, the gateway's own.
 */
const lambdaRuntimeNames = [
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_TIMEOUT',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'LAMBDA_TASK_ROOT',
  'TZ',
  '_HANDLER',
];
const localOnlyNames = new Set([...localServiceNames, ...lambdaRuntimeNames]);

/**
 * A function's `environmentFrom` variables: the world supplies their values, and infra supplies
 * none (no `values` in its sources), so they are set locally (the gateway's signing secret) and
 * unset when deployed, where the authorizer reads its keys from its stage's auth settings.
 */
const worldSuppliedNames = (spec: FunctionSpec) => Object.keys(spec.environmentFrom ?? {});

/** What a stage deploys on the authorizer only: its auth settings (infra's `planAuthorizer`). */
function stageAuthNames(config: EnvConfig): string[] {
  if (config.auth.mode === 'none') return [];
  const jwt = config.auth.jwt as Partial<Record<'jwksUrl' | 'issuer' | 'audience', string>>;
  const settings = (['jwksUrl', 'issuer', 'audience'] as const).filter((key) => jwt[key] !== undefined);
  return [authEnv.mode, ...settings.map((key) => authEnv[key])];
}

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();
const realManifestPath = defaultManifestPath(join(__dirname, '..'));
const built = existsSync(realManifestPath);

(built ? describe : describe.skip)(
  built
    ? 'the reference app through the local gateway and through infra'
    : `the reference app through the local gateway and through infra (skipped: ${realManifestPath} is not built)`,
  () => {
    const loaded = built ? loadManifest(realManifestPath) : undefined!;
    const functionNames = built ? Object.keys(loaded.manifest.functions) : [];
    const viewOf = (stage: (typeof stages)[number], config: EnvConfig) =>
      viewOfStack(synthStack(stage, loaded, config), stage, functionNames);
    // Each stage synthesized once with its test settings (dev's routes also seed the gateway's).
    const views = new Map<string, WorldView>();
    const stackOf = (stage: (typeof stages)[number]) => {
      if (!views.has(stage)) views.set(stage, viewOf(stage, testEnvironments[stage]));
      return views.get(stage)!;
    };
    let gateway: GatewayView;

    beforeAll(async () => {
      // Every route key infra deploys and the manifest lists, and one nobody serves ($default's).
      const routeKeys = [
        ...stackOf('dev').routes.map((r) => r.routeKey),
        ...Object.values(loaded.manifest.functions).flatMap((fn) => fn.routes ?? []),
      ];
      gateway = await viewThroughGateway(loaded, sorted([...routeKeys, 'no-such-route']));
    }, 60_000);

    it('the gateway adds exactly the local-only names to the manifest-derived ones', () => {
      expect(gateway.sharedEnvironmentNames).toEqual(
        sorted([...injectedVariableNames(loaded.manifest), ...localServiceNames]),
      );
      for (const name of functionNames) {
        const spec = loaded.manifest.functions[name]!;
        const own = [...Object.keys(spec.environment ?? {}), ...worldSuppliedNames(spec)];
        const added = gateway.functions[name]!.environmentNames.filter(
          (variable) => !own.includes(variable) && !gateway.sharedEnvironmentNames.includes(variable),
        );
        expect({ name, added }).toEqual({ name, added: sorted(lambdaRuntimeNames) });
      }
    });

    describe.each(stages)('the %s stack', (stage) => {
      const config = testEnvironments[stage];

      it("deploys the gateway's routes, limits and environment names", () => {
        const expected: WorldView = {
          routes: gateway.routes,
          functions: Object.fromEntries(
            Object.entries(gateway.functions).map(([name, fn]) => [
              name,
              {
                timeoutSeconds: fn.timeoutSeconds,
                // The one deliberate difference: a stage defaults memory itself (lambda.defaultMemoryMb).
                memoryMb: loaded.manifest.functions[name]!.memoryMb ?? config.lambda.defaultMemoryMb,
                environmentNames: sorted([
                  ...fn.environmentNames.filter(
                    (variable) =>
                      !localOnlyNames.has(variable) &&
                      !worldSuppliedNames(loaded.manifest.functions[name]!).includes(variable),
                  ),
                  ...(name === loaded.manifest.authorizer?.function ? stageAuthNames(config) : []),
                ]),
              },
            ]),
          ),
        };
        expect(stackOf(stage)).toEqual(expected);
      });
    });

    it("deploys the gateway's memory where a stage leaves the default to Lambda's", () => {
      const dev = testEnvironments.dev;
      const stack = viewOf('dev', {
        ...dev,
        lambda: { ...dev.lambda, defaultMemoryMb: lambdaDefaults.memoryMb },
      });
      const memoryOf = (view: WorldView) =>
        Object.fromEntries(Object.entries(view.functions).map(([name, fn]) => [name, fn.memoryMb]));
      expect(memoryOf(stack)).toEqual(memoryOf(gateway));
    });

    it('reads a real view on both sides (not two empty ones)', () => {
      expect(gateway.routes.map((r) => r.routeKey)).toEqual(
        expect.arrayContaining(['$connect', '$default', 'ping']),
      );
      expect(gateway.routes.find((r) => r.routeKey === 'ping')?.twoWay).toBe(true);
      expect(Object.keys(gateway.functions).sort()).toEqual([...functionNames].sort());
    });
  },
);
