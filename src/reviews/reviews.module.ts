import { Module } from '@nestjs/common';
import { OfficialsModule } from '../officials/officials.module.js';
import { ReviewsController } from './http/reviews.controller.js';

@Module({
  imports: [OfficialsModule],
  controllers: [ReviewsController],
})
export class ReviewsModule {}
