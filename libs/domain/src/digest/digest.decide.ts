import { assertNever, conflict, Decider, notFound } from '../shared';
import { DigestCommand } from './digest.commands';
import { DigestEvent } from './digest.events';
import { digestIdOf, DigestState, initialDigestState } from './digest.state';
import { parseIsoWeek } from './iso-week';

const MAX_ERROR = 1000;

/**
 * Issued once; delivered at most once. Recording a delivery or a failure of a digest already
 * delivered records nothing: a late worker cannot undo or repeat it. The system writes these (the
 * scheduler, or an admin's run): the application decides who may start a run.
 */
export function decideDigest(command: DigestCommand, state: DigestState): DigestEvent[] {
  switch (command.type) {
    case 'IssueDigest': {
      const d = command.data;
      const week = parseIsoWeek(d.week);
      if (state) throw conflict('DIGEST_ALREADY_ISSUED', `the digest of ${d.office} for ${week} is already issued`);
      return [{ type: 'DigestIssued', data: { digestId: digestIdOf(d.office, week), ...d } }];
    }
    case 'RecordDigestDelivered': {
      if (!state) throw notFound('DIGEST_NOT_FOUND', 'no such digest');
      if (state.status === 'delivered') return [];
      const { to, messageId, attempts, at } = command.data;
      return [{ type: 'DigestDelivered', data: { to, messageId, attempts, at: at.toISOString() } }];
    }
    case 'RecordDigestDeliveryFailed': {
      if (!state) throw notFound('DIGEST_NOT_FOUND', 'no such digest');
      if (state.status === 'delivered') return [];
      const { to, error, attempts, at } = command.data;
      return [{ type: 'DigestDeliveryFailed', data: { to, error: error.slice(0, MAX_ERROR), attempts, at: at.toISOString() } }];
    }
    default:
      return assertNever(command);
  }
}

export function evolveDigest(state: DigestState, event: DigestEvent): DigestState {
  switch (event.type) {
    case 'DigestIssued': {
      const d = event.data;
      return {
        digestId: d.digestId,
        office: d.office,
        week: d.week,
        recipients: d.recipients,
        status: 'issued',
        attempts: 0,
        failures: 0,
        deliveredAt: null,
      };
    }
    case 'DigestDelivered':
      return state && { ...state, status: 'delivered', attempts: state.attempts + event.data.attempts, deliveredAt: event.data.at };
    case 'DigestDeliveryFailed':
      return state && { ...state, status: 'failed', attempts: state.attempts + event.data.attempts, failures: state.failures + 1 };
    default:
      return assertNever(event);
  }
}

/** Whether a run should (try to) mail it: issued with recipients, not delivered yet. */
export const isPendingDelivery = (state: DigestState): boolean => !!state && state.status !== 'delivered' && state.recipients.length > 0;

export const digestDecider: Decider<DigestState, DigestCommand, DigestEvent> = {
  initialState: initialDigestState,
  decide: (command, state) => decideDigest(command, state),
  evolve: evolveDigest,
};
