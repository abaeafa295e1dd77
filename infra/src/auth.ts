import { authEnv, type Manifest } from '@switchboard/manifest';
import type { AuthConfig } from './config/environments.js';
import { ConfigError } from './errors.js';

/** The authorizer to deploy: which function, what it checks, and its per-environment settings. */
export interface AuthorizerPlan {
  functionName: string;
  identitySources: readonly string[];
  environment: Record<string, string>;
}

/**
 * Decides the `$connect` authorizer of one environment: none with `mode: 'none'`; otherwise the
 * manifest's authorizer (which must exist), with the mode and JWT settings as its environment.
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
      `environments.${stage}.auth.mode is "${auth.mode}" but the manifest declares no authorizer`,
    );
  }
  const environment: Record<string, string> = { [authEnv.mode]: auth.mode };
  for (const setting of ['jwksUrl', 'issuer', 'audience'] as const) {
    const value = auth.jwt[setting];
    if (value !== undefined) environment[authEnv[setting]] = value;
  }
  return { functionName: authorizer.function, identitySources: authorizer.identitySources, environment };
}
