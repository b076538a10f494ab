import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig, Clock, ConfigModule, systemClock } from '@qinglang/config';
import { dataSourceOptions, typeOrmRoot } from '@qinglang/persistence';
import { ApiExceptionFilter, MetricsController, OperationsModule } from '@qinglang/operations';
import { QueueModule } from '@qinglang/queue';
import { StorageModule } from '@qinglang/storage';
import { PlatformsModule } from '@qinglang/platforms';
import { AcceptsWorkGuard, IngestModule } from '@qinglang/ingest';
import { MediaModule } from '@qinglang/media';
import { ClassifierModule } from '@qinglang/classifier';
import { FlaggingModule } from '@qinglang/flagging';
import { PolicyModule } from '@qinglang/policy';
import { AuditModule } from '@qinglang/audit';
import { StaffModule, AccessGuard } from '@qinglang/staff';
import { DeliveryModule } from '@qinglang/delivery';
import { SanctionsModule } from '@qinglang/sanctions';
import { ReviewModule } from '@qinglang/review';
import { EntityBankModule } from '@qinglang/entity-bank';
import { ComplianceModule } from '@qinglang/compliance';
import { ConsoleModule } from '@qinglang/console';
import { LivePullModule } from '@qinglang/live-pull';
import { RetentionModule } from '@qinglang/retention';
import { ENTITIES, MIGRATIONS } from './schema';
import { HealthController } from './health.controller';
import { MigrationService } from './migration.service';

/**
 * The whole service for one process. Every role loads the same modules; the role decides whether the queue
 * workers start (not in `api`) and whether the HTTP server listens (not in `worker`, see main.ts).
 */
@Module({})
export class AppModule {
  static forConfig(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        OperationsModule,
        StorageModule,
        typeOrmRoot(dataSourceOptions(config, ENTITIES, MIGRATIONS)),
        QueueModule.forRoot(config),
        TerminusModule,
        PlatformsModule,
        IngestModule,
        MediaModule,
        LivePullModule,
        ClassifierModule,
        PolicyModule.forRoot(config.policyPath),
        FlaggingModule,
        AuditModule,
        StaffModule,
        DeliveryModule,
        SanctionsModule,
        ReviewModule,
        EntityBankModule,
        ComplianceModule,
        ConsoleModule,
        RetentionModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        MigrationService,
        { provide: APP_GUARD, useClass: AccessGuard },
        // After access: the platform is known, and a platform over its queue quota is refused before its upload is read.
        { provide: APP_GUARD, useExisting: AcceptsWorkGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
