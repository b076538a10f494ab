import { DynamicModule, Global, Module } from '@nestjs/common';
import { PolicyService } from './policy.service';

@Global()
@Module({})
export class PolicyModule {
  /**
   * Loads the policy while the module tree is being described, before Nest opens a database connection or a
   * queue: an invalid file fails the boot at once, with nothing left half-started.
   */
  static forRoot(path: string, announce = true): DynamicModule {
    return {
      module: PolicyModule,
      providers: [{ provide: PolicyService, useValue: PolicyService.load(path, announce) }],
      exports: [PolicyService],
    };
  }
}
