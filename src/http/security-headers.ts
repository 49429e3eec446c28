import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** Paths whose answers may carry personal data or answer by the caller's token: never stored by any cache. */
const PRIVATE_PREFIXES = ['/api/', '/open311/', '/health'];

const STRICT_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // The service may be reached over plain HTTP on a local network; upgrading would break its own pages there.
  upgradeInsecureRequests: null,
};

/**
 * Security headers by helmet: a Content-Security-Policy a same-origin web console can live with
 * (scripts and styles from the service itself only), with one loosening for Swagger UI at /docs,
 * whose page carries inline <style> blocks and style attributes (its scripts are files, so
 * script-src stays 'self' there too). Then, on every answer under /api/, /open311/ and /health,
 * Cache-Control: no-store, and Vary: Authorization, since the same URL answers by the token's roles and units.
 */
export function securityHeaders(): RequestHandler[] {
  const strict = helmet({ contentSecurityPolicy: { useDefaults: false, directives: STRICT_POLICY } });
  const docs = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...STRICT_POLICY, styleSrc: ["'self'", "'unsafe-inline'"] } },
  });
  return [
    (request: Request, response: Response, next: NextFunction) =>
      request.path === '/docs' || request.path.startsWith('/docs/') ? docs(request, response, next) : strict(request, response, next),
    (request: Request, response: Response, next: NextFunction) => {
      if (PRIVATE_PREFIXES.some((prefix) => request.path.startsWith(prefix))) {
        response.setHeader('Cache-Control', 'no-store');
        response.vary('Authorization');
      }
      next();
    },
  ];
}
