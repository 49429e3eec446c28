import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { apiDocument } from './http/api-document.js';
import { ErrorsFilter } from './http/errors.filter.js';
import { requestBodies } from './http/request-bodies.js';
import { ledgerValidationPipe } from './http/validation.pipe.js';
import { requestLog } from './http/request-log.middleware.js';
import { httpMetrics } from './metrics/http-metrics.middleware.js';
import { LedgerMetrics } from './metrics/ledger-metrics.js';
import { securityHeaders } from './http/security-headers.js';
import { OPEN311_ERROR_SHAPE } from './open311/open311-error-shape.js';
import { OPEN311_INTAKE_PATH } from './open311/open311-intake-path.js';

/**
 * What main.ts and the e2e tests both apply, so the tests exercise the app users run. The app must be
 * created with `bodyParser: false`: requestBodies is the one body reader.
 */
export function configureApp(app: INestApplication): INestApplication {
  app.use(httpMetrics(app.get(LedgerMetrics)));
  app.use(requestLog);
  app.use(...securityHeaders());
  app.use(requestBodies({ form: [OPEN311_INTAKE_PATH], multipart: [OPEN311_INTAKE_PATH] }));
  app.useGlobalFilters(new ErrorsFilter([OPEN311_ERROR_SHAPE]));
  app.useGlobalPipes(ledgerValidationPipe());
  const document = apiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
