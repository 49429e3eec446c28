import { BadRequestException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { CommandEnvelope, CommandResult } from '../ledger/command-handler.js';
import type { RecordedEvent } from '../ledger/event-store.port.js';
import { principalOf } from '../auth/principal.js';

export const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
/** An ETag of this service: the revision, and after a dash the representation where one revision has several. */
const IF_MATCH = /^(?:W\/)?"(\d{1,15})(?:-[a-z][a-z-]{0,40})?"$/;

/**
 * What a command needs from the HTTP request besides its body: who (the verified token's subject,
 * never the body), when, which correlation, the
 * revision the caller saw (If-Match), and the Idempotency-Key with a fingerprint of the request.
 */
export function commandEnvelope(request: Request, now: Date, occurredAt: string | undefined): CommandEnvelope {
  const key = header(request, 'idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw badHeader('IDEMPOTENCY_KEY.INVALID', 'Idempotency-Key must be 1-255 visible ASCII characters.');
  }
  const ifMatch = header(request, 'if-match');
  const revision = ifMatch === undefined ? undefined : IF_MATCH.exec(ifMatch)?.[1];
  if (ifMatch !== undefined && revision === undefined) {
    throw badHeader('IF_MATCH.INVALID', 'If-Match must be the ETag of the resource, e.g. "3".');
  }
  const principal = principalOf(request);
  return {
    actor: principal.subject,
    ...(principal.officialId === undefined ? {} : { officialId: principal.officialId }),
    correlationId: correlationIdOf(request),
    now,
    occurredAt: occurredAt ?? now.toISOString(),
    expectedRevision: revision === undefined ? undefined : Number(revision),
    idempotency: key === undefined ? undefined : { key, fingerprint: fingerprint(request) },
  };
}

export function correlationIdOf(request: Request): string {
  const given = header(request, 'x-correlation-id');
  if (given !== undefined && !CORRELATION_ID.test(given)) {
    throw badHeader('CORRELATION_ID.INVALID', 'X-Correlation-Id must be 1-100 letters, digits, ".", "_", ":" or "-".');
  }
  const request_ = request as Request & { correlationId?: string };
  request_.correlationId ??= given ?? randomUUID();
  return request_.correlationId;
}

/**
 * The ETag of a stream at a revision: the revision itself, quoted; with a variant when the same
 * revision is shown differently to different readers (a case's reporter in plaintext or redacted),
 * so that no cache or client takes one representation for the other. If-Match reads the revision.
 */
export function etagOf(revision: number, variant?: string): string {
  return variant === undefined ? `"${revision}"` : `"${revision}-${variant}"`;
}

/**
 * ETag for every command answer; Location too when the command created the resource; and the global
 * position of the last event written, which a query can wait for (minPosition) to read its own write.
 */
export function answer<State>(response: Response, result: CommandResult<State>, location?: string): void {
  response.setHeader('ETag', etagOf(result.revision));
  const last = result.events[result.events.length - 1];
  if (last) response.setHeader('Ledger-Position', String(last.globalPosition));
  if (location) response.setHeader('Location', location);
  if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
}

/**
 * For a command that writes a second stream after its own (a finding that opens a case, a merger):
 * Ledger-Position names the last event it wrote, so minPosition=<Ledger-Position> promises both.
 */
export function answerSecondStep(response: Response, second: RecordedEvent | null): void {
  if (!second) return;
  const first = Number(response.getHeader('Ledger-Position') ?? 0);
  response.setHeader('Ledger-Position', String(Math.max(first, second.globalPosition)));
}

function fingerprint(request: Request): string {
  return createHash('sha256')
    .update(`${request.method} ${request.path}\n${canonicalJson(request.body ?? {})}`)
    .digest('hex');
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function badHeader(code: string, message: string): BadRequestException {
  return new BadRequestException({ code, message });
}
