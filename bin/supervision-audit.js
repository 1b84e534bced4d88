#!/usr/bin/env node
// Thin launcher: the command line lives in the compiled dist/ (npm run build).
import { runCommandLine } from '../dist/cli/main.js';

process.exitCode = await runCommandLine(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
