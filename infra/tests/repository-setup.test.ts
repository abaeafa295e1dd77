import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const infraDir = join(__dirname, '..');

describe('package scripts', () => {
  const { scripts } = JSON.parse(readFileSync(join(infraDir, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };

  it.each(['deploy', 'diff', 'destroy', 'bootstrap'])(
    '%s builds, then runs the deploy command with its name',
    (name) => {
      expect(scripts[name]).toBe(`tsc -p tsconfig.build.json && node dist/src/deploy/cli.js ${name}`);
    },
  );
});

describe('.gitignore', () => {
  // git decides what is ignored; asking it beats re-implementing its pattern rules.
  const isIgnored = (path: string) => {
    try {
      execFileSync('git', ['check-ignore', '--no-index', '-q', path], { cwd: infraDir, stdio: 'ignore' });
      return true;
    } catch (error) {
      if ((error as { status?: number }).status === 1) return false;
      throw new Error(`git check-ignore failed (is git installed?): ${(error as Error).message}`);
    }
  };

  it.each([
    'terraform.dev.tfstate',
    'terraform.dev.tfstate.backup',
    'terraform.bootstrap-eu-west-1.tfstate',
    'cdktf.out/stacks/dev/.terraform/terraform.tfstate',
    '.terraform/providers',
  ])('ignores %s', (path) => {
    expect(isIgnored(path)).toBe(true);
  });

  it('does not ignore the deploy config a team may commit', () => {
    expect(isIgnored('deploy.config.json')).toBe(false);
  });
});
