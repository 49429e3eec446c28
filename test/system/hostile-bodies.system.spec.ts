import fc from 'fast-check';
import { connect } from 'node:net';
import { ROLES } from '../../src/auth/principal.js';
import { hostileIntakeBody, hostileJsonBody, type HostileBody, type RouteHints } from './support/hostile-bodies.js';
import { LedgerProcess } from './support/ledger-process.js';
import { bySoak, reportFigure } from './support/soak.js';

const BODIES_PER_ROUTE = bySoak(120, 2_000);
const CONCURRENCY = 8;
const INTAKE = '/open311/v2/requests.json';
const at = '2017-01-02T08:00:00+07:00';

interface OpenApi {
  readonly paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>>;
  readonly components?: { schemas?: Record<string, { properties?: Record<string, unknown>; allOf?: { $ref?: string }[] }> };
}

/** The field names a route's request body schema lists, as the OpenAPI document describes them. */
function fieldsOf(document: OpenApi, path: string): string[] {
  const content = document.paths[path]?.post?.requestBody?.content ?? {};
  const names = new Set<string>();
  const visit = (ref: string | undefined) => {
    const schema = ref ? document.components?.schemas?.[ref.split('/').pop()!] : undefined;
    for (const name of Object.keys(schema?.properties ?? {})) names.add(name);
    for (const parent of schema?.allOf ?? []) visit(parent.$ref);
  };
  for (const media of Object.values(content)) visit(media.schema?.$ref);
  return [...names];
}

interface Sent {
  readonly route: string;
  readonly kind: string;
  readonly correlationId: string;
  readonly status: number | 'no answer';
}

/**
 * The built service as its own process, fed hostile bodies on every POST route of its own OpenAPI
 * document (the anonymous Open311 intake too): deep nesting, nulls and wrong types, huge strings, lone
 * surrogates, bytes that are not UTF-8, wrong content types, bodies cut short. Not one answer may be
 * a 5xx, and no refused request may write: every event recorded meanwhile carries the correlation id
 * of a request that was answered 2xx (or is a signed checkpoint), none that of a refused one.
 */
describe('hostile bodies against the running service', () => {
  let ledger: LedgerProcess;
  beforeAll(async () => {
    ledger = await LedgerProcess.create({
      OPEN311_RATE_LIMIT_PER_MINUTE: '100000',
      HTTP_REQUEST_TIMEOUT_SECONDS: '5',
      HTTP_HEADERS_TIMEOUT_SECONDS: '5',
    });
    await ledger.start();
  }, 120_000);
  afterAll(() => ledger.dispose());

  it(
    `answers ${BODIES_PER_ROUTE} hostile bodies per POST route with no 5xx and writes nothing for any it refuses`,
    async () => {
      const token = ledger.token('hostile-1', ROLES);
      // The read models follow the ledger on their own thread: the head is read once they hold the seed.
      let seededUpTo = 0;
      const post = async (path: string, json: unknown) => {
        const answer = await ledger.request('POST', path, { token, json, headers: { 'x-correlation-id': 'seed' } });
        expect(answer.status).toBeLessThan(300);
        seededUpTo = Math.max(seededUpTo, Number(answer.headers.get('ledger-position') ?? 0));
        return answer;
      };
      await post('/api/v1/units', { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at });
      await post('/api/v1/units', { unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: at });
      await post('/api/v1/officials', {
        officialId: 'o-1',
        fullName: 'Trần Văn Minh',
        position: 'Huyện ủy viên',
        unitId: 'gia-loc',
        occurredAt: at,
      });
      const assignmentId = (
        (
          await post('/api/v1/officials/o-1/assignments', { unitId: 'gia-loc', role: 'committee-member-in-charge', from: '2017-01-02' })
        ).json() as {
          assignmentId: string;
        }
      ).assignmentId;
      const caseId = (
        (
          await post('/api/v1/cases', {
            unitId: 'gia-loc',
            category: 'complaint',
            channel: 'letter',
            summary: 'Ô nhiễm',
            reporter: { name: 'A' },
            occurredAt: '2017-03-01T08:00:00+07:00',
          })
        ).json() as { caseId: string }
      ).caseId;
      const visitId = (
        (
          await post('/api/v1/visits', {
            kind: 'periodic',
            purpose: 'Kiểm tra',
            unitId: 'gia-loc',
            participants: ['o-1'],
            plannedFor: '2017-03-09T08:00:00+07:00',
          })
        ).json() as { visitId: string }
      ).visitId;
      const ids: Record<string, string> = {
        caseId,
        visitId,
        unitId: 'gia-loc',
        officialId: 'o-1',
        assignmentId,
        subjectId: `reporter-${caseId}`,
        meetingId: 'm-none',
        reviewId: 'r-none',
        ruleId: 'rule-none',
      };
      const known = [...Object.values(ids), 'hai-duong', 'complaint', 'incident', 'periodic', 'party-committee'];

      const document = (await ledger.request('GET', '/docs-json')).json() as OpenApi;
      const routes = Object.keys(document.paths).filter((path) => document.paths[path]!.post);
      expect(routes).toContain(INTAKE);
      expect(routes.length).toBeGreaterThan(30);

      const head = await auditHead(ledger, token, seededUpTo);
      const sent: Sent[] = [];
      let sequence = 0;
      const queue: (() => Promise<void>)[] = [];
      for (const route of routes) {
        const hints: RouteHints = { fields: fieldsOf(document, route), ids: known };
        const bodies = fc.sample(route === INTAKE ? hostileIntakeBody(hints) : hostileJsonBody(hints), { numRuns: BODIES_PER_ROUTE });
        const path = route.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'no-such-id');
        for (const body of bodies) {
          const correlationId = `hostile-${++sequence}`;
          queue.push(async () => {
            const status = await send(ledger, path, body, token, correlationId, route === INTAKE);
            sent.push({ route, kind: body.kind, correlationId, status });
          });
        }
      }
      const started = Date.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) await next();
        }),
      );
      const elapsedMs = Date.now() - started;

      const marker = await ledger.request('POST', '/api/v1/units', {
        token,
        json: { unitId: 'marker', name: 'Marker', kind: 'province' },
        headers: { 'x-correlation-id': 'marker' },
      });
      expect(marker.status).toBe(201);
      const entries = await auditAfter(ledger, token, head, Number(marker.headers.get('ledger-position')));
      const accepted = new Set(
        sent.filter((request) => typeof request.status === 'number' && request.status < 300).map((request) => request.correlationId),
      );
      const refused = new Set(sent.filter((request) => !accepted.has(request.correlationId)).map((request) => request.correlationId));
      const writtenByRefused = entries.filter((entry) => refused.has(entry.correlationId));
      const unexplained = entries.filter(
        (entry) => !accepted.has(entry.correlationId) && entry.correlationId !== 'marker' && !entry.correlationId.startsWith('checkpoint-'),
      );
      const serverErrors = sent.filter((request) => typeof request.status === 'number' && request.status >= 500);
      const loggedServerErrors = ledger.log.split('\n').filter((line) => /"status":5\d\d/.test(line) || /"level":"error"/.test(line));

      reportFigure('hostile bodies sent', sent.length);
      reportFigure('hostile routes', routes.length);
      reportFigure('hostile bodies per second', Math.round((sent.length / elapsedMs) * 1000));
      reportFigure('hostile answers 2xx', accepted.size);
      reportFigure(
        'hostile answers 4xx',
        sent.filter((request) => typeof request.status === 'number' && request.status >= 400 && request.status < 500).length,
      );
      reportFigure('hostile requests cut short (no answer expected)', sent.filter((request) => request.status === 'no answer').length);
      reportFigure('hostile requests sent again after a closed keep-alive connection', connectionRetries);
      reportFigure('hostile answers 5xx', serverErrors.length + loggedServerErrors.length);
      reportFigure('writes by refused requests', writtenByRefused.length);
      expect(serverErrors.slice(0, 10)).toEqual([]);
      expect(loggedServerErrors.slice(0, 10)).toEqual([]);
      expect(writtenByRefused.slice(0, 10)).toEqual([]);
      expect(unexplained.slice(0, 10)).toEqual([]);
      expect(refused.size).toBeGreaterThan(sent.length / 2);
    },
    bySoak(600_000, 3_600_000),
  );
});

let connectionRetries = 0;

/** Sends one body as a client would; a truncated one over a raw socket that stops sending, then hangs up. */
async function send(
  ledger: LedgerProcess,
  path: string,
  body: HostileBody,
  token: string,
  correlationId: string,
  anonymous: boolean,
): Promise<number | 'no answer'> {
  const headers: Record<string, string> = { 'x-correlation-id': correlationId };
  if (!anonymous) headers.authorization = `Bearer ${token}`;
  if (body.contentType !== undefined) headers['content-type'] = body.contentType;
  if (!body.truncated) {
    let response: Response;
    try {
      response = await fetch(`${ledger.baseUrl}${path}`, { method: 'POST', headers, body: body.bytes });
    } catch {
      // A keep-alive connection the service closed as idle just as the client reused it (a timer late on a
      // busy machine): the request never reached it. Sent again, as a client would; the correlation-id check
      // still catches a first attempt that wrote.
      connectionRetries += 1;
      try {
        response = await fetch(`${ledger.baseUrl}${path}`, { method: 'POST', headers, body: body.bytes });
      } catch (error) {
        throw new Error(
          `No answer to a ${body.kind} body on ${path} (service ${ledger.pid === undefined ? 'exited' : 'running'}): ${String(error)}\n${ledger.log.slice(-3000)}`,
          { cause: error },
        );
      }
    }
    const text = await response.text();
    if (response.status >= 400 && response.status < 500) expect(codeOf(text)).toEqual(expect.any(String));
    return response.status;
  }
  return new Promise((resolve) => {
    const socket = connect(ledger.port, '127.0.0.1', () => {
      const head = Object.entries({ ...headers, host: '127.0.0.1', 'content-length': String(body.bytes.length + 10) })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n`);
      socket.write(body.bytes.subarray(0, Math.floor(body.bytes.length / 2)));
      setTimeout(() => socket.end(), 20);
    });
    let answer = '';
    socket.setEncoding('latin1').on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      resolve(status === undefined ? 'no answer' : Number(status));
    });
  });
}

/** The stable code of an error answer, in the API's shape or Open311's. */
function codeOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { code?: unknown } | { error_code?: unknown }[];
    const code = Array.isArray(body) ? body[0]?.error_code : body.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

interface AuditEntry {
  readonly globalPosition: number;
  readonly correlationId: string;
}

async function auditPage(
  ledger: LedgerProcess,
  token: string,
  after: number,
  minPosition: number,
): Promise<{ entries: AuditEntry[]; nextAfter: number | null }> {
  const page = await ledger.request('GET', `/api/v1/audit?after=${after}&limit=10000&minPosition=${minPosition}`, { token });
  expect(page.status).toBe(200);
  return page.json() as { entries: AuditEntry[]; nextAfter: number | null };
}

/** The position of the last event the audit trail holds once it has reached a position. */
async function auditHead(ledger: LedgerProcess, token: string, reached: number): Promise<number> {
  let last = 0;
  for (let after: number | null = 0; after !== null;) {
    const page = await auditPage(ledger, token, after, reached);
    last = page.entries.at(-1)?.globalPosition ?? last;
    after = page.nextAfter;
  }
  return last;
}

/** Every audit entry after one position, up to another (waiting for the projection to reach it). */
async function auditAfter(ledger: LedgerProcess, token: string, from: number, to: number): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let after: number | null = from; after !== null;) {
    const page = await auditPage(ledger, token, after, to);
    entries.push(...page.entries);
    after = page.nextAfter;
  }
  return entries;
}
