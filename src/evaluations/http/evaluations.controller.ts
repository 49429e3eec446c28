import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiAnswer, ApiFileAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import { answerCsv, wantsCsv } from '../../http/csv.js';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { DomainError } from '../../domain-kit/domain-error.js';
import { ProjectionEngine } from '../../projections/projection-engine.js';
import { readAfter } from '../../projections/read-after.js';
import { responsibilityFactsProjection } from '../../responsibility/projection/responsibility-facts.projection.js';
import { AnnualEvaluations, FIRST_YEAR, LAST_YEAR, type AnnualEvaluation, type EvaluationScope } from '../annual-evaluations.js';
import { sortEvaluations } from '../evaluation.js';
import { EVALUATION_COLUMNS } from '../evaluations.csv.js';
import { withEventLinks, type EventLinks } from '../../http/event-links.js';
import { EvaluationQueryDto } from './evaluation.query.dto.js';
import { Requires } from '../../auth/requires.decorator.js';

@ApiTags('evaluations')
@Controller('api/v1/evaluations')
@ApiBadRequestResponse({
  description: `EVALUATION.YEAR_OUT_OF_RANGE (${FIRST_YEAR}..${LAST_YEAR}), EVALUATION.ONE_SUBJECT (exactly one of officialId and unitId)`,
})
@ApiNotFoundResponse({ description: 'No such official or unit (NOT_FOUND)' })
@ApiServiceUnavailableResponse({ description: 'minPosition was not reached within 2 s (code PROJECTION.BEHIND)' })
export class EvaluationsController {
  constructor(
    private readonly evaluations: AnnualEvaluations,
    private readonly engine: ProjectionEngine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // Declared before ':year', which would otherwise take "2024.csv" as a year.
  @Requires('oversight.read')
  @ApiFileAnswer('text/csv', 'RFC 4180, UTF-8 with a BOM unless bom=false', 'officialId,fullName,received,receivedEvidence\r\n')
  @Get(':year.csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'The same evaluation as CSV (RFC 4180): one row per official, each indicator a count column and an <indicator>Evidence column of space-separated event ids',
  })
  async csv(
    @Param('year') year: string,
    @Query() query: EvaluationQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const evaluation = await this.evaluate(year, query, response);
    return answerCsv(response, `evaluation-${evaluation.year}.csv`, EVALUATION_COLUMNS, evaluation.officials, query);
  }

  @Requires('oversight.read')
  @ApiAnswer(READ_EXAMPLES.evaluation, {
    description: 'The annual evaluation; eventLinks opens each evidence id',
    csv: 'officialId,fullName,received,receivedEvidence\r\n',
  })
  @Get(':year')
  @ApiOperation({
    summary: "The annual evaluation: per official, the year's indicators side by side, each with the event ids it was computed from",
  })
  @ApiOkResponse({
    description: '{ year, period, asOf, scope, officials: [{ officialId, fullName, indicators: { <indicator>: { count, evidence } } }] }',
  })
  async json(
    @Param('year') year: string,
    @Query() query: EvaluationQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<(AnnualEvaluation & EventLinks) | string> {
    const evaluation = await this.evaluate(year, query, response);
    if (wantsCsv(request, query))
      return answerCsv(response, `evaluation-${evaluation.year}.csv`, EVALUATION_COLUMNS, evaluation.officials, query);
    return withEventLinks(evaluation);
  }

  private async evaluate(year: string, query: EvaluationQueryDto, response: Response): Promise<AnnualEvaluation> {
    if (!/^\d{4}$/.test(year))
      throw new DomainError('EVALUATION.YEAR_OUT_OF_RANGE', `The year must be four digits, ${FIRST_YEAR} to ${LAST_YEAR}.`, 'invalid');
    const scope = scopeOf(query);
    await readAfter(this.engine, responsibilityFactsProjection.name, query.minPosition, response);
    const evaluation = this.evaluations.evaluate(Number(year), scope, this.clock.now());
    return { ...evaluation, officials: sortEvaluations(evaluation.officials, query.sort ?? 'officialId', query.order ?? 'asc') };
  }
}

function scopeOf(query: EvaluationQueryDto): EvaluationScope {
  if (query.officialId !== undefined && query.unitId === undefined) return { officialId: query.officialId };
  if (query.unitId !== undefined && query.officialId === undefined) return { unitId: query.unitId };
  throw new DomainError(
    'EVALUATION.ONE_SUBJECT',
    'Evaluate one official (officialId) or the officials of one unit (unitId): exactly one of them.',
    'invalid',
  );
}
