import { Global, Module } from '@nestjs/common';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { MediaStore } from './media-store.js';

/** The content-addressed store of photos kept with reports, shared by the Open311 intake and the case reads. */
@Global()
@Module({
  providers: [{ provide: MediaStore, inject: [LEDGER_CONFIG], useFactory: (config: LedgerConfig) => new MediaStore(config.dataDir) }],
  exports: [MediaStore],
})
export class MediaModule {}
