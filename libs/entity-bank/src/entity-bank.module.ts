import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglang/audit';
import { StaffModule } from '@qinglang/staff';
import { PlatformsModule } from '@qinglang/platforms';
import { BankEntry } from './bank-entry.entity';
import { EntityBankController } from './entity-bank.controller';
import { EntityBank } from './entity-bank.service';

@Module({
  imports: [TypeOrmModule.forFeature([BankEntry]), AuditModule, StaffModule, PlatformsModule],
  controllers: [EntityBankController],
  providers: [EntityBank],
  exports: [EntityBank],
})
export class EntityBankModule {}
