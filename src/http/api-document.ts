import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type SchemaObject } from '@nestjs/swagger';
import { PROBLEM_JSON } from './problem-details.js';

/** The extension a @Public() route carries into the document, so its operation says it needs no token. */
export const PUBLIC_OPERATION = 'x-ledger-public';

const PROBLEM_DETAILS_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details; code is the stable code (the console translates it), errors the per-field problems',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
  properties: {
    type: { type: 'string', example: 'tag:accountability-ledger,2026:problem:VALIDATION.FAILED' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'The request is not valid: kind must be one of province, district, commune.' },
    instance: { type: 'string', example: '/api/v1/units' },
    code: { type: 'string', example: 'VALIDATION.FAILED' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'messages'],
        properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
      },
    },
    details: { type: 'object', additionalProperties: true },
  },
};

/**
 * The OpenAPI document of every route. One function, so the document served at /docs-json and the one
 * the console's typed client is generated from (scripts/write-openapi-document.mjs) are the same.
 */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Accountability ledger')
      .setDescription('An event-sourced ledger of citizen reports, visits to the grassroots, meetings and escalations.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  return withProblemsAndPublicRoutes(document);
}

/**
 * What holds for every operation, said once here rather than on each route: a route that needs a token
 * can answer 401 and 403, any route 500, every error of the API is problem details (Open311's keep their
 * own list), and a @Public() route needs no token.
 */
function withProblemsAndPublicRoutes(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ProblemDetails: PROBLEM_DETAILS_SCHEMA } };
  const problem = { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } };
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const operation of Object.values(operations) as Record<string, unknown>[]) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const responses = operation.responses as Record<string, { description?: string; content?: unknown }>;
      const isPublic = operation[PUBLIC_OPERATION] === true;
      if (isPublic) operation.security = [];
      else {
        responses['401'] ??= { description: 'No bearer token, or one that is refused (AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID)' };
        responses['403'] ??= { description: "The token's roles or units do not allow this (AUTH.ROLE_REQUIRED, AUTH.UNIT_OUT_OF_SCOPE)" };
      }
      responses['500'] ??= { description: 'The service failed unexpectedly; nothing was written (INTERNAL)' };
      if (path.startsWith('/open311/')) continue;
      for (const [status, response] of Object.entries(responses))
        if (/^[45]/.test(status) && response.content === undefined) response.content = problem;
    }
  }
  return document;
}
