import { ApiOkResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';

/**
 * The schema of a JSON value, read off a faithful example of it: objects by their properties (all
 * present in the example are required), arrays by their first item, null as a nullable value. Read
 * routes answer views built by pure functions rather than classes; an example written beside the
 * route documents the shape and shows it, in one place.
 */
export function schemaOf(example: unknown): SchemaObject {
  if (example === null) return { nullable: true };
  if (Array.isArray(example)) return { type: 'array', items: example.length > 0 ? schemaOf(example[0]) : {} };
  switch (typeof example) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: Number.isInteger(example) ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object': {
      const entries = Object.entries(example as Record<string, unknown>);
      return {
        type: 'object',
        properties: Object.fromEntries(entries.map(([key, value]) => [key, schemaOf(value)])),
        required: entries.map(([key]) => key),
      };
    }
    default:
      return {};
  }
}

export interface AnswerDocumentation {
  readonly description: string;
  /** The same answer as a CSV table (format=csv or Accept: text/csv): an example of its text. */
  readonly csv?: string;
}

/** 200 with a JSON body shaped like `example` (and, for a table, its CSV twin). */
export function ApiAnswer(example: object, documentation: AnswerDocumentation): MethodDecorator & ClassDecorator {
  return ApiOkResponse({
    description: documentation.description,
    content: {
      'application/json': { schema: schemaOf(example), example },
      ...(documentation.csv === undefined
        ? {}
        : {
            'text/csv': {
              schema: { type: 'string', description: 'RFC 4180, UTF-8 with a BOM unless bom=false' },
              example: documentation.csv,
            },
          }),
    },
  });
}

/** 200 with a body that is not JSON: a CSV file, Prometheus text, a photo. */
export function ApiFileAnswer(mediaType: string, description: string, example?: string): MethodDecorator & ClassDecorator {
  return ApiOkResponse({
    description,
    content: {
      [mediaType]: {
        schema: { type: 'string', ...(mediaType.startsWith('image/') ? { format: 'binary' } : {}) },
        ...(example ? { example } : {}),
      },
    },
  });
}
