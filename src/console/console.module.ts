import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions/sessions.module.js';
import { ConsoleAssetsMiddleware } from './console-assets.middleware.js';
import { OidcSignInController } from './http/oidc-sign-in.controller.js';
import { SessionController } from './http/session.controller.js';

/** The committee console: its built files at /, and the session routes it signs in and out with (links, or the identity provider). */
@Module({
  imports: [SessionsModule],
  controllers: [SessionController, OidcSignInController],
})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ConsoleAssetsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
