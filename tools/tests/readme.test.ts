import { codeBlocks, readRepoFile } from './support/repo.js';

const readme = readRepoFile('README.md');
const ci = readRepoFile('.ci/run');
const pinned = JSON.parse(readRepoFile('package.json')).packageManager as string;

/** The README's first code block: the two commands a newcomer types, without their comments. */
function openingCommands(): string[] {
  const [first] = codeBlocks(readme);
  return (first?.code ?? '')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/\s+#.*$/, ''));
}

describe('the README', () => {
  it('opens with two commands: one starts the local stack, one runs every test', () => {
    expect(readme.trimStart().split('\n').slice(0, 2)).toEqual(['# Switchboard', '']);
    expect(readme).toMatch(/^# Switchboard\n\n```sh\n/);
    const commands = openingCommands();
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/ install && .* dev$/);
    expect(commands[1]).toMatch(/ install && .* test$/);
  });

  it('gets the pinned pnpm through npx, with no corepack and no environment variable', () => {
    expect(pinned).toMatch(/^pnpm@\d+\.\d+\.\d+$/);
    for (const command of openingCommands()) {
      expect(command.split(' && ')).toEqual([
        `npx --yes ${pinned} install`,
        expect.stringMatching(/^npx --yes /),
      ]);
      expect(command).toContain(`npx --yes ${pinned} `);
      expect(command).not.toMatch(/corepack|[A-Z_]+=/);
    }
  });

  it('is what CI runs: the test command verbatim, and no variable a newcomer lacks', () => {
    const [, testCommand] = openingCommands();
    expect(ci.split('\n').map((line) => line.replace(/ \|\| status=\$\?$/, ''))).toContain(testCommand);
    const exported = [...ci.matchAll(/^\s*export ([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(exported.sort()).toEqual(['CHECKPOINT_DISABLE', 'CI', 'TURBO_TELEMETRY_DISABLED']);
    expect(ci).not.toMatch(/corepack|apt-get/);
    expect(ci).toContain(`npx --yes ${pinned} "$@"`);
  });
});
