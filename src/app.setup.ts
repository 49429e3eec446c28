import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ErrorsFilter } from './http/errors.filter.js';
import { ledgerValidationPipe } from './http/validation.pipe.js';
import { requestLog } from './http/request-log.middleware.js';
import { httpMetrics } from './metrics/http-metrics.middleware.js';
import { LedgerMetrics } from './metrics/ledger-metrics.js';

/** What main.ts and the e2e tests both apply, so the tests exercise the app users run. */
export function configureApp(app: INestApplication): INestApplication {
  app.use(httpMetrics(app.get(LedgerMetrics)));
  app.use(requestLog);
  app.useGlobalFilters(new ErrorsFilter());
  app.useGlobalPipes(ledgerValidationPipe());
  app.enableShutdownHooks();
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
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
