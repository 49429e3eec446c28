import type { Decider } from '../domain-kit/decider.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { assertNotBefore, assertNotInFuture } from '../domain-kit/occurred-at.js';
import type { PolicyEvent, ResponsePolicyRuleRecorded } from './policy.events.js';
import { unhandled } from '../domain-kit/exhaustive.js';

export type ResponsePolicyRule = ResponsePolicyRuleRecorded['data'];

export type PolicyCommand =
  | ({ readonly type: 'RecordResponsePolicyRule' } & ResponsePolicyRule)
  | { readonly type: 'RetireResponsePolicyRule'; readonly effectiveTo: string; readonly reason: string };

export type PolicyState =
  | { readonly status: 'unrecorded' }
  | {
      readonly status: 'recorded' | 'retired';
      readonly rule: ResponsePolicyRule;
      readonly recordedAt: string;
      readonly retirement: { readonly effectiveTo: string; readonly reason: string; readonly retiredAt: string } | null;
      readonly lastOccurredAt: string;
    };

export const policyDecider: Decider<PolicyCommand, PolicyEvent, PolicyState> = {
  initialState: { status: 'unrecorded' },

  decide(command, state, context) {
    assertNotInFuture(context.occurredAt, context.now);
    switch (command.type) {
      case 'RecordResponsePolicyRule': {
        if (state.status !== 'unrecorded')
          throw new DomainError(
            'POLICY.ALREADY_RECORDED',
            `Rule ${command.ruleId} is already recorded; rules are never edited: record a new rule and retire this one.`,
            'conflict',
          );
        const { type: _, ...rule } = command;
        assertCoherent(rule);
        return [{ type: 'ResponsePolicyRuleRecorded', data: rule }];
      }
      case 'RetireResponsePolicyRule': {
        if (state.status === 'unrecorded') throw new DomainError('POLICY.NOT_FOUND', 'The rule was never recorded.', 'not-found');
        if (state.status === 'retired')
          throw new DomainError(
            'POLICY.ALREADY_RETIRED',
            `The rule was already retired from ${state.retirement?.effectiveTo}.`,
            'conflict',
          );
        assertNotBefore(context.occurredAt, state.lastOccurredAt, 'the recording of the rule');
        const { effectiveFrom, effectiveTo } = state.rule;
        if (command.effectiveTo < effectiveFrom) {
          throw new DomainError(
            'POLICY.RETIRED_BEFORE_EFFECTIVE',
            `The rule is in force from ${effectiveFrom}; it cannot be retired from ${command.effectiveTo}.`,
            'conflict',
          );
        }
        if (effectiveTo !== null && command.effectiveTo >= effectiveTo) {
          throw new DomainError(
            'POLICY.ALREADY_ENDS',
            `The rule already stops applying on ${effectiveTo}; retiring it from ${command.effectiveTo} would change nothing.`,
            'conflict',
          );
        }
        return [{ type: 'ResponsePolicyRuleRetired', data: { effectiveTo: command.effectiveTo, reason: command.reason } }];
      }
      default:
        return unhandled(command);
    }
  },

  evolve(state, fact) {
    switch (fact.type) {
      case 'ResponsePolicyRuleRecorded':
        return { status: 'recorded', rule: fact.data, recordedAt: fact.occurredAt, retirement: null, lastOccurredAt: fact.occurredAt };
      case 'ResponsePolicyRuleRetired':
        return state.status === 'unrecorded'
          ? state
          : { ...state, status: 'retired', retirement: { ...fact.data, retiredAt: fact.occurredAt }, lastOccurredAt: fact.occurredAt };
      default:
        return unhandled(fact);
    }
  },
};

/** What no well-formed request can fix by itself: the rule must not contradict itself. */
function assertCoherent(rule: ResponsePolicyRule): void {
  if (!Number.isInteger(rule.limit) || rule.limit < 1)
    throw new DomainError('POLICY.LIMIT_NOT_POSITIVE', 'The limit is a positive whole number.', 'invalid');
  if (rule.effectiveTo !== null && rule.effectiveTo <= rule.effectiveFrom) {
    throw new DomainError(
      'POLICY.EFFECTIVE_PERIOD_EMPTY',
      `effectiveTo (${rule.effectiveTo}) must be after effectiveFrom (${rule.effectiveFrom}).`,
      'invalid',
    );
  }
  const remote = rule.remoteArea;
  if (remote && (!Number.isInteger(remote.limit) || remote.limit < rule.limit)) {
    throw new DomainError(
      'POLICY.REMOTE_LIMIT_SHORTER',
      `A remote area's limit (${remote.limit}) is a whole number no shorter than the rule's (${rule.limit}).`,
      'invalid',
    );
  }
  if (remote && remote.complexLimit !== null && (!rule.extensions?.complex?.max || remote.complexLimit <= remote.limit)) {
    throw new DomainError(
      'POLICY.REMOTE_COMPLEX_LIMIT_INCOHERENT',
      `A remote area's complex limit (${remote.complexLimit}) is reached by the rule's complex extensions: it needs extensions.complex and must be longer than the remote limit (${remote.limit}).`,
      'invalid',
    );
  }
  const pausing = rule.pauses.map((pause) => pause.pausedBy);
  const repeated = pausing.find((type, index) => pausing.indexOf(type) !== index);
  if (repeated) throw new DomainError('POLICY.PAUSE_REPEATED', `${repeated} is named twice as a pause.`, 'invalid');
  const circular = rule.pauses.find((pause) => pause.pausedBy === pause.resumedBy || pause.pausedBy === rule.clockStartsAt);
  if (circular)
    throw new DomainError(
      'POLICY.PAUSE_INCOHERENT',
      `${circular.pausedBy} cannot both pause the clock and ${circular.pausedBy === rule.clockStartsAt ? 'start' : 'resume'} it.`,
      'invalid',
    );
}
