import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { verifierKeyOf } from '../../integrity/checkpoint/signed-note.js';
import { loadOrCreateSigningKey } from '../../integrity/checkpoint/signing-key.js';
import { ensureWritableFolder } from '../../ledger/open-event-store.js';

/** Prints the verifier key of the checkpoint signer, generating the data folder's key if it has none yet. */
@Command({
  name: 'public-key',
  description: "Print the checkpoint signer's verifier key (<origin>+<key id>+<base64 key>), to hand to auditors",
})
export class PublicKeyCommand extends CommandRunner {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run(): Promise<void> {
    if (this.config.integrity.signingKeyFile === undefined) ensureWritableFolder(this.config.dataDir);
    const key = loadOrCreateSigningKey(this.config.dataDir, this.config.integrity);
    process.stdout.write(`${verifierKeyOf(this.config.integrity.origin, key).text}\n`);
  }
}
