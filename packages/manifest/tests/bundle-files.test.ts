import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleExtensions, findBundleFile, handlerInBundle } from '../src/index.js';

describe('findBundleFile', () => {
  let dir: string;
  const write = (file: string) => {
    mkdirSync(join(dir, 'functions', 'ping'), { recursive: true });
    writeFileSync(join(dir, 'functions', 'ping', file), 'export const handler = () => {};\n');
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'manifest-bundle-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['index.mjs', 'index.js', 'index.cjs'])('finds a module written as %s', (file) => {
    write(file);
    expect(findBundleFile(dir, 'functions/ping/index.handler')).toBe(join(dir, 'functions', 'ping', file));
  });

  it("prefers the extensions in Lambda's order when several exist", () => {
    expect(bundleExtensions).toEqual(['.js', '.mjs', '.cjs']);
    write('index.cjs');
    write('index.mjs');
    expect(findBundleFile(dir, 'functions/ping/index.handler')).toBe(
      join(dir, 'functions', 'ping', 'index.mjs'),
    );
    write('index.js');
    expect(findBundleFile(dir, 'functions/ping/index.handler')).toBe(
      join(dir, 'functions', 'ping', 'index.js'),
    );
  });

  it('finds nothing for a module that is not built, or built with another extension', () => {
    expect(findBundleFile(dir, 'functions/ping/index.handler')).toBeUndefined();
    write('index.ts');
    expect(findBundleFile(dir, 'functions/ping/index.handler')).toBeUndefined();
  });
});

describe('handlerInBundle', () => {
  it("is the module's file name and the export, as Lambda reads it inside the bundle folder", () => {
    expect(handlerInBundle('functions/ping/index.handler')).toBe('index.handler');
    expect(handlerInBundle('functions/a.b/main.run')).toBe('main.run');
    expect(handlerInBundle('root.handler')).toBe('root.handler');
  });
});
