import { Testing } from 'cdktf';
import { createApp } from '../src/app.js';
import { BootstrapStack } from '../src/bootstrap-stack.js';
import { stages } from '../src/config/environments.js';
import { resolveEnvironments } from '../src/config/resolve-environments.js';
import { configuredSettings } from './support/environments.js';
import { loadFixture, onlyResource, type TerraformJson, testApp } from './support/synth.js';

const synthBootstrap = (accountIds: string[]) =>
  JSON.parse(
    Testing.synth(
      new BootstrapStack(testApp(), 'bootstrap', {
        stackId: 'bootstrap',
        region: 'eu-west-1',
        accountIds,
      }),
    ),
  ) as TerraformJson;

describe('BootstrapStack', () => {
  const json = synthBootstrap(['222222222222']);

  it("sets API Gateway's account-wide CloudWatch role", () => {
    const account = onlyResource(json, 'aws_api_gateway_account');
    expect(account.cloudwatch_role_arn).toMatch(/^\$\{aws_iam_role\.[^.]+\.arn\}$/);
    expect(onlyResource(json, 'aws_iam_role').name).toBe('switchboard-bootstrap-apigateway-logs-eu-west-1');
  });

  it('creates the state bucket staging and prod name in their backend, versioned, encrypted and private', () => {
    const plan = resolveEnvironments(configuredSettings);
    const staging = plan.environments.staging!.state;
    expect(staging.kind === 's3' && staging.bucket).toBe('switchboard-tfstate-222222222222-eu-west-1');
    const bucket = onlyResource(json, 'aws_s3_bucket');
    expect(bucket).toMatchObject({
      bucket: 'switchboard-tfstate-222222222222-eu-west-1',
      lifecycle: { prevent_destroy: true },
    });
    expect(onlyResource(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({
      status: 'Enabled',
    });
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: true },
    ]);
    expect(onlyResource(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const policy = JSON.parse(onlyResource(json, 'aws_s3_bucket_policy').policy as string);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
  });

  it('guards the account and keeps its own state locally (it creates the bucket state would go in)', () => {
    expect(json.provider.aws).toEqual([
      expect.objectContaining({ region: 'eu-west-1', allowed_account_ids: ['222222222222'] }),
    ]);
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.bootstrap.tfstate' } });
  });

  it("names the bucket after the caller's account when no account is configured (dev on a fresh clone)", () => {
    const unguarded = synthBootstrap([]);
    expect(unguarded.provider.aws![0]).not.toHaveProperty('allowed_account_ids');
    expect(onlyResource(unguarded, 'aws_s3_bucket').bucket).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform reference, as synthesized
      'switchboard-tfstate-${data.aws_caller_identity.caller.account_id}-eu-west-1',
    );
  });
});

describe('every stack synthesized alone', () => {
  const plan = resolveEnvironments(configuredSettings);
  const bootstrapIds = plan.bootstraps.map((b) => b.stackId);
  // Each in an app of its own, as the deploy command builds it: nothing else to lean on.
  const texts = [...stages, ...bootstrapIds].map((id) => {
    const built = createApp({ plan, loadManifest: loadFixture, outdir: testApp().outdir, only: [id] });
    const [stack, ...others] = [...Object.values(built.stacks), ...built.bootstraps];
    if (!stack || others.length)
      throw new Error(`expected one stack ${id}, got ${others.length + (stack ? 1 : 0)}`);
    return [id, Testing.synth(stack)] as const;
  });

  it('has aws_api_gateway_account in bootstrap stacks only', () => {
    const withAccount = texts
      .filter(([, text]) => text.includes('aws_api_gateway_account'))
      .map(([id]) => id);
    expect(withAccount.sort()).toEqual([...bootstrapIds].sort());
    expect(withAccount).toHaveLength(3); // one per account: each test environment has its own
  });

  it('reads no other stack (no remote state, no cross-stack output)', () => {
    for (const [, text] of texts) {
      expect(text).not.toContain('terraform_remote_state');
      expect(text).not.toMatch(/cross-stack/);
    }
  });
});
