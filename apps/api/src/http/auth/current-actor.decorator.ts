import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@dondoc/domain/shared';

export const ACTOR_KEY = 'dondocActor';

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<Record<string, unknown>>();
  return request[ACTOR_KEY] as Actor;
});
