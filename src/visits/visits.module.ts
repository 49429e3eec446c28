import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { OfficialsModule } from '../officials/officials.module.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { VisitsController } from './http/visits.controller.js';
import { VisitFindingCases } from './visit-finding-cases.js';

/** Visits to the grassroots: units and officials they name, and the cases their findings open. */
@Module({
  imports: [OrganisationModule, OfficialsModule, CasesModule],
  controllers: [VisitsController],
  providers: [VisitFindingCases],
})
export class VisitsModule {}
