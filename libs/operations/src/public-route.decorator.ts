import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export const PUBLIC_ROUTE = 'qinglang:public';
/**
 * Marks a route that needs no platform key (health, metrics). The empty security requirement says so in the
 * OpenAPI document, where it becomes `security: []`.
 */
export const PublicRoute = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiSecurity({}));
