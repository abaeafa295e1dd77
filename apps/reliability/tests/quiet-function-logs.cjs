// Functions' own log lines (`[fn] ...` on stderr) run to thousands per scenario and bury the
// tables; they are dropped unless RELIABILITY_VERBOSE=1. The gateway's lines are not touched.
if (process.env.RELIABILITY_VERBOSE !== '1') {
  const write = process.stderr.write.bind(process.stderr);
  const functionLine = /^\[[A-Za-z0-9_-]+\] /;
  process.stderr.write = (chunk, ...rest) =>
    typeof chunk === 'string' && functionLine.test(chunk) ? true : write(chunk, ...rest);
}
