import { resolve } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliResources } from '../cli-resources.js';
import { CommandRefusedError, processTerminal } from '../backup/terminal.js';

interface ImportCommandOptions {
  readonly dryRun?: boolean;
  readonly skipBad?: boolean;
  readonly sourceSystem?: string;
  readonly actor?: string;
  readonly format?: string;
}

/** Exit codes: 0 imported (or a clean dry run), 1 bad rows and nothing written, or a write failed; 2 refused (the file cannot be read). */
@Command({
  name: 'import',
  arguments: '<file>',
  description:
    'Bring in the records of a previous system or a spreadsheet (CSV or JSON Lines, see docs/import/): units, officials and assignments, cases with every step, visits and meetings, each row decided as the API decides it. Safe while the service runs; running it again writes nothing twice.',
})
export class ImportCommand extends CommandRunner {
  constructor(private readonly resources: CliResources) {
    super();
  }

  async run([file]: string[], options: ImportCommandOptions = {}): Promise<void> {
    try {
      // Loaded on use: the import brings in every request DTO and decider, which no other command needs at start.
      const { runImport } = await import('./run-import.js');
      const summary = await runImport(
        resolve(file),
        {
          dryRun: options.dryRun,
          skipBad: options.skipBad,
          system: options.sourceSystem ?? 'previous-system',
          actor: options.actor ?? 'ledger-import',
          format: options.format,
        },
        this.resources,
        processTerminal,
      );
      process.exitCode = summary.exitCode;
    } catch (error) {
      process.stderr.write(`ledger import: ${(error as Error).message}\n`);
      process.exitCode = error instanceof CommandRefusedError ? 2 : 1;
    }
  }

  @Option({ flags: '--dry-run', description: 'Check every row and list the bad ones with their line numbers; write nothing' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({
    flags: '--skip-bad',
    description: 'Import the good rows even when some are bad (they are listed); without it a bad row stops everything',
  })
  parseSkipBad(): boolean {
    return true;
  }

  @Option({
    flags: '--source-system <name>',
    description:
      'The previous system the ids of the file belong to (default previous-system): ledger ids are derived from it and the source ids',
  })
  parseSourceSystem(value: string): string {
    return value;
  }

  @Option({ flags: '--actor <name>', description: 'Who is recorded as having recorded the imported facts (default ledger-import)' })
  parseActor(value: string): string {
    return value;
  }

  @Option({ flags: '--format <format>', description: 'csv or jsonl (default: from the file name: .csv, .jsonl, .ndjson)' })
  parseFormat(value: string): string {
    return value;
  }
}
