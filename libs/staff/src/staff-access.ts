import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { StaffRole, StaffUser } from './staff-user.entity';

export const STAFF_ROUTE = 'qinglang:staff-roles';

/**
 * Marks a route for people, not platforms: only a staff token whose role is listed may call it. A senior
 * reviewer may do whatever a reviewer may.
 */
export const StaffOnly = (...roles: StaffRole[]) =>
  SetMetadata(
    STAFF_ROUTE,
    roles.includes('reviewer') && !roles.includes('senior_reviewer') ? [...roles, 'senior_reviewer'] : roles,
  );

/** The authenticated person of this request. */
export const CurrentStaff = createParamDecorator((_: unknown, context: ExecutionContext): StaffUser => {
  return context.switchToHttp().getRequest<{ staff?: StaffUser }>().staff as StaffUser;
});
