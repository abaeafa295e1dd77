import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest } from '@switchboard/manifest';
import { stages } from '../src/config/environments.js';
import { locateBundle } from '../src/constructs/handler-function.js';
import { testEnvironments as environments } from './support/environments.js';
import { BundleNotFoundError, ConfigError } from '../src/errors.js';
import {
  fixtureManifestPath,
  lambdaNamed,
  loadFixture,
  resolveRef,
  resourcesOf,
  synthStack,
  withManifest,
} from './support/synth.js';

const { manifest } = loadFixture();

describe.each(stages)('HandlerFunction in %s', (stage) => {
  const json = synthStack(stage);
  const config = environments[stage];
  const fnOf = (name: string) => lambdaNamed(json, `switchboard-${stage}-${name}`);

  it('deploys one function per manifest entry from its bundle folder', () => {
    expect(resourcesOf(json, 'aws_lambda_function')).toHaveLength(Object.keys(manifest.functions).length);
    for (const name of Object.keys(manifest.functions)) {
      const fn = fnOf(name);
      expect(fn).toMatchObject({
        handler: 'index.handler',
        runtime: 'nodejs24.x',
        architectures: [config.lambda.architecture],
        filename: expect.stringMatching(
          new RegExp(`^assets/function-${name}_bundle_[0-9A-F]+/[0-9A-F]{32}/archive\\.zip$`),
        ),
      });
      expect(fn.source_code_hash).toBe((fn.filename as string).split('/')[2]);
    }
  });

  it('takes timeout and memory from the manifest, memory from the environment when it says none', () => {
    expect(fnOf('doWork')).toMatchObject({ timeout: 60, memory_size: 512 });
    expect(fnOf('ping')).toMatchObject({ timeout: 3, memory_size: config.lambda.defaultMemoryMb });
  });

  it('sets the manifest environment plus the injected names on every function', () => {
    for (const [name, spec] of Object.entries(manifest.functions)) {
      const variables = (fnOf(name).environment as { variables: Record<string, string> }).variables;
      expect(variables).toMatchObject({
        TABLE_NAME: expect.stringMatching(/^\$\{aws_dynamodb_table\.[^.]+\.name\}$/),
        TABLE_NAME_CONNECTIONS: variables.TABLE_NAME,
        CONNECTIONS_ENDPOINT: expect.stringMatching(
          new RegExp(
            `^https://\\$\\{aws_apigatewayv2_api\\.[^.]+\\.id\\}\\.execute-api\\.${config.region}\\.amazonaws\\.com/${config.stageName}$`,
          ),
        ),
        STATE_MACHINE_ARN_NOTIFY: expect.stringMatching(
          /:states:eu-west-1:.+:stateMachine:switchboard-\w+-notify$/,
        ),
      });
      for (const key of Object.keys(spec.environment ?? {})) expect(variables).toHaveProperty(key);
    }
  });

  it("gives the authorizer this environment's auth mode and JWT settings over the manifest's", () => {
    const variables = (fnOf('authorize').environment as { variables: Record<string, string> }).variables;
    const auth = config.auth as Extract<typeof config.auth, { jwt: unknown }>;
    expect(variables).toMatchObject({
      AUTH_MODE: auth.mode,
      JWKS_URL: auth.jwt.jwksUrl,
      JWT_ISSUER: auth.jwt.issuer,
      JWT_AUDIENCE: auth.jwt.audience,
    });
    expect(variables).not.toHaveProperty('JWT_SECRET');
    expect((fnOf('ping').environment as { variables: Record<string, string> }).variables).not.toHaveProperty(
      'AUTH_MODE',
    );
  });

  it('logs as JSON to its own log group with the environment retention', () => {
    for (const name of Object.keys(manifest.functions)) {
      const logging = fnOf(name).logging_config as { log_format: string; log_group: string };
      expect(logging.log_format).toBe('JSON');
      const group = resolveRef(json, logging.log_group);
      expect(group).toEqual({
        name: `/aws/lambda/switchboard-${stage}-${name}`,
        retention_in_days: config.logRetentionDays,
      });
    }
  });

  it('gives every log group of the stack a retention', () => {
    const groups = resourcesOf(json, 'aws_cloudwatch_log_group');
    expect(groups.length).toBeGreaterThan(Object.keys(manifest.functions).length);
    for (const [, group] of groups) expect(group.retention_in_days).toBe(config.logRetentionDays);
  });
});

describe('bundles', () => {
  it('fails with the function and folder when a bundle was not built', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infra-bundles-'));
    try {
      cpSync(join(fixtureManifestPath, '..'), dir, { recursive: true });
      rmSync(join(dir, 'functions', 'ping'), { recursive: true });
      const run = () => synthStack('dev', loadManifest(join(dir, 'manifest.json')));
      expect(run).toThrow(BundleNotFoundError);
      expect(run).toThrow(
        /Bundle of function "ping" not found: no such folder .*pnpm --filter @switchboard\/handlers build/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the module files it looked for when the folder holds none (a dotted name kept whole)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infra-bundles-'));
    try {
      mkdirSync(join(dir, 'functions', 'ping'), { recursive: true });
      const fn = { name: 'ping', handler: 'functions/ping/index.min.handler', bundleDir: 'functions/ping' };
      expect(() => locateBundle(fn, dir)).toThrow(BundleNotFoundError);
      expect(() => locateBundle(fn, dir)).toThrow(/no index\.min\.js, index\.min\.mjs or index\.min\.cjs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a handler that is not in its own folder (it would upload every bundle)', () => {
    const flat = withManifest((m) => {
      m.functions.ping!.handler = 'index.handler';
    });
    expect(() => synthStack('dev', flat)).toThrow(ConfigError);
  });
});

describe('auth settings', () => {
  it('fail when the environment wants an authorizer and the manifest has none', () => {
    const none = withManifest((m) => {
      delete m.authorizer;
    });
    expect(() => synthStack('prod', none)).toThrow(
      /environments\.prod\.auth\.mode is "required" but the manifest declares no authorizer/,
    );
  });

  it('pass only the JWT settings that are set', () => {
    const json = synthStack('dev', loadFixture(), {
      ...environments.dev,
      auth: { mode: 'required', jwt: { issuer: 'i' } },
    });
    const fn = lambdaNamed(json, 'switchboard-dev-authorize');
    const variables = (fn.environment as { variables: Record<string, string> }).variables;
    expect(variables).toMatchObject({ AUTH_MODE: 'required', JWT_ISSUER: 'i' });
    expect(variables).not.toHaveProperty('JWKS_URL');
    expect(variables).not.toHaveProperty('JWT_AUDIENCE');
  });
});
