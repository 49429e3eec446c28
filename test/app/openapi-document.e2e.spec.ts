import { startTestApp, type TestApp } from '../support/start-test-app.js';

type Operation = {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, unknown>[];
};
type Document = { paths: Record<string, Record<string, Operation>>; security?: Record<string, unknown>[] };

/** The routes that need no bearer token: the same list as the permission matrix's public and session routes. */
const NO_TOKEN = [
  'GET /health',
  'GET /health/ready',
  'GET /open311/v2/discovery.json',
  'GET /open311/v2/services.json',
  'POST /open311/v2/requests.json',
  'GET /api/v1/session',
  'POST /api/v1/session',
  'POST /api/v1/session/sign-out',
  'GET /auth/config',
  'GET /auth/oidc/start',
  'GET /auth/oidc/callback',
];

/** Browser navigations of the sign-in through the identity provider: every answer is a documented redirect. */
const REDIRECTS = ['GET /auth/oidc/start', 'GET /auth/oidc/callback'];

/** What an operation lacks: a documented 2xx body, documented errors (problem details but in Open311), bearer security. */
export function gapsOf(route: string, operation: Operation, document: Document): string[] {
  const responses = Object.entries(operation.responses ?? {});
  const gaps: string[] = [];
  const success = responses.filter(([status]) => status.startsWith('2'));
  const described = success.some(
    ([status, response]) => status === '204' || Object.values(response.content ?? {}).some((media) => media.schema !== undefined),
  );
  const redirects = REDIRECTS.includes(route) && responses.some(([status]) => status.startsWith('3'));
  if (!described && !redirects) gaps.push('no documented 2xx schema');
  const errors = responses.filter(([status]) => /^[45]/.test(status));
  if (errors.length === 0) gaps.push('no error responses');
  if (!route.includes(' /open311/') && errors.some(([, response]) => response.content?.['application/problem+json'] === undefined))
    gaps.push('an error response without its problem-details body');
  const bearer = (operation.security ?? document.security ?? []).some((requirement) => 'bearer' in requirement);
  if (!NO_TOKEN.includes(route) && !bearer) gaps.push('no bearer security');
  if (NO_TOKEN.includes(route) && bearer) gaps.push('claims a bearer token it does not need');
  return gaps;
}

describe('the OpenAPI document describes every operation in full', () => {
  let subject: TestApp;
  let document: Document;

  beforeAll(async () => {
    subject = await startTestApp();
    document = (await subject.anonymous.get('/docs-json').expect(200)).body as Document;
  });
  afterAll(async () => {
    await subject.close();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );

  it('documents, for every operation, its success body, its errors and its security', () => {
    const gaps = operations()
      .map(({ route, operation }) => ({ route, gaps: gapsOf(route, operation, document) }))
      .filter(({ gaps }) => gaps.length > 0);
    expect(gaps).toEqual([]);
  });

  it('states a schema and an example for the read routes, and the error body once for all', () => {
    const read = document.paths['/api/v1/events/{eventId}']!.get!.responses!['200']!.content!['application/json']!.schema;
    expect(read).toEqual({ $ref: '#/components/schemas/EventEvidenceView' });
    const timeline = document.paths['/api/v1/timelines/cases/{caseId}']!.get!.responses!['200']!.content!;
    expect(Object.keys(timeline).sort()).toEqual(['application/json', 'text/csv']);
    expect(timeline['application/json']).toMatchObject({ schema: { type: 'object' }, example: expect.any(Object) });
    const notFound = document.paths['/api/v1/cases/{caseId}']!.get!.responses!['404']!.content!;
    expect(notFound).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } });
  });
});
