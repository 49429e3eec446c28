import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { OfficialsModule } from '../officials/officials.module.js';
import { MeetingsController } from './http/meetings.controller.js';

@Module({
  imports: [OrganisationModule, OfficialsModule],
  controllers: [MeetingsController],
})
export class MeetingsModule {}
