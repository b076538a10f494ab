import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, StaffOnly } from './staff-access';
import { STAFF_ROLES, StaffUser } from './staff-user.entity';
import { StaffMeResponse } from './staff.responses';

@ApiTags('staff')
@StaffOnly(...STAFF_ROLES)
@Controller('v1/staff')
export class StaffController {
  @Get('me')
  @ApiOperation({ summary: 'Who this staff token belongs to: the console asks it to learn which views to show' })
  @ApiOkResponse({ type: StaffMeResponse })
  me(@CurrentStaff() staff: StaffUser) {
    return { id: staff.id, name: staff.name, role: staff.role };
  }
}
