import { Command, CommandRunner } from 'nest-commander';
import { ALL_PROJECTIONS } from '../projections/all-projections.js';
import { rebuildProjection } from '../projections/rebuild.js';
import { CliResources } from './cli-resources.js';
import { ProgressReporter } from './progress-reporter.js';

/** Exit codes: 0 rebuilt, 1 a rebuild failed, 2 no such projection. */
@Command({
  name: 'rebuild',
  arguments: '[name]',
  description: 'Rebuild one projection, or all, from position 0 into new tables, then swap them in. The service can keep running.',
})
export class RebuildCommand extends CommandRunner {
  constructor(private readonly resources: CliResources) {
    super();
  }

  async run([name]: string[]): Promise<void> {
    const chosen = name === undefined ? ALL_PROJECTIONS : ALL_PROJECTIONS.filter((projection) => projection.name === name);
    if (chosen.length === 0) {
      process.stderr.write(
        `There is no projection "${name}". Known projections: ${ALL_PROJECTIONS.map((projection) => projection.name).join(', ')}.\n`,
      );
      process.exitCode = 2;
      return;
    }
    const store = await this.resources.eventStore();
    const db = this.resources.readModels();
    for (const projection of chosen) {
      const progress = new ProgressReporter(process.stdout, projection.name);
      try {
        progress.finish(await rebuildProjection(db, store, projection, { onProgress: progress.update }));
      } catch (error) {
        process.stderr.write(`\nThe rebuild of ${projection.name} failed; the live generation is unchanged: ${(error as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
    }
  }
}
