import { declaredEnvironment } from '../src/environment.js';
import { functionEnvironment, ManifestError, manifestJsonSchema, parseManifest } from '../src/index.js';
import { valueSourceNames } from '../src/names.js';

// `environmentFrom`: variables whose value the world supplies (the local gateway's signing secret).
const manifest = parseManifest({
  routeSelectionExpression: '$request.body.action',
  functions: {
    authorize: {
      handler: 'functions/authorize/index.handler',
      environment: { AUTH_MODE: 'optional' },
      environmentFrom: { JWT_SECRET: 'localSigningSecret' },
    },
  },
});
const sources = { connectionsEndpoint: 'http://127.0.0.1:3001/dev', stateMachineArns: {} };

describe('environmentFrom', () => {
  it('sets the variable from the value the world supplies', () => {
    const env = functionEnvironment(manifest, 'authorize', {
      ...sources,
      values: { localSigningSecret: 'local-secret' },
    });
    expect(env).toMatchObject({ AUTH_MODE: 'optional', JWT_SECRET: 'local-secret' });
  });

  it('leaves the variable unset in a world without that value, as infra deploys it', () => {
    const env = functionEnvironment(manifest, 'authorize', sources);
    expect(env).not.toHaveProperty('JWT_SECRET');
    expect(env.AUTH_MODE).toBe('optional');
  });

  it('refuses an unknown source, naming the path', () => {
    const parse = () =>
      parseManifest({
        routeSelectionExpression: '$request.body.action',
        functions: { a: { handler: 'a.handler', environmentFrom: { KEY: 'vault' } } },
      });
    expect(parse).toThrow(ManifestError);
    expect(parse).toThrow(/functions\.a\.environmentFrom\.KEY/);
  });

  it('refuses a variable that is also written in environment', () => {
    expect(() =>
      parseManifest({
        routeSelectionExpression: '$request.body.action',
        functions: {
          a: {
            handler: 'a.handler',
            environment: { KEY: 'x' },
            environmentFrom: { KEY: 'localSigningSecret' },
          },
        },
      }),
    ).toThrow(/functions\.a\.environmentFrom\.KEY: also set in environment/);
  });

  it('keeps a written value over a source in a manifest built by hand', () => {
    const spec = {
      handler: 'a.handler',
      environment: { KEY: 'written' },
      environmentFrom: { KEY: 'localSigningSecret' as const },
    };
    expect(declaredEnvironment(spec, { localSigningSecret: 'supplied' })).toEqual({ KEY: 'written' });
  });

  it('is in the JSON Schema with its sources', () => {
    const text = JSON.stringify(manifestJsonSchema());
    expect(text).toContain('environmentFrom');
    for (const source of valueSourceNames) expect(text).toContain(source);
  });
});
