import { Module } from '@nestjs/common';

/** Wired into AppModule; its controllers and providers are added as the feature is built. */
@Module({})
export class Open311Module {}
