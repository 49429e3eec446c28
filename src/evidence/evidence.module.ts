import { Module } from '@nestjs/common';
import { IntegrityModule } from '../integrity/integrity.module.js';
import { PersonalDataModule } from '../personal-data/personal-data.module.js';
import { EventEvidence } from './event-evidence.js';
import { EventsController } from './http/events.controller.js';

/** Any event by its id, as evidence with its inclusion proof: what every evidence link opens. */
@Module({
  imports: [IntegrityModule, PersonalDataModule],
  controllers: [EventsController],
  providers: [EventEvidence],
})
export class EvidenceModule {}
