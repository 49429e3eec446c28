import { ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ErrorsFilter } from '../http/errors.filter.js';

/**
 * GeoReport v2 clients expect errors as a list of { code, description }. The status and the sentence
 * come from the service's one error filter; only the shape changes.
 */
@Catch()
export class Open311ErrorsFilter implements ExceptionFilter {
  private readonly errors = new ErrorsFilter();

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.errors.toBody(error);
    // error_code is an addition to the specification's two fields: the ledger's stable code.
    response.status(body.statusCode).json([{ code: body.statusCode, description: body.message, error_code: body.code }]);
  }
}
