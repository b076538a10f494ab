export type * from './staff-user.entity';
export { STAFF_ROLES } from './staff-user.entity';
export * from './tables';
export * from './staff.service';
export * from './staff-access';
export * from './access.guard';
export * from './staff.controller';
export * from './staff.module';
