import { stages } from '../src/config/environments.js';
import { synthStack } from './support/synth.js';

// Asset hashes change with every byte of a bundle; the snapshot is about the wiring.
const scrubAssetHashes = (text: string) => text.replace(/\b[0-9A-F]{32}\b/g, '<asset-hash>');

describe.each(stages)('the %s stack', (stage) => {
  it('matches its snapshot (asset hashes scrubbed)', () => {
    const text = scrubAssetHashes(JSON.stringify(synthStack(stage), null, 2));
    expect(text).not.toMatch(/[0-9A-F]{32}/);
    expect(JSON.parse(text)).toMatchSnapshot();
  });
});
