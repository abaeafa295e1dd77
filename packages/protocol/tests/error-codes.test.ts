import {
  errorCodeNames,
  errorCodes,
  isErrorCode,
  isRetryable,
  type RetryableErrorCode,
} from '../src/index.js';

describe('error codes', () => {
  it('flag exactly the transient failures as retryable', () => {
    const retryable = errorCodeNames.filter((code) => isRetryable(code));
    const expected: RetryableErrorCode[] = ['rate_limited', 'timeout', 'unavailable', 'internal_error'];
    expect(retryable).toEqual(expected);
  });

  it('include the codes the handlers and the client rely on', () => {
    for (const code of [
      'invalid_json',
      'unknown_action',
      'invalid_payload',
      'not_found',
      'forbidden',
      'not_in_room',
    ]) {
      expect(isErrorCode(code)).toBe(true);
    }
  });

  it('describe every code', () => {
    for (const code of errorCodeNames) expect(errorCodes[code].description.length).toBeGreaterThan(10);
  });

  it('recognise only their own names', () => {
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('NOT_FOUND')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });
});
