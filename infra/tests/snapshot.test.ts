import { Testing } from 'cdktf';
import { BootstrapStack } from '../src/bootstrap-stack.js';
import { stages } from '../src/config/environments.js';
import { synthStack, testApp } from './support/synth.js';

// Asset hashes change with every byte of a bundle; the snapshot is about the wiring.
const scrubAssetHashes = (text: string) => text.replace(/\b[0-9A-F]{32}\b/g, '<asset-hash>');

describe.each(stages)('the %s stack', (stage) => {
  it('matches its snapshot (asset hashes scrubbed)', () => {
    const text = scrubAssetHashes(JSON.stringify(synthStack(stage), null, 2));
    expect(text).not.toMatch(/[0-9A-F]{32}/);
    expect(JSON.parse(text)).toMatchSnapshot();
  });
});

describe('the bootstrap stack', () => {
  it('matches its snapshot', () => {
    const stack = new BootstrapStack(testApp(), 'bootstrap-222222222222-eu-west-1', {
      stackId: 'bootstrap-222222222222-eu-west-1',
      region: 'eu-west-1',
      accountIds: ['222222222222'],
    });
    expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
  });
});
