import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './environment';
import { CLOCK, Clock, systemClock } from './clock';
import { ServerSecret } from './server-secret';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Makes the validated configuration injectable everywhere as APP_CONFIG, the clock as CLOCK, and the server secret. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: ServerSecret, useValue: new ServerSecret(config.secretKeyPath) },
      ],
      exports: [APP_CONFIG, CLOCK, ServerSecret],
    };
  }
}
