import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { OfficialsController } from './http/officials.controller.js';
import { OfficialDirectory } from './official-directory.js';

@Module({
  imports: [OrganisationModule],
  controllers: [OfficialsController],
  providers: [OfficialDirectory],
  exports: [OfficialDirectory],
})
export class OfficialsModule {}
