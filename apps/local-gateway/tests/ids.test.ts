import { formatRequestTime, newId } from '../src/ids.js';

describe('newId', () => {
  it("makes API Gateway's 16-character ids ending in '=', safe in a URL path", () => {
    for (let i = 0; i < 50; i++) expect(newId()).toMatch(/^[A-Za-z0-9_-]{15}=$/);
  });

  it('never repeats, across refills of its random pool', () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId()));
    expect(ids.size).toBe(5000);
  });
});

describe('formatRequestTime', () => {
  it('writes the CLF form in UTC', () => {
    expect(formatRequestTime(Date.UTC(2024, 0, 20, 11, 55, 7))).toBe('20/Jan/2024:11:55:07 +0000');
  });
});
