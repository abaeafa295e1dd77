/**
 * What a synthesized stack deploys for a manifest, read back from its Terraform JSON only (routes,
 * their integrations' functions, route responses, each function's timeout, memory and
 * environment names), in the terms of {@link WorldView} so it compares with the gateway's.
 */
import type { Stage } from '../../src/config/environments.js';
import { createNaming } from '../../src/naming.js';
import type { WorldView } from './gateway-view.js';
import { type Block, resolveRef, resourcesOf, type TerraformJson } from './synth.js';

const unwrap = (ref: string) => /\$\{[^}]+\}/.exec(ref)?.[0] ?? ref;

/**
 * The stack's view. Physical function names are mapped back to manifest names with the stack's
 * naming helper, so `functionNames` are the manifest's keys.
 */
export function viewOfStack(json: TerraformJson, stage: Stage, functionNames: readonly string[]): WorldView {
  const naming = createNaming(stage);
  const manifestNameOf = new Map(functionNames.map((name) => [naming.name('function', name), name]));
  const nameOf = (lambda: Block) => {
    const name = manifestNameOf.get(lambda.function_name as string);
    if (!name) throw new Error(`aws_lambda_function ${String(lambda.function_name)} is no manifest function`);
    return name;
  };
  const responses = resourcesOf(json, 'aws_apigatewayv2_route_response').map(([, body]) => body.route_id);
  const routes = resourcesOf(json, 'aws_apigatewayv2_route').map(([id, route]) => {
    const integration = resolveRef(json, unwrap(route.target as string));
    // The invoke ARN names the function resource; its `arn` reference resolves to the same body.
    const lambda = resolveRef(json, (integration.integration_uri as string).replace('.invoke_arn}', '.arn}'));
    return {
      routeKey: route.route_key as string,
      functionName: nameOf(lambda),
      twoWay: responses.includes(`\${aws_apigatewayv2_route.${id}.id}`),
    };
  });
  const functions = resourcesOf(json, 'aws_lambda_function').map(([, lambda]) => {
    const variables = (lambda.environment as { variables?: Record<string, string> } | undefined)?.variables;
    return [
      nameOf(lambda),
      {
        timeoutSeconds: lambda.timeout as number,
        memoryMb: lambda.memory_size as number,
        environmentNames: Object.keys(variables ?? {}).sort(),
      },
    ] as const;
  });
  return {
    routes: routes.sort((a, b) => a.routeKey.localeCompare(b.routeKey)),
    functions: Object.fromEntries(functions),
  };
}
