import { GatewayConfigError } from '../src/errors.js';
import { validateOptions } from '../src/options.js';

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
