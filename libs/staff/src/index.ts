export * from './staff-user.entity';
export * from './staff.service';
export * from './staff-access';
export * from './access.guard';
export * from './staff.controller';
export * from './staff.module';
