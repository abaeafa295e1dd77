import type { Manifest } from '@switchboard/handlers/manifest';
import type { AuthConfig } from './config/environments.js';
import { ConfigError } from './errors.js';

/** Environment names through which the authorizer function receives the JWT settings. */
export const jwtEnvironmentNames = { issuer: 'JWT_ISSUER', audience: 'JWT_AUDIENCE' } as const;

/** The authorizer to deploy: which function, what it checks, and its per-environment settings. */
export interface AuthorizerPlan {
  functionName: string;
  identitySources: readonly string[];
  environment: Record<string, string>;
}

/**
 * Decides the `$connect` authorizer of one environment. With `mode: 'lambda'` the manifest must
 * declare an authorizer, and its function must declare the JWT environment names (with the local
 * defaults) in its manifest `environment`: a name the handler never reads would be a setting that
 * silently does nothing in AWS.
 */
export function planAuthorizer(
  manifest: Manifest,
  auth: AuthConfig,
  stage: string,
): AuthorizerPlan | undefined {
  if (auth.mode === 'none') return undefined;
  const authorizer = manifest.authorizer;
  if (!authorizer) {
    throw new ConfigError(
      `environments.${stage}.auth.mode is "lambda" but the manifest declares no authorizer`,
    );
  }
  const declared = manifest.functions[authorizer.function]?.environment ?? {};
  const environment: Record<string, string> = {};
  for (const [setting, name] of Object.entries(jwtEnvironmentNames)) {
    if (!(name in declared)) {
      throw new ConfigError(
        `environments.${stage}.auth.jwt.${setting}: the authorizer function "${authorizer.function}" ` +
          `does not declare ${name} in its manifest environment`,
      );
    }
    environment[name] = auth.jwt[setting as keyof typeof jwtEnvironmentNames];
  }
  return { functionName: authorizer.function, identitySources: authorizer.identitySources, environment };
}
