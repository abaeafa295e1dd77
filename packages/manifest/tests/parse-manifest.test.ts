import {
  FUNCTION_ARN_PLACEHOLDER_PREFIX,
  functionArnPlaceholder,
  functionNameOfPlaceholder,
  injectedEnv,
  ManifestError,
  parseManifest,
} from '../src/index.js';

const minimal = {
  routeSelectionExpression: '$request.body.action',
  tables: [{ TableName: 'connections' }],
  functions: { ping: { handler: 'functions/ping/index.handler', routes: ['ping'], routeResponse: true } },
};

describe('parseManifest', () => {
  it('accepts a minimal manifest', () => {
    expect(parseManifest(minimal).functions.ping?.routeResponse).toBe(true);
  });

  it('names the offending path of a bad handler', () => {
    const bad = { ...minimal, functions: { ping: { handler: 'no-export' } } };
    expect(() => parseManifest(bad)).toThrow(/functions\.ping\.handler/);
  });

  it('rejects a route served twice and an authorizer that names no function', () => {
    const bad = {
      ...minimal,
      authorizer: { function: 'auth', identitySources: ['route.request.querystring.token'] },
      functions: {
        a: { handler: 'a.handler', routes: ['x'] },
        b: { handler: 'b.handler', routes: ['x'] },
      },
    };
    try {
      parseManifest(bad);
      throw new Error('expected a ManifestError');
    } catch (error) {
      expect(error).toBeInstanceOf(ManifestError);
      expect((error as ManifestError).issues).toEqual([
        'authorizer.function: no function named "auth"',
        'functions.b.routes: "x" is already served by "a"',
      ]);
    }
  });
});

describe('placeholders and injected environment', () => {
  it('round-trips a function ARN placeholder', () => {
    expect(functionNameOfPlaceholder(functionArnPlaceholder('doWork'))).toBe('doWork');
    expect(functionNameOfPlaceholder('arn:aws:lambda:us-east-1:1:function:doWork')).toBeUndefined();
  });

  it('derives environment names from manifest names', () => {
    expect(injectedEnv.stateMachineArnOf('notify')).toBe('STATE_MACHINE_ARN_NOTIFY');
    expect(injectedEnv.tableNameOf('switchboardConnections')).toBe('TABLE_NAME_SWITCHBOARD_CONNECTIONS');
  });

  it('keeps the placeholder prefix the ASL of existing manifests uses', () => {
    expect(FUNCTION_ARN_PLACEHOLDER_PREFIX).toBe('arn:aws:lambda:local:000000000000:function:');
  });
});
