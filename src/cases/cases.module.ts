import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { OfficialsModule } from '../officials/officials.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { CalendarModule } from '../calendar/http/calendar.module.js';
import { CaseIntake } from './case-intake.js';
import { FirstLevelComplaints } from './first-level-complaints.js';
import { CaseMediaController } from './http/case-media.controller.js';
import { CasesController } from './http/cases.controller.js';
import { CaseHistoryController } from './history/case-history.controller.js';

/** Citizens' reports and how they are handled; exports CaseIntake for visits and Open311. */
@Module({
  imports: [OrganisationModule, OfficialsModule, PoliciesModule, CalendarModule],
  controllers: [CasesController, CaseHistoryController, CaseMediaController],
  providers: [CaseIntake, FirstLevelComplaints],
  exports: [CaseIntake],
})
export class CasesModule {}
