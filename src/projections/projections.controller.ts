import { Controller, Get } from '@nestjs/common';
import { ApiAnswer } from '../http/documented-answer.js';
import { READ_EXAMPLES } from '../http/read-examples.js';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectionEngine } from './projection-engine.js';
import { Requires } from '../auth/requires.decorator.js';

@ApiTags('projections')
@Controller('api/v1/projections')
export class ProjectionsController {
  constructor(private readonly engine: ProjectionEngine) {}

  @Requires('operations.read')
  @ApiAnswer(READ_EXAMPLES.projections, { description: 'Each projection: its generation, position and lag' })
  @Get()
  @ApiOperation({
    summary: 'Each read model: its live generation, checkpoint, lag behind the ledger head, any rebuild in progress and last error',
  })
  @ApiOkResponse({
    description: '{ projections: [{ name, version, state, generation, checkpoint, headPosition, lag, building, lastError }] }',
  })
  async list() {
    return { projections: await this.engine.status() };
  }
}
