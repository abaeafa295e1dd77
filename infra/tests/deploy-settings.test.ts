import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeploySettings } from '../src/config/deploy-settings.js';
import { resolveEnvironments } from '../src/config/resolve-environments.js';
import { DeployConfigError } from '../src/errors.js';

describe('readDeploySettings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infra-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const writeConfig = (content: unknown) => {
    const path = join(dir, 'deploy.config.json');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('reads nothing when there is no config file and no variable', () => {
    expect(readDeploySettings({ env: {}, infraDir: join(dir, 'none') })).toEqual({
      dev: {},
      staging: {},
      prod: {},
    });
  });

  it('reads infra/deploy.config.json', () => {
    writeConfig({
      environments: { prod: { accountIds: ['333333333333'], region: 'eu-central-1', tracing: true } },
    });
    expect(readDeploySettings({ env: {}, infraDir: dir }).prod).toEqual({
      accountIds: ['333333333333'],
      region: 'eu-central-1',
      tracing: true,
    });
  });

  it('lets SWITCHBOARD_<STAGE>_* variables win over the file, field by field', () => {
    writeConfig({
      environments: { prod: { region: 'eu-central-1', auth: { issuer: 'https://a/', audience: 'x' } } },
    });
    const settings = readDeploySettings({
      env: {
        SWITCHBOARD_PROD_ACCOUNT_IDS: '333333333333, 444444444444',
        SWITCHBOARD_PROD_JWT_ISSUER: 'https://b/',
        SWITCHBOARD_PROD_JWKS_URL: 'https://b/jwks.json',
        SWITCHBOARD_PROD_ALARM_TOPIC_ARN: 'arn:aws:sns:eu-central-1:333333333333:oncall',
      },
      infraDir: dir,
    });
    expect(settings.prod).toEqual({
      accountIds: ['333333333333', '444444444444'],
      region: 'eu-central-1',
      auth: { issuer: 'https://b/', jwksUrl: 'https://b/jwks.json', audience: 'x' },
      alarms: { notify: { topicArn: 'arn:aws:sns:eu-central-1:333333333333:oncall' } },
    });
  });

  it('reads the file SWITCHBOARD_DEPLOY_CONFIG names, and fails when it does not exist', () => {
    const path = writeConfig({ environments: { staging: { region: 'us-west-2' } } });
    expect(
      readDeploySettings({ env: { SWITCHBOARD_DEPLOY_CONFIG: path }, infraDir: '/nowhere' }).staging,
    ).toEqual({
      region: 'us-west-2',
    });
    expect(() =>
      readDeploySettings({ env: { SWITCHBOARD_DEPLOY_CONFIG: join(dir, 'missing.json') }, infraDir: dir }),
    ).toThrow(/SWITCHBOARD_DEPLOY_CONFIG names .*missing\.json, which does not exist/);
  });

  it('refuses a bad account id from a variable, naming the field', () => {
    expect(() =>
      readDeploySettings({ env: { SWITCHBOARD_STAGING_ACCOUNT_IDS: '12345' }, infraDir: join(dir, 'none') }),
    ).toThrow(
      expect.objectContaining({
        name: 'DeployConfigError',
        message: expect.stringMatching(/staging.*12 digits.*accountIds/s),
      }),
    );
  });

  it('refuses an unknown key in the file (a typo would otherwise be ignored)', () => {
    writeConfig({ environments: { prod: { acountIds: ['333333333333'] } } });
    expect(() => readDeploySettings({ env: {}, infraDir: dir })).toThrow(DeployConfigError);
    expect(() => readDeploySettings({ env: {}, infraDir: dir })).toThrow(/acountIds/);
  });

  it('refuses a JWKS URL that is not https and a file that is not JSON', () => {
    writeConfig({ environments: { dev: { auth: { jwksUrl: 'http://idp/jwks.json' } } } });
    expect(() => readDeploySettings({ env: {}, infraDir: dir })).toThrow(/https/);
    writeConfig('{ nope');
    expect(() => readDeploySettings({ env: {}, infraDir: dir })).toThrow(/is not valid JSON/);
  });
});

describe('deploy.config.example.json', () => {
  it('is a valid deploy config that configures every environment', () => {
    const settings = readDeploySettings({
      env: { SWITCHBOARD_DEPLOY_CONFIG: join(__dirname, '..', 'deploy.config.example.json') },
      infraDir: '/nowhere',
    });
    const plan = resolveEnvironments(settings);
    expect(plan.unconfigured).toEqual({});
    expect(plan.environments.prod!.production).toMatchObject({ tracing: true, ipAddressType: 'dualstack' });
  });
});
