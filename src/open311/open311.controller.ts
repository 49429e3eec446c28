import { ApiAnswer } from '../http/documented-answer.js';
import { READ_EXAMPLES } from '../http/read-examples.js';
import {
  BadRequestException,
  Body,
  ForbiddenException,
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
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { CaseIntake } from '../cases/case-intake.js';
import { caseDecider } from '../cases/case.decider.js';
import { caseStream } from '../cases/case.events.js';
import type { ReceivedCase } from '../cases/case.state.js';
import { CLOCK, type Clock } from '../domain-kit/clock.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { commandEnvelope } from '../http/command-request.js';
import { newAggregateId } from '../http/new-aggregate-id.js';
import { readAggregate } from '../ledger/aggregate-reader.js';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';
import { UnitDirectory } from '../organisation/unit-directory.js';
import { CreateServiceRequestDto } from './dto/create-service-request.dto.js';
import { ListServiceRequestsQueryDto } from './dto/list-service-requests.query.dto.js';
import { OPEN311_SERVICES } from './open311-services.js';
import { ServiceRequestIndex } from './service-request-index.js';
import { serviceRequestView, statusOnlyView, type ServiceRequestView } from './service-request.view.js';
import { OrOtherCredential, Public, Requires } from '../auth/requires.decorator.js';
import { decideAccess, grantedEverywhere } from '../auth/access-policy.js';
import { principalOf, UNAUTHENTICATED_PRINCIPAL } from '../auth/principal.js';
import { ResourceScopes } from '../auth/resource-scopes.js';
import { foldStream } from '../ledger/command-handler.js';
import { CitizenStatusTokens, presentsStatusToken, statusTokenOf } from './citizen-status-token.js';
import { ClientRateLimitGuard } from './client-rate-limit.guard.js';
import { MultipartIntakeInterceptor } from './multipart-intake.interceptor.js';
import { SubmissionEvidence } from './submission-evidence.js';
import { ServiceRequestReceiptView } from './service-request-receipt.view.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const SERVICE_REQUEST_ID = /^[A-Za-z0-9-]{1,80}$/;
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
    private readonly scopes: ResourceScopes,
    private readonly statusTokens: CitizenStatusTokens,
    private readonly evidence: SubmissionEvidence,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Public()
  @ApiAnswer(READ_EXAMPLES.open311Services, { description: 'GeoReport v2 service list' })
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
  @ApiCreatedResponse({
    description: "A list of one receipt; its token is the secret that reads this request's status",
    type: [ServiceRequestReceiptView],
  })
  @ApiUnprocessableEntityResponse({ description: 'jurisdiction_id is not an active unit' })
  async create(@Body() body: CreateServiceRequestDto, @Req() request: Request): Promise<ServiceRequestReceiptView[]> {
    const hasPoint = body.lat !== undefined && body.long !== undefined;
    if (!hasPoint && body.address_string === undefined && body.address_id === undefined) {
      throw new BadRequestException({
        code: 'OPEN311.LOCATION_REQUIRED',
        message: 'A location is required: lat and long, address_string or address_id.',
      });
    }
    const name = [body.first_name, body.last_name].filter(Boolean).join(' ');
    const envelope = commandEnvelope(request, this.clock.now(), undefined);
    const caseId = newAggregateId(envelope, 'case', randomUUID);
    const token = this.statusTokens.tokenFor(caseId);
    const received = await this.intake.receive(
      {
        caseId,
        statusTokenHash: CitizenStatusTokens.hashOf(token),
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
      envelope,
    );
    // A repeat of a submission recorded under another secret cannot give its token again.
    const recorded = CitizenStatusTokens.matches(token, received.events[0]?.data.statusTokenHash);
    return [
      {
        service_request_id: caseId,
        token: recorded ? token : null,
        service_notice: 'Received by the accountability ledger; follow its status with GET requests/{id}.json?token=<token>.',
        account_id: body.account_id ?? null,
      },
    ];
  }

  /**
   * One service request: for staff, as they may read the case (cases.read, its unit scope); for the
   * citizen who submitted it, with its status token (?token= or X-Status-Token) and no staff token,
   * its status alone.
   */
  @Requires('cases.read', { from: 'case', param: 'id' })
  @OrOtherCredential(presentsStatusToken)
  @ApiAnswer(READ_EXAMPLES.open311Request, { description: 'A list with the one service request' })
  @Get('requests/:id.json')
  @ApiQuery({
    name: 'token',
    required: false,
    description: "The citizen's status token from the submission's answer (or header X-Status-Token)",
  })
  @ApiOkResponse({ description: 'A list with the one service request' })
  @ApiNotFoundResponse({ description: 'No such request' })
  @ApiForbiddenResponse({
    description: 'Out of scope (AUTH.UNIT_OUT_OF_SCOPE), or a status token that does not open it (OPEN311.STATUS_TOKEN_INVALID)',
  })
  async one(@Param('id') id: string, @Req() request: Request): Promise<ServiceRequestView[]> {
    if (principalOf(request) === UNAUTHENTICATED_PRINCIPAL) return [await this.statusByToken(id, statusTokenOf(request) ?? '')];
    if (!SERVICE_REQUEST_ID.test(id)) throw new DomainError('NOT_FOUND', `Service request ${id} does not exist.`, 'not-found');
    const { state } = await this.received(id);
    return [serviceRequestView(state, await this.agencyOf(state))];
  }

  /** The service requests the caller may read as cases (cases.read and its unit scope), newest first. */
  @Requires('cases.read')
  @ApiAnswer(READ_EXAMPLES.open311Requests, { description: 'Service requests, newest first, at most 1000' })
  @Get('requests.json')
  @ApiOkResponse({ description: 'Service requests, newest first, at most 1000' })
  async list(@Query() query: ListServiceRequestsQueryDto, @Req() request: Request): Promise<ServiceRequestView[]> {
    const to = query.end_date ? Date.parse(query.end_date) : this.clock.now().getTime();
    const from = query.start_date ? Date.parse(query.start_date) : to - 90 * DAY_MS;
    if (from > to) throw new BadRequestException({ code: 'OPEN311.DATE_RANGE', message: 'start_date is after end_date.' });
    await this.index.caughtUp();
    const principal = principalOf(request);
    const everywhere = grantedEverywhere(principal, 'cases.read');
    const served = everywhere ? 'all' : await this.scopes.servedUnits(principal);
    const ids = query.service_request_id?.split(',');
    const statuses = query.status?.split(',');
    const views: ServiceRequestView[] = [];
    const unitLines = new Map<string, Promise<string[]>>();
    const candidates = this.index.matching({
      ids,
      serviceCodes: ids ? undefined : query.service_code?.split(','),
      from: ids ? -Infinity : from,
      to: ids ? Infinity : to,
    });
    for (const candidate of candidates) {
      if (views.length >= MAX_RESULTS) break;
      const { state } = await this.received(candidate.caseId);
      if (served !== 'all' && !decideAccess(principal, 'cases.read', await this.scopes.caseScope(state, unitLines), served).allowed)
        continue;
      const view = serviceRequestView(state, await this.agencyOf(state));
      if (ids || !statuses || statuses.includes(view.status)) views.push(view);
    }
    return views;
  }

  /** The same refusal whether the id is unknown or the token is not its own: the answer reveals neither. */
  private async statusByToken(id: string, token: string): Promise<ServiceRequestView> {
    const refused = new ForbiddenException({
      code: 'OPEN311.STATUS_TOKEN_INVALID',
      message: `The status token does not open service request ${id.slice(0, 80)} (or there is no such request).`,
    });
    if (!SERVICE_REQUEST_ID.test(id)) throw refused;
    const recorded = await this.store.readStream(caseStream(id));
    const receipt = recorded[0];
    if (receipt?.type !== 'CaseReceived' || !CitizenStatusTokens.matches(token, receipt.data.statusTokenHash)) throw refused;
    const state = foldStream(caseDecider, recorded) as ReceivedCase;
    return statusOnlyView(state, await this.agencyOf(state));
  }

  private async received(caseId: string): Promise<{ state: ReceivedCase }> {
    const { state } = await readAggregate(this.store, caseDecider, caseStream(caseId), `Service request ${caseId}`);
    return { state: state as ReceivedCase };
  }

  private async agencyOf(state: ReceivedCase): Promise<string> {
    const unit = await this.units.state(state.currentUnitId);
    return unit.status === 'unregistered' ? state.currentUnitId : unit.name;
  }
}
