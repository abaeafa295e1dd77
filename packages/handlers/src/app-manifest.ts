/**
 * The reference application's manifest: the one typed module the build serialises to
 * `dist/manifest.json` (validated with `parseManifest`). Routes and permissions come from
 * `app-functions.ts`, the table from the connection store, the workflow from its builder.
 */
import { connectionTable } from '@switchboard/connection-store';
import { conventionalBundle, type FunctionSpec, type Manifest } from '@switchboard/manifest';
import { type AppFunction, appFunctionNames, appFunctions } from './app-functions.js';
import { buildFanOutWorkflow } from './workflow/fan-out-workflow.js';
import { buildNotifyWorkflow } from './workflow/notify-workflow.js';

/** The manifest of the reference application. */
export function buildAppManifest(): Manifest {
  const functions: Record<string, FunctionSpec> = {};
  for (const name of appFunctionNames) {
    const fn: AppFunction = appFunctions[name];
    const spec: FunctionSpec = {
      handler: conventionalBundle(name).handler,
      permissions: [...fn.permissions],
    };
    if (fn.routes) spec.routes = [...fn.routes];
    if (fn.routeResponse) spec.routeResponse = true;
    if (fn.timeoutSeconds) spec.timeoutSeconds = fn.timeoutSeconds;
    if (fn.memoryMb) spec.memoryMb = fn.memoryMb;
    if (fn.environment) spec.environment = { ...fn.environment };
    if (fn.environmentFrom) spec.environmentFrom = { ...fn.environmentFrom };
    functions[name] = spec;
  }
  return {
    routeSelectionExpression: '$request.body.action',
    // No identity sources: API Gateway answers 401 without calling the authorizer when one is
    // missing, which would lock guests out under AUTH_MODE=optional. The authorizer itself
    // reads `?token=` or `Authorization` (see README, "Authorizer and identity sources").
    authorizer: { function: 'authorize', identitySources: [] },
    tables: [{ ...connectionTable }],
    stateMachines: {
      notify: { definition: buildNotifyWorkflow() },
      // Express: a broadcast is short and frequent (see docs/fan-out.md).
      fanOut: { definition: buildFanOutWorkflow(), type: 'EXPRESS' },
    },
    functions,
  };
}
