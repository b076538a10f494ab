import { ExecutionContext, SetMetadata, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { StaffRole, StaffUser } from './staff-user.entity';

export const STAFF_ROUTE = 'qinglang:staff-roles';

/**
 * Marks a route for people, not platforms: only a staff token whose role is listed may call it. A senior
 * reviewer may do whatever a reviewer may. The OpenAPI document names the staff token and the roles
 * (`x-staff-roles`); a method's roles replace its controller's, as the guard reads them.
 */
export const StaffOnly = (...roles: StaffRole[]) => {
  const allowed: StaffRole[] =
    roles.includes('reviewer') && !roles.includes('senior_reviewer') ? [...roles, 'senior_reviewer'] : roles;
  return applyDecorators(
    SetMetadata(STAFF_ROUTE, allowed),
    ApiBearerAuth('staffToken'),
    ApiExtension('x-staff-roles', allowed),
  );
};

/** The authenticated person of this request. */
export const CurrentStaff = createParamDecorator((_: unknown, context: ExecutionContext): StaffUser => {
  return context.switchToHttp().getRequest<{ staff?: StaffUser }>().staff as StaffUser;
});
