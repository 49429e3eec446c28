import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { Open311Controller } from './open311.controller.js';
import { ServiceRequestIndex } from './service-request-index.js';

/** The public GeoReport v2 intake: no token, rate-limited per client (ClientRateLimitGuard). */
@Module({
  imports: [CasesModule, OrganisationModule],
  controllers: [Open311Controller],
  providers: [ServiceRequestIndex],
})
export class Open311Module {}
