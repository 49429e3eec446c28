import {
  ForbiddenException,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { decideAccess, grantedEverywhere } from './access-policy.js';
import { KeySetUnavailable } from './jwt/json-web-key-set.js';
import { attachPrincipal, type Principal } from './principal.js';
import { OTHER_CREDENTIAL, PUBLIC_ROUTE, REQUIREMENT, type Requirement } from './requires.decorator.js';
import type { ResourceScopes } from './resource-scopes.js';
import { SCRAPE_TOKEN_ROUTE, SCRAPER, ScrapeToken } from './scrape-token.js';
import { TokenRejected, type TokenVerifier } from './token-verifier.js';
import type { SessionAuthenticator } from './sessions/session-authenticator.js';

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)$/i;

/**
 * Every route needs a valid bearer token and the permission it declares (@Requires), except the ones
 * marked @Public. A route that declares neither is refused to everyone: forgetting is never an opening.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly scopes: ResourceScopes,
    private readonly scrapeToken = new ScrapeToken(undefined),
    private readonly sessions?: SessionAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (this.reflector.get<boolean>(SCRAPE_TOKEN_ROUTE, context.getHandler()) && this.scrapeToken.matches(bearerOf(request))) {
      attachPrincipal(request, SCRAPER);
      return true;
    }
    const otherCredential = this.reflector.get<((request: Request) => boolean) | undefined>(OTHER_CREDENTIAL, context.getHandler());
    if (otherCredential && !request.headers.authorization && otherCredential(request)) return true; // the handler checks it
    const principal = await this.authenticate(request, context.switchToHttp().getResponse<Response>());
    attachPrincipal(request, principal);
    ignoreActorInBody(request);
    const requirement = this.reflector.get<Requirement | undefined>(REQUIREMENT, context.getHandler());
    if (!requirement) throw new ForbiddenException({ code: 'AUTH.ROUTE_NOT_OPEN', message: 'This route is not open to any role.' });
    const byRole = decideAccess(principal, requirement.permission, undefined, []);
    if (!byRole.allowed) throw new ForbiddenException({ code: byRole.code, message: byRole.message, details: byRole.details });
    if (requirement.resource === undefined || grantedEverywhere(principal, requirement.permission)) return true;
    const resource = await this.scopes.scopeOf(requirement.resource, request);
    const decision = decideAccess(principal, requirement.permission, resource, await this.scopes.servedUnits(principal));
    if (!decision.allowed) throw new ForbiddenException({ code: decision.code, message: decision.message, details: decision.details });
    return true;
  }

  private async authenticate(request: Request, response: Response): Promise<Principal> {
    const header = request.headers.authorization;
    // The console's session cookie, when no bearer token is given (CSRF and origin checks included).
    if ((header === undefined || header === '') && this.sessions?.carriesSession(request)) return this.sessions.authenticate(request);
    if (header === undefined || header === '') {
      response.setHeader('WWW-Authenticate', 'Bearer realm="ledger"');
      throw new UnauthorizedException({
        code: 'AUTH.TOKEN_MISSING',
        message: 'This route needs a bearer token: Authorization: Bearer <token>.',
      });
    }
    const token = bearerOf(request);
    try {
      if (token === undefined) throw new TokenRejected('The Authorization header is not "Bearer <token>".');
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof KeySetUnavailable)
        throw new ServiceUnavailableException({ code: 'AUTH.KEYS_UNAVAILABLE', message: error.message });
      if (!(error instanceof TokenRejected)) throw error;
      response.setHeader('WWW-Authenticate', 'Bearer realm="ledger", error="invalid_token"');
      throw new UnauthorizedException({ code: 'AUTH.TOKEN_INVALID', message: `The bearer token was refused: ${error.message}` });
    }
  }
}

function bearerOf(request: Request): string | undefined {
  return BEARER.exec(request.headers.authorization ?? '')?.[1];
}

/** The actor of every event is the token's subject; an `actor` written into a body is dropped, never recorded. */
function ignoreActorInBody(request: Request): void {
  const body = request.body as Record<string, unknown> | undefined;
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'actor' in body) delete body.actor;
}
