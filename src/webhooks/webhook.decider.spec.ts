import { context, fact, spec } from '../../test/support/given-when-then.js';
import { webhookDecider, type WebhookCommand, type WebhookSubscription } from './webhook.decider.js';
import type { WebhookEvent } from './webhook.events.js';

const webhooks = spec(webhookDecider);
const at = context('2026-03-02T08:00:00+07:00');

const portal: WebhookSubscription = {
  subscriptionId: 'w-1',
  url: 'https://portal.example.gov.vn/ledger-hooks',
  eventKinds: ['alert.breached', 'case.received'],
  unitId: 'gia-tan',
  description: 'Cổng thông tin tỉnh',
  secretFingerprint: 'ab'.repeat(32),
};
const register = (overrides: Partial<WebhookSubscription> = {}): WebhookCommand => ({
  type: 'RegisterWebhookSubscription',
  ...portal,
  ...overrides,
});
const registered = fact<WebhookEvent>({ type: 'WebhookSubscriptionRegistered', data: portal }, '2026-03-02T08:00:00+07:00');
const disabled = fact<WebhookEvent>({ type: 'WebhookSubscriptionDisabled', data: { reason: 'Moved' } }, '2026-03-03T08:00:00+07:00');

describe('the webhook subscription decider', () => {
  it('registers a subscription, each kind once', () => {
    webhooks
      .given([])
      .when(register({ eventKinds: ['case.received', 'case.received'] }), at)
      .then([{ type: 'WebhookSubscriptionRegistered', data: { ...portal, eventKinds: ['case.received'] } }]);
  });

  it.each([
    'ftp://portal.example.gov.vn/x',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'portal.example.gov.vn',
    'https://u:p@portal.example.gov.vn/',
    'https://portal.example.gov.vn/#x',
  ])('refuses %s as a URL', (url) => webhooks.given([]).when(register({ url }), at).thenRefused('WEBHOOK.URL_INVALID', 'invalid'));

  it('accepts http as well as https', () => {
    webhooks
      .given([])
      .when(register({ url: 'http://127.0.0.1:8080/hooks' }), at)
      .then([{ type: 'WebhookSubscriptionRegistered', data: { ...portal, url: 'http://127.0.0.1:8080/hooks' } }]);
  });

  it('refuses a subscription to nothing', () => {
    webhooks
      .given([])
      .when(register({ eventKinds: [] }), at)
      .thenRefused('WEBHOOK.NO_EVENT_KINDS', 'invalid');
  });

  it('never edits a registered subscription', () => {
    webhooks
      .given([registered])
      .when(register({ url: 'https://elsewhere.example/' }), at)
      .thenRefused('WEBHOOK.ALREADY_REGISTERED', 'conflict');
  });

  it('disables once', () => {
    webhooks
      .given([registered])
      .when({ type: 'DisableWebhookSubscription', reason: 'Moved' }, context('2026-03-03T08:00:00+07:00'))
      .then([{ type: 'WebhookSubscriptionDisabled', data: { reason: 'Moved' } }]);
    webhooks
      .given([registered, disabled])
      .when({ type: 'DisableWebhookSubscription', reason: 'Again' }, context('2026-03-04T08:00:00+07:00'))
      .thenRefused('WEBHOOK.ALREADY_DISABLED', 'conflict');
    webhooks.given([]).when({ type: 'DisableWebhookSubscription', reason: 'x' }, at).thenRefused('WEBHOOK.NOT_FOUND', 'not-found');
  });
});
