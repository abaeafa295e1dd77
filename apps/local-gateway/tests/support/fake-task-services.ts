import type { StepFunctionsServiceOptions } from '../../src/contracts.js';
import { TaskFailure } from '../../src/services/index.js';

/** The fake functions the machines call; each records its inputs. `reset` between tests. */
export function fakeServices() {
  const calls: Array<{ fn: string; input: unknown }> = [];
  const posts: Array<{ connectionId: string; body: string }> = [];
  let flakyFailures = 1;
  const reset = () => {
    calls.length = 0;
    posts.length = 0;
    flakyFailures = 1;
  };
  const invokeFunction: StepFunctionsServiceOptions['invokeFunction'] = async (fn, input) => {
    calls.push({ fn, input });
    if (fn === 'doWork') return { doubled: (input as { n: number }).n * 2 };
    if (fn === 'double') return (input as number) * 2;
    if (fn === 'flaky' && flakyFailures-- > 0) throw new TaskFailure('JobFailed', 'try again');
    if (fn === 'flaky') return 'finally';
    throw new TaskFailure('JobFailed', '{"errorType":"JobFailed","errorMessage":"no way"}');
  };
  const postToConnection: StepFunctionsServiceOptions['postToConnection'] = async (connectionId, body) => {
    posts.push({ connectionId, body: body.toString('utf8') });
    return { statusCode: connectionId === 'stale' ? 410 : 200 };
  };
  return { calls, posts, reset, invokeFunction, postToConnection };
}
