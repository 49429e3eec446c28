import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { apiDocument } from './http/api-document.js';
import { ErrorsFilter } from './http/errors.filter.js';
import { ledgerValidationPipe } from './http/validation.pipe.js';
import { requestLog } from './http/request-log.middleware.js';

/** What main.ts and the e2e tests both apply, so the tests exercise the app users run. */
export function configureApp(app: INestApplication): INestApplication {
  app.use(requestLog);
  app.useGlobalFilters(new ErrorsFilter());
  app.useGlobalPipes(ledgerValidationPipe());
  app.enableShutdownHooks();
  const document = apiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
