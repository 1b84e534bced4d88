#!/usr/bin/env node
// Thin launcher: the command line lives in the compiled dist/ (npm run build).
import { main } from '../dist/cli/main.js';

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
