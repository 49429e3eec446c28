import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { CommandHandler } from '../../ledger/command-handler.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { answer, answerSecondStep, commandEnvelope } from '../../http/command-request.js';
import { CommandErrorResponses, IdempotencyKeyHeader, IfMatchHeader } from '../../http/api-docs.js';
import { CorrectionRequestDto } from '../../http/correction.request.dto.js';
import { newAggregateId } from '../../http/new-aggregate-id.js';
import { unitDecider, type UnitCommand, type UnitState } from '../unit.decider.js';
import { unitStream, type UnitEvent } from '../unit.events.js';
import { AggregateEndpoint } from '../../http/aggregate-endpoint.js';
import { UnitDirectory } from '../unit-directory.js';
import { mergerAbsorption } from '../merger-absorption.js';
import { RegisterUnitRequestDto } from './dto/register-unit.request.dto.js';
import { AbolishUnitRequestDto, MergeUnitRequestDto, RenameUnitRequestDto } from './dto/unit-actions.request.dto.js';
import { unitView } from './unit.view.js';
import { Requires } from '../../auth/requires.decorator.js';

@ApiTags('units')
@Controller('api/v1/units')
@CommandErrorResponses()
export class UnitsController {
  private readonly endpoint: AggregateEndpoint<UnitCommand, UnitEvent, UnitState>;

  constructor(
    private readonly commands: CommandHandler,
    private readonly units: UnitDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.endpoint = new AggregateEndpoint(
      { decider: unitDecider, streamOf: unitStream, name: 'Unit', view: unitView },
      commands,
      store,
      clock,
    );
  }

  @Requires('organisation.manage')
  @Post()
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ description: 'Registered; Location names the unit, ETag its revision.' })
  async register(@Body() body: RegisterUnitRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const envelope = commandEnvelope(request, this.clock.now(), body.occurredAt);
    const unitId = body.unitId ?? newAggregateId(envelope, 'unit', randomUUID);
    const parent = body.parentId === undefined ? null : await this.units.reference(body.parentId);
    const result = await this.commands.handle(
      unitDecider,
      unitStream(unitId),
      { type: 'RegisterUnit', unitId, name: body.name, kind: body.kind, parent },
      envelope,
    );
    answer(response, result, `/api/v1/units/${unitId}`);
    return { unitId, ...unitView(result.state) };
  }

  @Requires('directory.read')
  @ApiAnswer(READ_EXAMPLES.unit, { description: 'The unit, with its ETag' })
  @Get(':unitId')
  @ApiOkResponse({ description: 'The unit now, with its ETag.' })
  @ApiNotFoundResponse({ description: 'No such unit (code NOT_FOUND).' })
  get(@Param('unitId') unitId: string, @Res({ passthrough: true }) response: Response) {
    return this.endpoint.show(unitId, response);
  }

  @Requires('organisation.manage')
  @Post(':unitId/renamings')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  rename(
    @Param('unitId') unitId: string,
    @Body() body: RenameUnitRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(unitId, { type: 'RenameUnit', name: body.name }, body.occurredAt, request, response);
  }

  @Requires('organisation.manage')
  @Post(':unitId/mergers')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({ description: 'The unit is no longer active (UNIT.MERGED, UNIT.ABOLISHED).' })
  @ApiOkResponse({ description: 'The merged unit; Ledger-Position names the UnitAbsorbed recorded on the continuing unit.' })
  async merge(
    @Param('unitId') unitId: string,
    @Body() body: MergeUnitRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.endpoint.read(unitId);
    const into = await this.units.reference(body.intoUnitId);
    const result = await this.commands.handle(
      unitDecider,
      unitStream(unitId),
      { type: 'MergeUnit', into },
      commandEnvelope(request, this.clock.now(), body.occurredAt),
    );
    // The continuing unit links back to the merged one, so its history is reachable from both ids: the
    // command's second event, written now from the first (by the process manager if this is cut off).
    const merger = result.events.find((event) => event.type === 'UnitMerged');
    const absorbed = merger ? await mergerAbsorption.write(this.store, merger) : null;
    answer(response, result);
    answerSecondStep(response, absorbed);
    return unitView(result.state);
  }

  @Requires('organisation.manage')
  @Post(':unitId/abolitions')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  abolish(
    @Param('unitId') unitId: string,
    @Body() body: AbolishUnitRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(unitId, { type: 'AbolishUnit', reason: body.reason }, body.occurredAt, request, response);
  }

  @Requires('organisation.manage')
  @Post(':unitId/corrections')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  correct(
    @Param('unitId') unitId: string,
    @Body() body: CorrectionRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(
      unitId,
      { type: 'CorrectUnitEvent', eventId: body.eventId, reason: body.reason, fields: body.fields },
      body.occurredAt,
      request,
      response,
    );
  }

  private act(unitId: string, command: UnitCommand, occurredAt: string | undefined, request: Request, response: Response) {
    return this.endpoint.act(unitId, command, occurredAt, request, response);
  }
}
