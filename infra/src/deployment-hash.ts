import { createHash } from 'node:crypto';

/** Everything about the API that a stage only picks up through a new deployment. */
export interface ApiWiring {
  routeSelectionExpression: string;
  routes: ReadonlyArray<{
    routeKey: string;
    /** Physical name of the target function (a rename changes the integration URI). */
    functionName: string;
    twoWay: boolean;
    authorized: boolean;
  }>;
  integration: { type: string; method: string };
  authorizer?: { functionName: string; identitySources: readonly string[] };
}

/**
 * A stable hash of the wiring, for `aws_apigatewayv2_deployment.triggers`: API Gateway serves a
 * snapshot taken at deployment time, so any change to routes, integrations or the authorizer needs
 * a new deployment, and Terraform only replaces one when a trigger changes.
 * Computed from the plain configuration (not Terraform ids), so it is known at synth time and
 * only changes when the wiring does.
 */
export function hashApiWiring(wiring: ApiWiring): string {
  const normalized = {
    ...wiring,
    routes: [...wiring.routes].sort((a, b) => a.routeKey.localeCompare(b.routeKey)),
    authorizer: wiring.authorizer
      ? { ...wiring.authorizer, identitySources: [...wiring.authorizer.identitySources].sort() }
      : null,
  };
  return createHash('sha256').update(JSON.stringify(normalized)).digest('hex');
}
