import { environmentDefaults, stages } from '../src/config/environments.js';
import { resolveEnvironments } from '../src/config/resolve-environments.js';
import { configuredSettings, testAccounts } from './support/environments.js';
import { synthStack } from './support/synth.js';

describe('resolveEnvironments on a fresh clone (no deploy settings)', () => {
  const plan = resolveEnvironments({});

  it('synthesizes dev and its bootstrap stack only', () => {
    expect(Object.keys(plan.environments)).toEqual(['dev']);
    expect(plan.bootstraps).toEqual([
      { stackId: 'bootstrap-eu-west-1', region: 'eu-west-1', accountIds: [] },
    ]);
    expect(plan.bootstrapOf).toEqual({ dev: 'bootstrap-eu-west-1' });
  });

  it('leaves staging and prod out with one line each naming every missing variable', () => {
    for (const stage of ['staging', 'prod'] as const) {
      const upper = stage.toUpperCase();
      expect(plan.unconfigured[stage]).toBe(
        `${stage} is not configured, so it is not synthesized: set SWITCHBOARD_${upper}_ACCOUNT_IDS, ` +
          `SWITCHBOARD_${upper}_REGION, SWITCHBOARD_${upper}_JWT_ISSUER, SWITCHBOARD_${upper}_JWKS_URL ` +
          `(or accountIds, region, auth.issuer, auth.jwksUrl under environments.${stage} in infra/deploy.config.json)`,
      );
      expect(plan.notices).toContainEqual({ stage, line: plan.unconfigured[stage] });
    }
    for (const { line } of plan.notices) expect(line).not.toContain('\n');
  });

  it('runs dev in guest mode, in the default Region, with no account guard, and says so', () => {
    expect(plan.environments.dev).toMatchObject({
      region: 'eu-west-1',
      accountIds: [],
      auth: { mode: 'none' },
    });
    expect(plan.notices.find((n) => n.stage === 'dev')?.line).toBe(
      'dev runs with Region eu-west-1 (the default; set SWITCHBOARD_DEV_REGION), no account guard ' +
        '(set SWITCHBOARD_DEV_ACCOUNT_IDS), guest mode, no authorizer (set SWITCHBOARD_DEV_JWT_ISSUER and SWITCHBOARD_DEV_JWKS_URL)',
    );
  });

  it('gives dev local state', () => {
    expect(plan.environments.dev!.state).toEqual({ kind: 'local' });
  });
});

describe('resolveEnvironments with every environment configured', () => {
  const plan = resolveEnvironments(configuredSettings);

  it('synthesizes all three, each with its own account guard and bootstrap stack', () => {
    expect(Object.keys(plan.environments)).toEqual([...stages]);
    expect(plan.unconfigured).toEqual({});
    for (const stage of stages) {
      expect(plan.environments[stage]!.accountIds).toEqual([testAccounts[stage]]);
      expect(plan.bootstrapOf[stage]).toBe(`bootstrap-${testAccounts[stage]}-eu-west-1`);
    }
    expect(plan.notices).toEqual([]);
  });

  it("turns each environment's authorizer on with its issuer and JWKS URL (optional in dev, required elsewhere)", () => {
    expect(plan.environments.dev!.auth).toEqual({
      mode: 'optional',
      jwt: {
        issuer: 'https://idp.test/dev/',
        jwksUrl: 'https://idp.test/dev/.well-known/jwks.json',
        audience: 'switchboard-dev',
      },
    });
    expect(plan.environments.prod!.auth).toMatchObject({
      mode: 'required',
      jwt: { issuer: 'https://idp.test/prod/' },
    });
  });

  it('keeps staging and prod state in their bootstrap bucket, one key each', () => {
    expect(plan.environments.staging!.state).toEqual({
      kind: 's3',
      bucket: 'switchboard-tfstate-222222222222-eu-west-1',
      key: 'switchboard/staging.tfstate',
      region: 'eu-west-1',
    });
    expect(plan.environments.prod!.state).toMatchObject({ key: 'switchboard/prod.tfstate' });
  });
});

describe('resolveEnvironments, partly configured', () => {
  it('names only what is still missing', () => {
    const plan = resolveEnvironments({
      prod: { accountIds: ['333333333333'], region: 'us-east-1', auth: { issuer: 'https://idp.test/' } },
    });
    expect(plan.unconfigured.prod).toBe(
      'prod is not configured, so it is not synthesized: set SWITCHBOARD_PROD_JWKS_URL ' +
        '(or auth.jwksUrl under environments.prod in infra/deploy.config.json)',
    );
  });

  it('shares one bootstrap stack between environments in the same account and Region', () => {
    const shared = { accountIds: ['444444444444'], region: 'eu-west-1' };
    const auth = { issuer: 'https://idp.test/', jwksUrl: 'https://idp.test/jwks.json' };
    const plan = resolveEnvironments({ staging: { ...shared, auth }, prod: { ...shared, auth } });
    expect(plan.bootstraps.map((b) => b.stackId)).toEqual([
      'bootstrap-eu-west-1',
      'bootstrap-444444444444-eu-west-1',
    ]);
    expect(plan.bootstrapOf.staging).toBe(plan.bootstrapOf.prod);
  });

  it('merges alarm thresholds over the defaults', () => {
    const plan = resolveEnvironments({ dev: { alarms: { thresholds: { apiClientErrors: 7 } } } });
    expect(plan.environments.dev!.alarms.thresholds).toEqual({
      ...environmentDefaults.dev.alarms.thresholds,
      apiClientErrors: 7,
    });
  });
});

describe('no placeholder auth', () => {
  it('the environments table holds no identity provider at all', () => {
    expect(JSON.stringify(environmentDefaults)).not.toMatch(/example|jwks|issuer/i);
  });

  it('an unconfigured dev deploys no authorizer and no JWT settings', () => {
    const json = synthStack('dev', undefined, resolveEnvironments({}).environments.dev);
    expect(json.resource.aws_apigatewayv2_authorizer).toBeUndefined();
    expect(JSON.stringify(json)).not.toMatch(/JWKS_URL|JWT_ISSUER|switchboard\.example/);
  });
});
