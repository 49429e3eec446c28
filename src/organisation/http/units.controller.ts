import { Body, Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import { randomUUID } from 'node:crypto';
import { CommandHandler, type CommandEnvelope } from '../../ledger/command-handler.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { CommandErrorResponses } from '../../http/api-docs.js';
import { CommandAnswer } from '../../http/command-answer.interceptor.js';
import { CommandRoute, resourceSchema } from '../../http/command-route.decorator.js';
import { Envelope } from '../../http/envelope.decorator.js';
import { CorrectionRequestDto } from '../../http/correction.request.dto.js';
import { newAggregateId } from '../../http/new-aggregate-id.js';
import { unitDecider, type UnitCommand, type UnitState } from '../unit.decider.js';
import { unitStream, type UnitEvent } from '../unit.events.js';
import { AggregateEndpoint } from '../../http/aggregate-endpoint.js';
import { UnitDirectory } from '../unit-directory.js';
import { mergerAbsorption } from '../merger-absorption.js';
import { RegisterUnitRequestDto } from './dto/register-unit.request.dto.js';
import {
  AbolishUnitRequestDto,
  MergeUnitRequestDto,
  MoveUnitRequestDto,
  RenameUnitRequestDto,
  SetUnitRemoteAreaRequestDto,
} from './dto/unit-actions.request.dto.js';
import { unitView } from './unit.view.js';
import { Requires } from '../../auth/requires.decorator.js';

const UNIT_ANSWER = resourceSchema('The unit');

@ApiTags('units')
@Controller('api/v1/units')
@CommandErrorResponses()
export class UnitsController {
  private readonly endpoint: AggregateEndpoint<UnitCommand, UnitEvent, UnitState>;

  constructor(
    commands: CommandHandler,
    private readonly units: UnitDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    this.endpoint = new AggregateEndpoint(
      { decider: unitDecider, streamOf: unitStream, name: 'Unit', notFoundCode: 'UNIT.NOT_FOUND', view: unitView },
      commands,
      store,
    );
  }

  @CommandRoute(undefined, 'organisation.manage', {
    creates: true,
    answers: 'Registered; Location names the unit, ETag its revision.',
    schema: UNIT_ANSWER,
  })
  async register(@Body() body: RegisterUnitRequestDto, @Envelope() envelope: CommandEnvelope) {
    const unitId = body.unitId ?? newAggregateId(envelope, 'unit', randomUUID);
    const parent = body.parentId === undefined ? null : await this.units.reference(body.parentId);
    const command: UnitCommand = { type: 'RegisterUnit', unitId, name: body.name, kind: body.kind, parent };
    return this.endpoint.create(unitId, command, envelope, `/api/v1/units/${unitId}`, { unitId });
  }

  @Requires('directory.read')
  @ApiAnswer(READ_EXAMPLES.unit, { description: 'The unit, with its ETag' })
  @Get(':unitId')
  @ApiOkResponse({ description: 'The unit now, with its ETag.', schema: UNIT_ANSWER })
  @ApiNotFoundResponse({ description: 'No such unit (code NOT_FOUND).' })
  get(@Param('unitId') unitId: string, @Res({ passthrough: true }) response: Response) {
    return this.endpoint.show(unitId, response);
  }

  @CommandRoute(':unitId/renamings', 'organisation.manage', { answers: 'The unit, renamed.', schema: UNIT_ANSWER })
  rename(@Param('unitId') unitId: string, @Body() body: RenameUnitRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.endpoint.act(unitId, { type: 'RenameUnit', name: body.name }, envelope);
  }

  @CommandRoute(':unitId/mergers', 'organisation.manage', {
    answers: 'The merged unit; Ledger-Position names the UnitAbsorbed recorded on the continuing unit.',
    schema: UNIT_ANSWER,
    conflicts: 'The unit is no longer active (UNIT.MERGED, UNIT.ABOLISHED).',
  })
  async merge(@Param('unitId') unitId: string, @Body() body: MergeUnitRequestDto, @Envelope() envelope: CommandEnvelope) {
    const into = await this.units.reference(body.intoUnitId);
    const result = await this.endpoint.handle(unitId, { type: 'MergeUnit', into }, envelope);
    // The continuing unit links back to the merged one, so its history is reachable from both ids: the
    // command's second event, written now from the first (by the process manager if this is cut off).
    const merger = result.events.find((event) => event.type === 'UnitMerged');
    const absorbed = merger ? await mergerAbsorption.write(this.store, merger) : null;
    return new CommandAnswer(result, unitView(result.state), undefined, absorbed);
  }

  @CommandRoute(':unitId/abolitions', 'organisation.manage', { answers: 'The unit, abolished.', schema: UNIT_ANSWER })
  abolish(@Param('unitId') unitId: string, @Body() body: AbolishUnitRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.endpoint.act(unitId, { type: 'AbolishUnit', reason: body.reason }, envelope);
  }

  @CommandRoute(':unitId/moves', 'organisation.manage', {
    answers: 'The unit under its new parent from the effective day on; its parents shows every stretch.',
    schema: UNIT_ANSWER,
    conflicts: 'UNIT.MOVE_MAKES_CYCLE, UNIT.ALREADY_UNDER, UNIT.MOVE_OUT_OF_ORDER, UNIT.MERGED, UNIT.ABOLISHED.',
  })
  async move(@Param('unitId') unitId: string, @Body() body: MoveUnitRequestDto, @Envelope() envelope: CommandEnvelope) {
    const to = await this.units.reference(body.toParentId);
    const aboveTarget = await this.units.aboveFrom(body.toParentId, body.effectiveOn);
    const command: UnitCommand = { type: 'MoveUnit', to, effectiveOn: body.effectiveOn, legalBasis: body.legalBasis, aboveTarget };
    return this.endpoint.act(unitId, command, envelope);
  }

  @CommandRoute(':unitId/remote-area', 'organisation.manage', {
    answers: 'The unit, a remote area (or no longer one) from the effective day on; its remoteArea shows every change.',
    schema: UNIT_ANSWER,
    conflicts: 'UNIT.REMOTE_AREA_UNCHANGED, UNIT.REMOTE_AREA_OUT_OF_ORDER, UNIT.MERGED, UNIT.ABOLISHED.',
  })
  setRemoteArea(@Param('unitId') unitId: string, @Body() body: SetUnitRemoteAreaRequestDto, @Envelope() envelope: CommandEnvelope) {
    const { remote, effectiveOn, legalBasis } = body;
    return this.endpoint.act(unitId, { type: 'SetUnitRemoteArea', remote, effectiveOn, legalBasis }, envelope);
  }

  @CommandRoute(':unitId/corrections', 'organisation.manage', { answers: 'The unit, the correction applied.', schema: UNIT_ANSWER })
  correct(@Param('unitId') unitId: string, @Body() body: CorrectionRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.endpoint.act(
      unitId,
      { type: 'CorrectUnitEvent', eventId: body.eventId, reason: body.reason, fields: body.fields },
      envelope,
    );
  }
}
