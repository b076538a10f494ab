import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@qinglang/config';
import { dataSourceOptions, typeOrmRoot } from '@qinglang/persistence';
import { PlatformsModule } from '@qinglang/platforms';
import { AuditModule, NoAuditWitnessPassesModule } from '@qinglang/audit';
import { StaffModule } from '@qinglang/staff';
import { PolicyModule } from '@qinglang/policy';
import { ENTITIES, MIGRATIONS, MigrationService } from '@qinglang/application';

/** What operator commands need: the database and the services they call; no queue, no workers, no HTTP. */
@Module({})
export class CliModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        typeOrmRoot(dataSourceOptions(config, ENTITIES, MIGRATIONS)),
        PlatformsModule,
        AuditModule,
        // A command, `audit verify` above all, writes nothing of its own to the audit log or the witness: the
        // service's processes witness what commands append.
        NoAuditWitnessPassesModule,
        StaffModule,
        // Staff tokens expire by the policy's lifetime.
        PolicyModule.forRoot(config.policyPath, false),
      ],
      providers: [MigrationService],
    };
  }
}
