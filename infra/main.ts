// The cdktf entry point (`app` in cdktf.json): one stack per configured environment and one
// bootstrap stack per account and Region. Compiled to dist/main.js first, because the sources
// use NodeNext `.js` import specifiers.
import { synthesizeApp } from './src/deploy/synthesize.js';

synthesizeApp({
  env: process.env,
  infraDir: import.meta.dirname.replace(/[/\\]dist$/, ''),
  notify: console.error,
});
