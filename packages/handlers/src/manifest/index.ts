export * from './format.js';
export * from './load.js';
