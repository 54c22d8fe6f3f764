import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA, RouteParamtypes } from '@nestjs/common/internal';
import { Reflector } from '@nestjs/core';
import { normalizeIp } from '@nestjs/throttler';
import { Role, forbidden } from '@dondoc/domain/shared';
import type { Request, Response } from 'express';
import { RequestAuthenticator } from '../../auth/sessions/request-authenticator';
import { BodyKind, readBody } from '../body/body-reader';
import { inputProblems } from '../body/input-hygiene';
import { RequestValidationError } from '../problem-details.filter';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { ACTOR_KEY } from './current-actor.decorator';
import { IS_PUBLIC } from './public.decorator';
import { BODY_KIND_KEY, ROLES_KEY } from './route-policy.decorator';

/**
 * Global, and the only place a request body is read. In this order, each step before the costlier
 * next one: the per-IP limit, the bearer token or session cookie (401; CSRF for cookie writes),
 * the per-subject limit, the route's roles (403), then the body (with its byte, depth and element
 * limits), then NUL, unpaired surrogates, prototype keys and impossible dates anywhere in the
 * body, query or path (400 naming the field). Every route is authenticated unless marked
 * @Public(); the public /v1 routes (sign-in, first-run setup, single sign-on) still get the
 * per-IP limit and a bounded, checked body; /health and the like get nothing.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const http = context.switchToHttp();
    const request = http.getRequest<Request & Record<string, unknown>>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    if (isPublic && !/^\/v1\//i.test(request.path)) return true;
    // An IPv6 client is counted by its /64, as @nestjs/throttler does: one host has a whole subnet.
    await this.limiter.hit('ip', normalizeIp(request.ip ?? request.socket.remoteAddress ?? 'unknown'));
    if (!isPublic) {
      // No actor: a session with no grant yet, let through to /v1/auth/* only (the authenticator decides).
      const actor = await this.authenticator.authenticate(request);
      request[ACTOR_KEY] = actor;
      if (actor) await this.limiter.hit('subject', actor.userId);
      const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
      if (roles && (!actor || !roles.includes(actor.role))) throw forbidden('ROLE_NOT_ALLOWED', `only ${roles.join(' or ')} may do this`);
    }
    const kind = this.reflector.getAllAndOverride<BodyKind | undefined>(BODY_KIND_KEY, targets) ?? 'default';
    await readBody(request, http.getResponse<Response>(), kind);
    const problems = [
      ...inputProblems(request.query ?? {}),
      ...inputProblems(request.params ?? {}),
      ...inputProblems(request.body ?? {}, '', [], kind !== 'upload'),
    ];
    if (!isPublic && !takesQuery(context))
      problems.push(...Object.keys(request.query ?? {}).map((field) => ({ field, message: 'is not allowed' })));
    if (problems.length) throw new RequestValidationError(problems);
    return true;
  }
}

/** Whether the handler reads the query (@Query): if not, any query parameter is an unknown field. */
function takesQuery(context: ExecutionContext): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {}) as Record<string, unknown>;
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.QUERY));
}
