import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { CONSOLE_SECTIONS } from './console-sections.js';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Where `npm run build` puts the built console (web/dist, apart from dist/, which `nest build` empties), from src/console or dist/console alike. */
export const CONSOLE_DIR = resolve(import.meta.dirname, '..', '..', 'web', 'dist');

/** The service's own paths: never answered with the console, so an unknown API route stays a JSON 404. */
const SERVICE_SEGMENTS = new Set(['api', 'auth', 'open311', 'docs', 'docs-json', 'health', 'metrics']);
const SECTIONS = new Set(CONSOLE_SECTIONS);

/**
 * Serves the console at /: its files as they are (hashed assets cached for a year, since their names
 * change with their content), and index.html for / and the console's sections (CONSOLE_SECTIONS), so
 * a console address such as /cases/123 opened directly or reloaded reaches the client-side router.
 */
@Injectable()
export class ConsoleAssetsMiddleware implements NestMiddleware {
  private readonly files = express.static(CONSOLE_DIR, {
    index: false,
    fallthrough: true,
    setHeaders: (response, path) =>
      response.setHeader(
        'Cache-Control',
        path.includes(`${join(CONSOLE_DIR, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });

  // The console's files go out compressed (gzip or deflate, as the browser accepts); the API's answers are left as they are.
  private readonly compress = compression();

  use(request: Request, response: Response, next: NextFunction): void {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVICE_SEGMENTS.has(firstSegment(request.path))) return next();
    this.compress(request, response, () => this.files(request, response, () => this.fallback(request, response, next)));
  }

  private fallback(request: Request, response: Response, next: NextFunction): void {
    if (request.path !== '/' && !SECTIONS.has(firstSegment(request.path))) return next();
    const index = join(CONSOLE_DIR, 'index.html');
    if (!existsSync(index)) {
      response
        .status(404)
        .type('text/plain; charset=utf-8')
        .send('Bảng điều khiển chưa được dựng: chạy npm run build.\nThe console is not built: run npm run build (npm start does it).\n');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  }
}

function firstSegment(path: string): string {
  return path.split('/')[1] ?? '';
}
