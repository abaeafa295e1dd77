import {
  functionEnvironment,
  injectedVariableNames,
  resolveFunctions as interpretFunctions,
  routeTableOf,
} from '@switchboard/manifest';
import { withFunctionVariables } from '../src/function-variables.js';
import { computeFunctionEnvironment } from '../src/local-service-environment.js';
import { RouteTable } from '../src/routing/route-table.js';
import { resolveFunctions } from '../src/runtime/function-spec.js';
import { loadReferenceManifest } from './support/reference-app.js';

// The gateway's half of "one manifest, one interpretation" (issue 16): what it runs for the
// reference app is what `@switchboard/manifest` says, which is what infra deploys.
describe('the gateway runs the manifest as @switchboard/manifest interprets it', () => {
  const loaded = loadReferenceManifest({});
  const { manifest } = loaded;
  const sources = {
    connectionsEndpoint: 'http://127.0.0.1:3001/dev',
    stateMachineArns: { notify: 'arn:aws:states:us-east-1:000000000000:stateMachine:notify' },
  };
  const gatewayEnv = computeFunctionEnvironment({
    manifest,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    dynamoEndpoint: 'http://127.0.0.1:1',
    stepFunctionsEndpoint: 'http://127.0.0.1:2',
    ...sources,
  });
  // As backends.ts hands the manifest to the runtime: environmentFrom filled in for this world.
  const values = { localSigningSecret: 'the-local-signing-secret' };
  const runtimeManifest = withFunctionVariables(loaded, {
    values,
    variables: {},
    gatewayEnvironment: gatewayEnv,
    ...sources,
  });
  const running = resolveFunctions(runtimeManifest, gatewayEnv);

  it('selects every route of the route table, with its direction', () => {
    const table = new RouteTable(manifest);
    const routes = routeTableOf(manifest);
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) expect(table.get(route.routeKey)).toEqual(route);
  });

  it("gives each function the manifest's limits, Lambda's defaults where it sets none", () => {
    const interpreted = interpretFunctions(manifest);
    expect([...running.keys()]).toEqual(interpreted.map((fn) => fn.name));
    for (const fn of interpreted) {
      expect(running.get(fn.name)).toMatchObject({
        timeoutSeconds: fn.timeoutSeconds,
        memoryMb: fn.memoryMb,
      });
    }
    expect(running.get('ping')).toMatchObject({ timeoutSeconds: 3, memoryMb: 128 });
  });

  it('gives each function its environment and the injected variables, with the same names', () => {
    expect(injectedVariableNames(manifest)).toEqual([
      'CONNECTIONS_ENDPOINT',
      'STATE_MACHINE_ARN_FAN_OUT',
      'STATE_MACHINE_ARN_NOTIFY',
      'TABLE_NAME',
      'TABLE_NAME_CONNECTIONS',
    ]);
    // The authorizer verifies with the local signing secret, by the manifest's environmentFrom.
    expect(running.get('authorize')?.env.JWT_SECRET).toBe(values.localSigningSecret);
    for (const name of Object.keys(manifest.functions)) {
      expect(running.get(name)?.env).toMatchObject(
        functionEnvironment(manifest, name, { ...sources, values }),
      );
    }
  });
});
