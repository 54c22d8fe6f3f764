import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'dondoc:public';
/** Operations routes (health, metrics) need no token; every /v1 route does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
