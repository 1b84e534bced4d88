#!/usr/bin/env node
// Thin launcher: the command line lives in the compiled dist/ (npm run build).
import { limitHeapGrowth } from '../dist/cli/heap.js';
import { runCommandLine } from '../dist/cli/main.js';

limitHeapGrowth();

process.exitCode = await runCommandLine(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
