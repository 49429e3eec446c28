import { Module } from '@nestjs/common';
import { UnitsController } from './http/units.controller.js';
import { UnitDirectory } from './unit-directory.js';

@Module({
  controllers: [UnitsController],
  providers: [UnitDirectory],
  exports: [UnitDirectory],
})
export class OrganisationModule {}
