import type { MeetingState } from '../meeting.decider.js';
import { eventsBehind } from '../../http/event-references.js';

/** The meeting as the API shows it: the state without the facts kept for corrections. */
export function meetingView(state: MeetingState): Record<string, unknown> {
  if (state.status === 'unrecorded') return { status: state.status };
  const { facts, ...view } = state;
  return { ...view, ...eventsBehind(facts) };
}
