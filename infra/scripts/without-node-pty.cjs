// Preloaded into cdktf-cli by the `synth` script. cdktf-cli requires node-pty at startup for its
// interactive terminal UI; pnpm does not build it here (pnpm-workspace.yaml ignores its install
// script) and its prebuilds stop at Node 22, so on Node 24 the CLI would die before synthesizing.
// `cdktf synth` never opens a terminal, so an empty module is enough.
const Module = require('node:module');

const original = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === '@cdktf/node-pty-prebuilt-multiarch') {
    return {
      spawn() {
        throw new Error('node-pty is stubbed out: run cdktf without its interactive UI');
      },
    };
  }
  return original.call(this, request, parent, isMain);
};
