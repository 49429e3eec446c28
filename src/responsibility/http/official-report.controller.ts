import { withEventLinks, type EventLinks } from '../../http/event-links.js';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { answerCsv, wantsCsv } from '../../http/csv.js';
import { REPORT_FIGURE_COLUMNS, reportFigures } from '../report-figures.csv.js';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { ProjectionEngine } from '../../projections/projection-engine.js';
import { OfficialReports } from '../projection/official-report.js';
import { responsibilityFactsProjection } from '../projection/responsibility-facts.projection.js';
import type { ResponsibilityReport } from '../report-output.js';
import { readAfter } from '../../projections/read-after.js';
import { ReportQueryDto } from './report.query.dto.js';
import { Requires, officialParam } from '../../auth/requires.decorator.js';

@ApiTags('responsibility')
@Controller('api/v1/officials')
@ApiServiceUnavailableResponse({ description: 'minPosition was not reached within 2 s (code PROJECTION.BEHIND)' })
export class OfficialReportController {
  constructor(
    private readonly reviews: OfficialReports,
    private readonly engine: ProjectionEngine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Requires('officials.review', officialParam)
  @ApiAnswer(READ_EXAMPLES.officialReport, {
    description: 'The review; eventLinks opens each evidence id',
    csv: 'figure,count,evidence\r\ncases.total,1,8d07c531-fb8f-4ed9-96ba-e7d535db17c2\r\n',
  })
  @Get(':officialId/review')
  @ApiOperation({
    summary:
      "The official's responsibility review over a period: assignments, monthly attendance, visits, cases handled, must-report matters, pre-emptions, reviews; every figure with its evidence event ids",
  })
  @ApiOkResponse({
    description: 'The review (src/responsibility/README.md), as of now; Ledger-Projection-Position says how far it has read the ledger',
  })
  @ApiBadRequestResponse({ description: 'Bad dates, REVIEW.EMPTY_PERIOD (from after to), REVIEW.PERIOD_TOO_LONG (over 5 years)' })
  @ApiNotFoundResponse({ description: 'No such official (NOT_FOUND)' })
  async review(
    @Param('officialId') officialId: string,
    @Query() query: ReportQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<(ResponsibilityReport & EventLinks) | string> {
    await readAfter(this.engine, responsibilityFactsProjection.name, query.minPosition, response);
    const review = this.reviews.review(officialId, { from: query.from, to: query.to }, this.clock.now());
    if (wantsCsv(request, query))
      return answerCsv(response, `review-${officialId}-${query.from}-${query.to}.csv`, REPORT_FIGURE_COLUMNS, reportFigures(review), query);
    return withEventLinks(review);
  }
}
