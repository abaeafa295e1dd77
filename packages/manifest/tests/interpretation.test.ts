import {
  bundleDirOf,
  conventionalBundle,
  customRouteKeys,
  functionEnvironment,
  functionsGranted,
  injectedEnvironment,
  injectedVariableNames,
  lambdaDefaults,
  ManifestError,
  parseManifest,
  resolveFunctions,
  routeTableOf,
  splitHandler,
} from '../src/index.js';

const manifest = parseManifest({
  routeSelectionExpression: '$request.body.action',
  tables: [{ TableName: 'connections' }, { TableName: 'auditLog' }],
  stateMachines: { notify: { definition: { StartAt: 'A', States: {} } } },
  functions: {
    connect: { handler: 'functions/connect/index.handler', routes: ['$connect'], permissions: ['table'] },
    ping: { handler: 'functions/ping/index.handler', routes: ['ping'], routeResponse: true },
    rooms: {
      handler: 'functions/rooms/index.handler',
      routes: ['join', 'send'],
      permissions: ['table', 'connections'],
      timeoutSeconds: 10,
      memoryMb: 256,
      environment: { TABLE_NAME: 'overridden', FANOUT_CONCURRENCY: '8' },
    },
    doWork: { handler: 'work.run', permissions: ['connections', 'startWorkflow'] },
  },
});

const sources = {
  tableNames: { connections: 'sb-dev-connections', auditLog: 'sb-dev-audit-log' },
  connectionsEndpoint: 'https://abc.execute-api.eu-west-1.amazonaws.com/dev',
  stateMachineArns: { notify: 'arn:aws:states:eu-west-1:1:stateMachine:sb-dev-notify' },
};

describe('routeTableOf', () => {
  it('lists every route with its function and direction, in manifest order', () => {
    expect(routeTableOf(manifest)).toEqual([
      { routeKey: '$connect', functionName: 'connect', twoWay: false },
      { routeKey: 'ping', functionName: 'ping', twoWay: true },
      { routeKey: 'join', functionName: 'rooms', twoWay: false },
      { routeKey: 'send', functionName: 'rooms', twoWay: false },
    ]);
  });

  it('tells custom route keys from API Gateway’s own', () => {
    expect(customRouteKeys(manifest)).toEqual(['ping', 'join', 'send']);
  });
});

describe('resolveFunctions', () => {
  it("applies Lambda's defaults where the manifest sets no limit", () => {
    const [connect] = resolveFunctions(manifest);
    expect(lambdaDefaults).toEqual({ timeoutSeconds: 3, memoryMb: 128 });
    expect(connect).toEqual({
      name: 'connect',
      handler: 'functions/connect/index.handler',
      modulePath: 'functions/connect/index',
      exportName: 'handler',
      bundleDir: 'functions/connect',
      routes: ['$connect'],
      twoWay: false,
      timeoutSeconds: 3,
      memoryMb: 128,
      permissions: ['table'],
      environment: {},
    });
  });

  it("keeps the manifest's own limits over any default, and a deployment's defaults over Lambda's", () => {
    const byName = new Map(resolveFunctions(manifest, { memoryMb: 512 }).map((fn) => [fn.name, fn]));
    expect(byName.get('rooms')).toMatchObject({ timeoutSeconds: 10, memoryMb: 256, twoWay: false });
    expect(byName.get('ping')).toMatchObject({
      timeoutSeconds: 3,
      memoryMb: 512,
      twoWay: true,
      routes: ['ping'],
    });
    expect(byName.get('doWork')).toMatchObject({
      routes: [],
      modulePath: 'work',
      exportName: 'run',
      bundleDir: '.',
    });
  });
});

describe('functionsGranted', () => {
  it('names the functions holding a permission, in manifest order', () => {
    expect(functionsGranted(manifest, 'table')).toEqual(['connect', 'rooms']);
    expect(functionsGranted(manifest, 'connections')).toEqual(['rooms', 'doWork']);
    expect(functionsGranted(manifest, 'startWorkflow')).toEqual(['doWork']);
  });
});

describe('bundles', () => {
  it('splits a handler at its last dot and finds its folder', () => {
    expect(splitHandler('functions/a.b/index.handler')).toEqual({
      modulePath: 'functions/a.b/index',
      exportName: 'handler',
    });
    expect(bundleDirOf('functions/ping/index.handler')).toBe('functions/ping');
  });

  it('names the conventional bundle of a function', () => {
    expect(conventionalBundle('ping')).toEqual({
      handler: 'functions/ping/index.handler',
      file: 'functions/ping/index.mjs',
    });
  });
});

describe('injectedEnvironment', () => {
  it('sets the first table, each table, the connection URL and each state machine', () => {
    expect(injectedEnvironment(manifest, sources)).toEqual({
      TABLE_NAME: 'sb-dev-connections',
      TABLE_NAME_CONNECTIONS: 'sb-dev-connections',
      TABLE_NAME_AUDIT_LOG: 'sb-dev-audit-log',
      CONNECTIONS_ENDPOINT: sources.connectionsEndpoint,
      STATE_MACHINE_ARN_NOTIFY: sources.stateMachineArns.notify,
    });
  });

  it("uses the manifest's table names when the world creates them as written", () => {
    const local = injectedEnvironment(manifest, { ...sources, tableNames: undefined });
    expect(local.TABLE_NAME).toBe('connections');
    expect(local.TABLE_NAME_AUDIT_LOG).toBe('auditLog');
  });

  it('sets only the connection URL for a manifest without tables or state machines', () => {
    const bare = parseManifest({ routeSelectionExpression: '$request.body.action' });
    expect(injectedEnvironment(bare, { connectionsEndpoint: 'http://x/dev', stateMachineArns: {} })).toEqual({
      CONNECTIONS_ENDPOINT: 'http://x/dev',
    });
  });

  it('lists the injected names without values', () => {
    expect(injectedVariableNames(manifest)).toEqual([
      'CONNECTIONS_ENDPOINT',
      'STATE_MACHINE_ARN_NOTIFY',
      'TABLE_NAME',
      'TABLE_NAME_AUDIT_LOG',
      'TABLE_NAME_CONNECTIONS',
    ]);
  });
});

describe('functionEnvironment', () => {
  it("puts the injected variables over the function's own", () => {
    const env = functionEnvironment(manifest, 'rooms', sources);
    expect(env.FANOUT_CONCURRENCY).toBe('8');
    expect(env.TABLE_NAME).toBe('sb-dev-connections');
  });

  it('refuses a function the manifest does not have', () => {
    expect(() => functionEnvironment(manifest, 'nope', sources)).toThrow(ManifestError);
  });
});
