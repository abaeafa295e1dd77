describe('runtime', () => {
  it('runs on Node.js 24, the pinned root devDependency and the Lambda nodejs24.x runtime', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(major).toBe(24);
  });
});
