import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CaseIntake } from '../cases/case-intake.js';
import { caseDecider } from '../cases/case.decider.js';
import { caseStream } from '../cases/case.events.js';
import type { ReceivedCase } from '../cases/case.state.js';
import { CLOCK, type Clock } from '../domain-kit/clock.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { commandEnvelope } from '../http/command-request.js';
import { readAggregate } from '../ledger/aggregate-reader.js';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';
import { UnitDirectory } from '../organisation/unit-directory.js';
import { CreateServiceRequestDto } from './dto/create-service-request.dto.js';
import { ListServiceRequestsQueryDto } from './dto/list-service-requests.query.dto.js';
import { OPEN311_SERVICES } from './open311-services.js';
import { ServiceRequestIndex } from './service-request-index.js';
import { serviceRequestView, type ServiceRequestView } from './service-request.view.js';
import { Public, Requires } from '../auth/requires.decorator.js';
import { ClientRateLimitGuard } from './client-rate-limit.guard.js';
import { MultipartIntakeInterceptor } from './multipart-intake.interceptor.js';
import { SubmissionEvidence } from './submission-evidence.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_RESULTS = 1000;

/**
 * Open311 GeoReport v2, JSON format, so existing citizen-reporting apps can submit and follow reports.
 * A service request is a case received on the online channel; its id is the case id.
 */
@ApiTags('open311')
@Controller('open311/v2')
@ApiBadRequestResponse({ description: 'GeoReport v2 error list: [{ code, description, error_code }]' })
export class Open311Controller {
  constructor(
    private readonly intake: CaseIntake,
    private readonly units: UnitDirectory,
    private readonly index: ServiceRequestIndex,
    private readonly evidence: SubmissionEvidence,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Public()
  @Get('services.json')
  @ApiOperation({ summary: 'The kinds of report that can be submitted' })
  services() {
    return OPEN311_SERVICES;
  }

  @Public()
  @UseGuards(ClientRateLimitGuard)
  @UseInterceptors(MultipartIntakeInterceptor)
  @Post('requests.json')
  @HttpCode(201)
  @ApiConsumes('application/x-www-form-urlencoded', 'multipart/form-data', 'application/json')
  @ApiCreatedResponse({ description: '[{ service_request_id, service_notice, account_id }]' })
  @ApiUnprocessableEntityResponse({ description: 'jurisdiction_id is not an active unit' })
  async create(@Body() body: CreateServiceRequestDto, @Req() request: Request) {
    const hasPoint = body.lat !== undefined && body.long !== undefined;
    if (!hasPoint && body.address_string === undefined && body.address_id === undefined) {
      throw new BadRequestException({
        code: 'OPEN311.LOCATION_REQUIRED',
        message: 'A location is required: lat and long, address_string or address_id.',
      });
    }
    const name = [body.first_name, body.last_name].filter(Boolean).join(' ');
    const { caseId } = await this.intake.receive(
      {
        unitId: body.jurisdiction_id,
        category: body.service_code as Parameters<CaseIntake['receive']>[0]['category'],
        channel: 'online',
        summary: body.description,
        reporter: { ...(name ? { name } : {}), ...(body.email ? { email: body.email } : {}), ...(body.phone ? { phone: body.phone } : {}) },
        location: {
          ...(body.address_string ? { address: body.address_string } : {}),
          ...(body.address_id ? { addressId: body.address_id } : {}),
          ...(hasPoint ? { lat: body.lat, long: body.long } : {}),
        },
        ...(await this.evidence.of(request, body.jurisdiction_id, body.media_url)),
      },
      commandEnvelope(request, this.clock.now(), undefined),
    );
    return [
      {
        service_request_id: caseId,
        service_notice: 'Received by the accountability ledger; follow it with GET requests/{id}.json.',
        account_id: body.account_id ?? null,
      },
    ];
  }

  @Requires('open311.read')
  @Get('requests/:id.json')
  @ApiOkResponse({ description: 'A list with the one service request' })
  @ApiNotFoundResponse({ description: 'No such request' })
  async one(@Param('id') id: string): Promise<ServiceRequestView[]> {
    if (!/^[A-Za-z0-9-]{1,80}$/.test(id)) throw new DomainError('NOT_FOUND', `Service request ${id} does not exist.`, 'not-found');
    return [await this.view(id)];
  }

  @Requires('open311.read')
  @Get('requests.json')
  @ApiOkResponse({ description: 'Service requests, newest first, at most 1000' })
  async list(@Query() query: ListServiceRequestsQueryDto): Promise<ServiceRequestView[]> {
    const to = query.end_date ? Date.parse(query.end_date) : this.clock.now().getTime();
    const from = query.start_date ? Date.parse(query.start_date) : to - 90 * DAY_MS;
    if (from > to) throw new BadRequestException({ code: 'OPEN311.DATE_RANGE', message: 'start_date is after end_date.' });
    await this.index.caughtUp();
    const ids = query.service_request_id?.split(',');
    const found = this.index.find({
      ids,
      serviceCodes: ids ? undefined : query.service_code?.split(','),
      from: ids ? -Infinity : from,
      to: ids ? Infinity : to,
      limit: MAX_RESULTS,
    });
    const statuses = query.status?.split(',');
    const views = await Promise.all(found.map((request) => this.view(request.caseId)));
    return views.filter((view) => ids || !statuses || statuses.includes(view.status));
  }

  private async view(caseId: string): Promise<ServiceRequestView> {
    const { state } = await readAggregate(this.store, caseDecider, caseStream(caseId), `Service request ${caseId}`);
    const received = state as ReceivedCase;
    const unit = await this.units.state(received.currentUnitId);
    return serviceRequestView(received, unit.status === 'unregistered' ? received.currentUnitId : unit.name);
  }
}
