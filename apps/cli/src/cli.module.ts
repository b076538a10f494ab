import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@qinglang/config';
import { dataSourceOptions, typeOrmRoot } from '@qinglang/persistence';
import { PLATFORMS_TABLES, PlatformsModule } from '@qinglang/platforms';
import { AUDIT_TABLES, AuditModule, NoAuditWitnessPassesModule } from '@qinglang/audit';
import { STAFF_TABLES, StaffModule } from '@qinglang/staff';
import { PolicyModule } from '@qinglang/policy';
// These two files, not the application's index: the index loads every module of the service (queue, classifier,
// media, HTTP), about a second that a command which only reads a table should not pay.
import { MIGRATIONS } from '@qinglang/application/migration-list';
import { MigrationService } from '@qinglang/application/migration.service';

/**
 * What operator commands need: the database with the tables of the modules they call (platforms, staff, the audit
 * log) and those modules' services; no queue, no workers, no models, no HTTP. Every migration still runs, so a
 * command on a fresh database leaves the whole schema, as the service would.
 */
@Module({})
export class CliModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        typeOrmRoot(
          // One attempt: a command facing an unreachable database fails in a second (exit 1), where Nest's default
          // retries for half a minute as a service starting before its database would want.
          Object.assign(
            dataSourceOptions(config, [...PLATFORMS_TABLES, ...STAFF_TABLES, ...AUDIT_TABLES], MIGRATIONS),
            {
              retryAttempts: 1,
            },
          ),
        ),
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
