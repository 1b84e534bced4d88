import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'threads',
    // One test file per core. Vitest's default keeps a core for its own process, which on a
    // two-core machine leaves one file at a time; its own process is idle while files run, and
    // an end-to-end test's thread waits on the command line's child process.
    maxWorkers: availableParallelism(),
  },
});
