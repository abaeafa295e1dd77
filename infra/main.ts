// The cdktf entry point (`app` in cdktf.json): one stack per environment from the handlers' manifest.
// Compiled to dist/main.js first, because the sources use NodeNext `.js` import specifiers.
import { createApp } from './src/app.js';
import { loadDeployManifest } from './src/manifest-source.js';

const loaded = loadDeployManifest({ env: process.env, fromDir: import.meta.dirname });
createApp({ loaded }).app.synth();
