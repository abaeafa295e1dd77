/** Deploy settings for tests: every environment configured, with made-up accounts and a real-looking IdP. */
import type { DeploySettings } from '../../src/config/deploy-settings.js';
import type { EnvConfig, Stage } from '../../src/config/environments.js';
import { resolveEnvironments } from '../../src/config/resolve-environments.js';

export const testAccounts = { dev: '111111111111', staging: '222222222222', prod: '333333333333' } as const;

/** Each environment in its own account, with an issuer and JWKS URL. */
export const configuredSettings: DeploySettings = Object.fromEntries(
  (['dev', 'staging', 'prod'] as const).map((stage) => [
    stage,
    {
      accountIds: [testAccounts[stage]],
      region: 'eu-west-1',
      auth: {
        issuer: `https://idp.test/${stage}/`,
        jwksUrl: `https://idp.test/${stage}/.well-known/jwks.json`,
        audience: `switchboard-${stage}`,
      },
    },
  ]),
);

/** The resolved environments of `configuredSettings`: what most tests synthesize. */
export const testEnvironments = resolveEnvironments(configuredSettings).environments as Record<
  Stage,
  EnvConfig
>;

/** The `terraform.backend` block a stack of `testEnvironments` synthesizes. */
export function expectedBackend(stage: Stage) {
  if (stage === 'dev') return { local: { path: '../../../terraform.dev.tfstate' } };
  return {
    s3: {
      bucket: `switchboard-tfstate-${testAccounts[stage]}-eu-west-1`,
      key: `switchboard/${stage}.tfstate`,
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    },
  };
}
