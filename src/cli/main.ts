#!/usr/bin/env node
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { CommandFactory } from 'nest-commander';
import { ConfigurationError, loadLedgerConfig } from '../config/ledger.config.js';
import { CliModule } from './cli.module.js';
import { RowChecker } from '../import/row-checker.js';

/** `ledger <command>` (npm run cli -- <command>): works on LEDGER_DATA_DIR, as the service does. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadLedgerConfig(process.env);
  process.umask(0o077); // what the CLI creates in the data folder (the token secret, read models) is owner-only too
  // An import's checking thread loads the API's DTOs (a second or more) on the other core while this
  // one starts the CLI (NestJS and nest-commander), so that it is ready by the first row.
  const command = process.argv.slice(2).find((argument) => !argument.startsWith('-'));
  const rowChecker = command === 'import' ? RowChecker.openCompiled() : undefined;
  await CommandFactory.run(CliModule.forConfig(config, rowChecker), {
    cliName: 'ledger',
    logger: false,
    serviceErrorHandler: (error) => {
      process.stderr.write(`ledger: ${error.message}\n`);
      process.exitCode = 1;
    },
  });
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigurationError
      ? `Configuration error: ${error.message}`
      : `ledger: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
