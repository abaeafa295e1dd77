import { GatewayConfigError } from '../src/errors.js';
import { validateOptions } from '../src/options.js';
import { startTestGateway } from './helpers/gateway.js';

const manifest = 'unused.json';

describe('validateOptions', () => {
  it.each([0, 1.5, Number.NaN])('refuses maxEnvironmentsPerFunction %p', (maxEnvironmentsPerFunction) => {
    expect(() => validateOptions({ manifest, maxEnvironmentsPerFunction })).toThrow(
      expect.objectContaining({
        name: 'GatewayConfigError',
        message: expect.stringContaining('Invalid maxEnvironmentsPerFunction'),
      }),
    );
  });

  it('refuses a reclaimIdleEnvironmentMs that is not a positive number', () => {
    expect(() => validateOptions({ manifest, reclaimIdleEnvironmentMs: -1 })).toThrow(GatewayConfigError);
  });

  it('accepts one environment per function and any positive reclaim time', () => {
    expect(() =>
      validateOptions({ manifest, maxEnvironmentsPerFunction: 1, reclaimIdleEnvironmentMs: 1 }),
    ).not.toThrow();
  });
});

describe('createGateway', () => {
  it('hands the runtime options to the function runtime', async () => {
    const gw = await startTestGateway(
      { functions: { echo: { routes: ['$default'] } } },
      { echo: () => ({}) },
      { maxEnvironmentsPerFunction: 3, reclaimIdleEnvironmentMs: 1234 },
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
});
