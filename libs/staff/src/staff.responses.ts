import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES } from './staff-user.entity';

export class StaffMeResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: string;
}
