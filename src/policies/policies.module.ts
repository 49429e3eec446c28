import { Module } from '@nestjs/common';
import { PoliciesController } from './http/policies.controller.js';

@Module({
  controllers: [PoliciesController],
})
export class PoliciesModule {}
