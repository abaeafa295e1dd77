// Placeholder for commands whose part of the stack is not built yet; says so and fails.
const what = process.argv[2] ?? 'this command';
console.error(`switchboard: \`pnpm ${what}\` is not built yet. See the open issues and README.md.`);
process.exit(1);
