/**
 * A reading thread that dies (a fault, an exit, out of memory, stopped from outside) stops the
 * audit with a sentence naming the file it was reading: never a hang, never a report without
 * that file. The threads here are stand-ins that fail on purpose.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { authorityAdapter, adapterFileSchema } from '../../src/adapters/authority.js';
import { readFiles, ReadingThreadError, type ReadThreadData } from '../../src/adapters/read-files.js';
import { isUserError } from '../../src/cli/errors.js';

const thread = (name: string, options: { resourceLimits?: { maxOldGenerationSizeMb: number } } = {}) => (data: ReadThreadData): Worker =>
  new Worker(new URL(`../fixtures/threads/${name}.mjs`, import.meta.url), { workerData: data, ...options });

// The main thread reads the larger file; the stand-in thread is given the smaller one.
const files = ['samples/barnsley/supervision_steps.csv', 'samples/barnsley/workers.csv'];
const options = { adapters: [authorityAdapter(adapterFileSchema.parse({ system: 'mosaic' }))], adapterFile: 'adapter.yaml', threads: 2 };

async function failure(startThread: (data: ReadThreadData) => Worker): Promise<ReadingThreadError> {
  const error = await readFiles(files, { ...options, startThread }).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ReadingThreadError);
  expect(isUserError(error)).toBe(true);
  return error as ReadingThreadError;
}

describe('a reading thread that dies', () => {
  it.each([
    ['throws', thread('crash'), 'it failed: a fault in the reading thread'],
    ['exits', thread('exit'), 'it ended with exit code 7'],
    ['runs out of memory', thread('out-of-memory', { resourceLimits: { maxOldGenerationSizeMb: 32 } }), 'it ran out of memory'],
  ])('%s: the audit stops, naming the file it was reading', async (_name, startThread, why) => {
    const error = await failure(startThread);
    expect(error.message).toBe(
      `samples/barnsley/workers.csv: the thread reading it stopped before the end (${why}); nothing was written. Run the audit again, or with --threads 1 to read on the main thread only`,
    );
  });

  it('is stopped from outside while reading: the audit stops, naming the file', async () => {
    const error = await failure((data) => {
      const worker = thread('silent')(data);
      worker.on('online', () => setTimeout(() => void worker.terminate(), 100));
      return worker;
    });
    expect(error.message).toMatch(/^samples\/barnsley\/workers\.csv: the thread reading it stopped before the end \(it ended with exit code 1\)/);
  });
});
