import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/**
 * The OpenAPI document of every route. One function, so the document served at /docs-json and the one
 * the console's typed client is generated from (scripts/write-openapi-document.mjs) are the same.
 */
export function apiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Accountability ledger')
      .setDescription('An event-sourced ledger of citizen reports, visits to the grassroots, meetings and escalations.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
}
