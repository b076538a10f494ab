import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'qinglang:public';
/** Marks a route that needs no platform key (health, metrics). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
