import { Body, Controller, Get, Inject, Param, Query, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Requires } from '../../auth/requires.decorator.js';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { DomainError } from '../../domain-kit/domain-error.js';
import { AggregateEndpoint } from '../../http/aggregate-endpoint.js';
import { CommandErrorResponses } from '../../http/api-docs.js';
import { CommandAnswer } from '../../http/command-answer.interceptor.js';
import { CommandRoute, resourceSchema } from '../../http/command-route.decorator.js';
import { ApiAnswer } from '../../http/documented-answer.js';
import { Envelope } from '../../http/envelope.decorator.js';
import { newAggregateId } from '../../http/new-aggregate-id.js';
import { CommandHandler, type CommandEnvelope } from '../../ledger/command-handler.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { WebhookDeliveries } from '../outbox/webhook-deliveries.js';
import type { SubscriptionRow } from '../outbox/webhook-outbox.js';
import { WEBHOOK_STORE, type WebhookStore } from '../outbox/webhook-store.port.js';
import { newWebhookSecret, secretFingerprint } from '../standard-webhooks.js';
import { webhookDecider, type WebhookState } from '../webhook.decider.js';
import { webhookStream } from '../webhook.events.js';
import { hostRefusal } from '../webhook-hosts.js';
import { DELIVERIES_EXAMPLE, SUBSCRIPTION_EXAMPLE, SUBSCRIPTIONS_EXAMPLE } from './webhook-examples.js';
import { DeliveriesQueryDto, DisableWebhookRequestDto, RegisterWebhookRequestDto } from './webhook.requests.dto.js';

const WAIT_MS = 2000;

/** The subscription as the ledger's events say it (the read side shows the same fields). */
function subscriptionView(state: WebhookState): Record<string, unknown> {
  if (state.status === 'unregistered') return { status: state.status };
  return {
    ...state.subscription,
    status: state.status,
    registeredAt: state.registeredAt,
    disabledAt: state.disabled?.at ?? null,
    disabledReason: state.disabled?.reason ?? null,
  };
}

/** Webhook subscriptions, for admins: registered and disabled as ledger events; the deliveries are read from the outbox. */
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
@CommandErrorResponses()
export class WebhooksController {
  constructor(
    private readonly commands: CommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WEBHOOK_STORE) private readonly outbox: WebhookStore,
    private readonly deliveries: WebhookDeliveries,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    {
      decider: webhookDecider,
      streamOf: webhookStream,
      name: 'Webhook subscription',
      notFoundCode: 'WEBHOOK.NOT_FOUND',
      view: subscriptionView,
    },
    this.commands,
    this.store,
  );

  @CommandRoute(undefined, 'webhooks.manage', {
    creates: true,
    answers:
      'Registered; the answer alone shows the signing secret (Standard Webhooks whsec_ form): keep it, it is never shown again. Location names the subscription.',
    schema: resourceSchema('The subscription, with its secret'),
    unprocessable: 'WEBHOOK.HOST_NOT_ALLOWED: the URL names a host outside WEBHOOK_ALLOWED_HOSTS.',
  })
  async register(@Body() body: RegisterWebhookRequestDto, @Envelope() envelope: CommandEnvelope) {
    const refusal = hostRefusal(body.url, this.config.webhooks.allowedHosts);
    if (refusal !== null) throw new DomainError('WEBHOOK.HOST_NOT_ALLOWED', refusal, 'unprocessable');
    const subscriptionId = newAggregateId(envelope, 'webhook', randomUUID);
    const secret = newWebhookSecret();
    const fingerprint = secretFingerprint(secret);
    await this.outbox.keepSecret(fingerprint, secret);
    let result;
    try {
      result = await this.endpoint.handle(
        subscriptionId,
        {
          type: 'RegisterWebhookSubscription',
          subscriptionId,
          url: body.url,
          eventKinds: body.eventKinds,
          unitId: body.unitId ?? null,
          description: body.description ?? '',
          secretFingerprint: fingerprint,
        },
        envelope,
      );
    } catch (error) {
      await this.outbox.forgetSecret(fingerprint);
      throw error;
    }
    // A replayed request registered nothing new: its secret was shown by the first answer, and only there.
    if (result.replayed) await this.outbox.forgetSecret(fingerprint);
    const view = subscriptionView(result.state);
    return new CommandAnswer(
      result,
      { subscriptionId, ...view, secret: result.replayed ? null : secret },
      `/api/v1/webhooks/${subscriptionId}`,
    );
  }

  @CommandRoute(':subscriptionId/disablements', 'webhooks.manage', {
    answers: 'Disabled: nothing more is delivered, and pending deliveries are cancelled.',
    schema: resourceSchema('The subscription'),
    conflicts: 'WEBHOOK.ALREADY_DISABLED.',
  })
  disable(@Param('subscriptionId') subscriptionId: string, @Body() body: DisableWebhookRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.endpoint.act(subscriptionId, { type: 'DisableWebhookSubscription', reason: body.reason }, envelope);
  }

  @Requires('webhooks.manage')
  @Get()
  @ApiOperation({ summary: 'Every webhook subscription, active and disabled (never a secret)' })
  @ApiAnswer(SUBSCRIPTIONS_EXAMPLE, { description: 'The subscriptions, oldest first' })
  async list(@Query() query: DeliveriesQueryDto): Promise<{ items: SubscriptionRow[] }> {
    await this.caughtUp(query.minPosition);
    return { items: await this.outbox.subscriptions() };
  }

  @Requires('webhooks.manage')
  @Get(':subscriptionId')
  @ApiOperation({ summary: 'One webhook subscription (never its secret)' })
  @ApiAnswer(SUBSCRIPTION_EXAMPLE, { description: 'The subscription' })
  @ApiNotFoundResponse({ description: 'No such subscription (NOT_FOUND)' })
  async get(@Param('subscriptionId') subscriptionId: string, @Query() query: DeliveriesQueryDto): Promise<SubscriptionRow> {
    await this.caughtUp(query.minPosition);
    return this.known(subscriptionId);
  }

  @Requires('webhooks.manage')
  @Get(':subscriptionId/deliveries')
  @ApiOperation({
    summary: "A subscription's delivery log, newest first: each delivery's webhook-id, status and every attempt (time, status code, error)",
  })
  @ApiAnswer(DELIVERIES_EXAMPLE, { description: 'A page of deliveries' })
  @ApiNotFoundResponse({ description: 'No such subscription (NOT_FOUND)' })
  async deliveryLog(
    @Param('subscriptionId') subscriptionId: string,
    @Query() query: DeliveriesQueryDto,
    @Res({ passthrough: true }) _response: Response,
  ) {
    await this.caughtUp(query.minPosition);
    await this.known(subscriptionId);
    const limit = query.limit ?? 50;
    const rows = await this.outbox.deliveries(subscriptionId, query.before ?? null, limit + 1);
    const items = rows.slice(0, limit);
    return { subscriptionId, items, nextBefore: rows.length > limit ? (items[items.length - 1]?.deliveryId ?? null) : null };
  }

  private async known(subscriptionId: string): Promise<SubscriptionRow> {
    const subscription = await this.outbox.subscription(subscriptionId);
    if (!subscription) throw this.endpoint.notFound(subscriptionId);
    return subscription;
  }

  private async caughtUp(minPosition: number | undefined): Promise<void> {
    if (minPosition !== undefined && !(await this.deliveries.waitFor(minPosition, WAIT_MS)))
      throw new ServiceUnavailableException({
        code: 'PROJECTION.BEHIND',
        message: `The webhook outbox has not yet read position ${minPosition}; try again shortly.`,
      });
  }
}
