import { userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Command, CommandRunner } from 'nest-commander';
import { DomainError } from '../domain-kit/domain-error.js';
import { PersonalDataErasure } from '../personal-data/personal-data-erasure.js';
import { CliResources } from './cli-resources.js';

/** Exit codes: 0 erased, 1 failed, 2 no such subject, 3 already erased. */
@Command({
  name: 'erase-subject',
  arguments: '<subjectId>',
  description:
    "Erase a data subject's personal data (e.g. reporter-<caseId>): delete its key from keys.db and record PersonalDataErased. The sealed data stays in the ledger, unreadable; the hash chain still verifies. The service can keep running.",
})
export class EraseSubjectCommand extends CommandRunner {
  constructor(private readonly resources: CliResources) {
    super();
  }

  async run([subjectId]: string[]): Promise<void> {
    try {
      const erasure = new PersonalDataErasure(await this.resources.keyStore(), await this.resources.eventStore());
      const erased = await erasure.erase(subjectId, {
        actor: `cli:${operator()}`,
        correlationId: `cli-erase-subject-${randomUUID()}`,
        now: new Date(),
      });
      process.stdout.write(
        `Erased ${erased.subjectId} at ${erased.erasedAt}: its key is deleted; PersonalDataErased is event ${erased.eventId} (position ${erased.position}).\n`,
      );
    } catch (error) {
      if (
        error instanceof DomainError &&
        (error.code === 'PERSONAL_DATA.UNKNOWN_SUBJECT' || error.code === 'PERSONAL_DATA.ALREADY_ERASED')
      ) {
        process.stderr.write(`${error.message}\n`);
        process.exitCode = error.code === 'PERSONAL_DATA.UNKNOWN_SUBJECT' ? 2 : 3;
        return;
      }
      process.stderr.write(`The erasure of ${subjectId} failed: ${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  }
}

function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
