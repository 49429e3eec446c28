import { randomUUID } from 'node:crypto';
import type { InMemoryLog } from './in-memory-log.js';

const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value), 'utf8');

/**
 * What a fresh real server has already written to $all before any client appends: settings, the
 * admin user, stream metadata, statistics. Their streams or types start with '$', so a ledger that
 * reads $all must skip them; an event with a non-'$' type in a '$' stream is included on purpose.
 */
export function seedSystemEvents(log: InMemoryLog): void {
  const write = (streamId: string, type: string, data: unknown): void => {
    log.append(streamId, 'any', [
      { eventId: randomUUID(), type, contentType: 'application/json', data: json(data), metadata: new Uint8Array() },
    ]);
  };
  write('$settings', '$settings', { $userStreamAcl: { $r: '$all', $w: '$all' } });
  write('$$$users', '$metadata', { $acl: { $r: '$admins' } });
  write('$user-admin', '$user', { loginName: 'admin', fullName: 'Event Store Administrator', groups: ['$admins'] });
  write('$users', '$User', { loginName: 'admin' });
  write('$stats-127.0.0.1:2113', '$statsCollected', { 'proc-startTime': new Date().toISOString() });
  write('$scavenges', 'ScavengeStarted', { nodeEndpoint: '127.0.0.1:2113' });
}
