import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { HttpServerConfig } from '../config/ledger.config.js';

/**
 * The HTTP server's timeouts and its graceful stop. Node checks the header and request timeouts on a
 * timer; it runs every second here (Node's default is 30 s), so a body that stops short of its
 * Content-Length is cut off close to the configured time.
 */
export class HttpServerLifecycle {
  private draining = false;
  private readonly inFlight = new Set<ServerResponse>();

  constructor(
    private readonly server: Server,
    config: HttpServerConfig,
  ) {
    server.headersTimeout = config.headersTimeoutSeconds * 1000;
    server.requestTimeout = config.requestTimeoutSeconds * 1000;
    server.keepAliveTimeout = config.keepAliveTimeoutSeconds * 1000;
    // Read when the server starts listening: set before listen().
    (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = 1000;
    // Before the application's own listener, so every answer given while draining says Connection: close.
    server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => this.track(response));
  }

  /** Requests received and not yet answered. */
  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /**
   * Stops accepting connections, closes the idle keep-alive ones, and tells every client whose request
   * is in flight (or arrives on an open connection meanwhile) that its connection closes after the
   * answer. Resolves once every connection has closed: every request received has had its answer.
   */
  drain(): Promise<void> {
    this.draining = true;
    for (const response of this.inFlight) closeAfter(response);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    return closed;
  }

  /** When the grace period is over: cut every connection left, answered or not. */
  forceClose(): void {
    this.server.closeAllConnections();
  }

  private track(response: ServerResponse): void {
    if (this.draining) closeAfter(response);
    this.inFlight.add(response);
    response.once('close', () => this.inFlight.delete(response));
  }
}

function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}
