import { availableParallelism } from 'node:os';
import { GatewayConfigError } from '../src/errors.js';
import { validateOptions } from '../src/options.js';
import { startTestGateway } from './support/gateway.js';

const manifest = 'unused.json';

describe('validateOptions', () => {
  it.each([0, 1.5, Number.NaN])('refuses maxEnvironmentsPerFunction %p', (maxEnvironmentsPerFunction) => {
    expect(() => validateOptions({ manifest, runtime: { maxEnvironmentsPerFunction } })).toThrow(
      expect.objectContaining({
        name: 'GatewayConfigError',
        message: expect.stringContaining('Invalid maxEnvironmentsPerFunction'),
      }),
    );
  });

  it('refuses a reclaimIdleEnvironmentMs that is not a positive number', () => {
    expect(() => validateOptions({ manifest, runtime: { reclaimIdleEnvironmentMs: -1 } })).toThrow(
      GatewayConfigError,
    );
  });

  it.each(['', 'http://127.0.0.1', '127.0.0.1:3001/dev', 'my host', '-x'])('refuses the host %p', (host) => {
    expect(() => validateOptions({ manifest, host })).toThrow(
      expect.objectContaining({
        name: 'GatewayConfigError',
        message: `Invalid host "${host}": expected an address or a host name of this machine, such as 127.0.0.1 or 0.0.0.0.`,
      }),
    );
  });

  it.each(['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost', 'my-laptop.local'])(
    'accepts the host %p',
    (host) => {
      expect(() => validateOptions({ manifest, host })).not.toThrow();
    },
  );

  it('accepts one environment per function and any positive reclaim time', () => {
    expect(() =>
      validateOptions({ manifest, runtime: { maxEnvironmentsPerFunction: 1, reclaimIdleEnvironmentMs: 1 } }),
    ).not.toThrow();
  });
});

describe('createGateway', () => {
  it('hands the runtime options to the function runtime', async () => {
    const gw = await startTestGateway(
      { functions: { echo: { routes: ['$default'] } } },
      { echo: () => ({}) },
      { runtime: { maxEnvironmentsPerFunction: 3, reclaimIdleEnvironmentMs: 1234 } },
    );
    try {
      expect(gw.runtimeOptions).toMatchObject({
        maxEnvironmentsPerFunction: 3,
        reclaimIdleEnvironmentMs: 1234,
        environment: gw.address.functionEnvironment,
      });
    } finally {
      await gw.close();
    }
  });

  it('hands the runtime its defaults, resolved with the gateway options', async () => {
    const gw = await startTestGateway(
      { functions: { echo: { routes: ['$default'] } } },
      { echo: () => ({}) },
    );
    try {
      expect(gw.runtimeOptions).toMatchObject({
        maxEnvironmentsPerFunction: Math.max(2, availableParallelism()),
        reclaimIdleEnvironmentMs: 300_000,
      });
    } finally {
      await gw.close();
    }
  });
});
