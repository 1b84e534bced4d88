#!/usr/bin/env node
// Thin launcher: the command line lives in the compiled dist/ (npm run build).
import { main } from '../dist/cli/main.js';

// A reader that stops early (`| head`) closes the pipe: that is not an error of the audit.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
