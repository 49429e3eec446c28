import { parentPort } from 'node:worker_threads';
import { ledgerValidationPipe } from '../http/validation.pipe.js';
import { ImportedIds } from './import-ids.js';
import { answerRow, type RowAnswer } from './row-checks.js';
import type { CheckerCommand, CheckerMessage } from './row-checker.js';

/**
 * Checks the rows of an import in a thread of its own, ahead of the thread that decides them: the
 * API's DTOs and validation pipe, the ids, the rows' identities. Batches are answered in the order they
 * come. Each import has ImportedIds of its own, so what a row derived is reported at that row.
 */
const port = parentPort!;
const post = (message: CheckerMessage): void => port.postMessage(message);
const validation = ledgerValidationPipe();
let current: { readonly run: number; readonly ids: ImportedIds } | undefined;

async function answer(command: CheckerCommand): Promise<void> {
  if (current?.run !== command.run) current = { run: command.run, ids: new ImportedIds(command.system, true) };
  const { ids } = current;
  const answers: (RowAnswer | null)[] = [];
  if (Atomics.load(command.reached, 0) >= command.number) {
    // The deciding thread is checking these rows itself: what they derive it derives too.
    post({ type: 'answers', request: command.request, answers: command.rows.map(() => null) });
    return;
  }
  try {
    for (const fields of command.rows) answers.push(fields === null ? null : await answerRow(fields, ids, validation));
  } catch (error) {
    // Not a refusal: the deciding thread checks the rest of the batch itself, and meets the same failure.
    while (answers.length < command.rows.length) answers.push(null);
    ids.takeDerived();
    post({ type: 'answers', request: command.request, answers, failed: error instanceof Error ? error.message : String(error) });
    return;
  }
  post({ type: 'answers', request: command.request, answers });
}

/** One batch at a time, in the order asked: a batch's ids are derived after the previous batch's. */
let queue = Promise.resolve();
port.on('message', (command: CheckerCommand) => {
  queue = queue.then(() => answer(command));
});
post({ type: 'ready' });
