import type { Decider } from '../domain-kit/decider.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { unhandled } from '../domain-kit/exhaustive.js';
import { assertNotInFuture } from '../domain-kit/occurred-at.js';
import type { WebhookEvent, WebhookSubscriptionRegistered } from './webhook.events.js';

export type WebhookSubscription = WebhookSubscriptionRegistered['data'];

export type WebhookCommand =
  | ({ readonly type: 'RegisterWebhookSubscription' } & WebhookSubscription)
  | { readonly type: 'DisableWebhookSubscription'; readonly reason: string };

export type WebhookState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'active' | 'disabled';
      readonly subscription: WebhookSubscription;
      readonly registeredAt: string;
      readonly disabled: { readonly at: string; readonly reason: string } | null;
    };

/** A subscription is registered once and may be disabled once; it is never edited (register another). */
export const webhookDecider: Decider<WebhookCommand, WebhookEvent, WebhookState> = {
  initialState: { status: 'unregistered' },

  decide(command, state, context) {
    assertNotInFuture(context.occurredAt, context.now);
    switch (command.type) {
      case 'RegisterWebhookSubscription':
        return register(command, state);
      case 'DisableWebhookSubscription':
        return disable(command, state);
      default:
        return unhandled(command);
    }
  },

  evolve(state, fact) {
    switch (fact.type) {
      case 'WebhookSubscriptionRegistered':
        return { status: 'active', subscription: fact.data, registeredAt: fact.occurredAt, disabled: null };
      case 'WebhookSubscriptionDisabled':
        return state.status === 'unregistered'
          ? state
          : { ...state, status: 'disabled', disabled: { at: fact.occurredAt, reason: fact.data.reason } };
      default:
        return unhandled(fact);
    }
  },
};

function register(command: Extract<WebhookCommand, { type: 'RegisterWebhookSubscription' }>, state: WebhookState): WebhookEvent[] {
  if (state.status !== 'unregistered')
    throw new DomainError(
      'WEBHOOK.ALREADY_REGISTERED',
      `Subscription ${command.subscriptionId} is already registered; subscriptions are never edited: register another and disable this one.`,
      'conflict',
    );
  const refusal = webhookUrlRefusal(command.url);
  if (refusal !== null) throw new DomainError('WEBHOOK.URL_INVALID', refusal, 'invalid');
  if (command.eventKinds.length === 0)
    throw new DomainError('WEBHOOK.NO_EVENT_KINDS', 'A subscription names at least one kind of event to deliver.', 'invalid');
  const { type: _type, ...subscription } = command;
  return [{ type: 'WebhookSubscriptionRegistered', data: { ...subscription, eventKinds: [...new Set(command.eventKinds)] } }];
}

function disable(command: Extract<WebhookCommand, { type: 'DisableWebhookSubscription' }>, state: WebhookState): WebhookEvent[] {
  if (state.status === 'unregistered') throw new DomainError('WEBHOOK.NOT_FOUND', 'The subscription was never registered.', 'not-found');
  if (state.status === 'disabled')
    throw new DomainError('WEBHOOK.ALREADY_DISABLED', `The subscription was already disabled at ${state.disabled?.at}.`, 'conflict');
  return [{ type: 'WebhookSubscriptionDisabled', data: { reason: command.reason } }];
}

/**
 * Why a URL cannot receive deliveries, or null: only absolute http(s) URLs, without credentials
 * (a password in a URL ends up in logs; the signature is what authenticates) and without a fragment.
 */
export function webhookUrlRefusal(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url.slice(0, 200)}" is not an absolute URL; give one such as https://portal.example.gov.vn/ledger-hooks.`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return `Deliveries go to http or https URLs only, not ${parsed.protocol.replace(':', '')}.`;
  if (parsed.username !== '' || parsed.password !== '')
    return 'A webhook URL carries no user name or password: the signature of each delivery is what authenticates it.';
  if (parsed.hash !== '') return 'A webhook URL has no fragment (#...): it is never sent to the receiver.';
  return null;
}
