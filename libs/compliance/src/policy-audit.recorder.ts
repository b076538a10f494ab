import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { PolicyService } from '@qinglang/policy';
import { AuditLog } from '@qinglang/audit';

/** Each process that loads a policy says so in the audit log: which version governed decisions from when. */
@Injectable()
export class PolicyAuditRecorder implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditLog,
    private readonly policy: PolicyService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        action: 'policy.loaded',
        actor: { kind: 'system', id: `${hostname()}:${process.pid}` },
        subject: { kind: 'policy', id: this.policy.version },
        data: { version: this.policy.version, path: this.config.policyPath, role: this.config.role },
      }),
    );
  }
}
