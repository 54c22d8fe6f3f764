import { Injectable } from '@nestjs/common';
import { invalid } from '@dondoc/domain/shared';
import { Grant, UserCommand, userDecider, userStreamId, usernameClaimDecider, usernameStreamId } from '@dondoc/domain/user';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { randomBytes } from 'node:crypto';
import { AggregateRunner, idFromRequest } from '../application/aggregate-runner';
import { RequestContext } from '../application/request-context';
import { PasswordHasher } from '../auth/password/password-hasher';
import { checkPassword, oneTimePassword } from '../auth/password/password-policy';
import { SessionStore } from '../auth/sessions/session-store';
import { UserRegistry } from '../auth/user-registry';
import { RegisterUserRequestDto } from './users.dto';

/**
 * User administration: every change is an event on `user-<id>`, decided by the user aggregate
 * (which enforces who may manage whom). Offices named in grants must exist, except an admin's.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly offices: OfficeQuery,
    private readonly hasher: PasswordHasher,
    private readonly registry: UserRegistry,
    private readonly sessions: SessionStore,
  ) {}

  /** `sso`: a user who signs in through the identity provider only (no password, none returned). */
  async register(body: RegisterUserRequestDto, ctx: RequestContext, sso = false) {
    const given = body.password !== undefined ? checkPassword(body.password, 'password', body.username) : null;
    for (const [i, g] of body.grants.entries()) await this.requireOffice(g, `grants[${i}].office`);
    const id = idFromRequest(ctx, 'user-id');
    const otp = given === null && !sso ? oneTimePassword(randomBytes) : null;
    const register = {
      streamId: userStreamId(id),
      decider: userDecider,
      command: {
        type: 'RegisterUser',
        data: {
          userId: id,
          username: body.username,
          name: body.name,
          email: body.email ?? null,
          grants: body.grants,
          passwordHash: sso ? null : await this.hasher.hash(given ?? otp!),
          mustChange: given === null,
        },
      } as UserCommand,
      ctx: { ...ctx, ifMatch: undefined },
      expectNew: true,
      offices: () => body.grants.map((g) => g.office),
    };
    // A refused registration (scope, bad input) must not leave its username claimed.
    await this.runner.preflight(register);
    const claim = await this.runner.run({
      streamId: usernameStreamId(body.username),
      decider: usernameClaimDecider,
      command: { type: 'ClaimUsername', data: { username: body.username.trim(), userId: id } },
      ctx: { ...ctx, ifMatch: undefined },
    });
    const result = await this.runner.run(register);
    return { id, oneTimePassword: otp, written: [claim, result] };
  }

  async command(id: string, command: UserCommand, ctx: RequestContext) {
    if (command.type === 'GrantRole') await this.requireOffice(command.data, 'office');
    const result = await this.runner.run({
      streamId: userStreamId(id),
      decider: userDecider,
      command,
      ctx,
      notFoundCode: 'USER_NOT_FOUND',
      offices: (s) => [...(s?.grants.map((g) => g.office) ?? []), ...('office' in command.data ? [command.data.office] : [])],
    });
    this.registry.forget(id);
    if (result.events.some((e) => e.type === 'UserDisabled')) await this.sessions.endAllOf(id, 'disabled');
    return result;
  }

  async resetPassword(id: string, ctx: RequestContext) {
    const otp = oneTimePassword(randomBytes);
    const result = await this.command(id, { type: 'ResetPassword', data: { passwordHash: await this.hasher.hash(otp) } }, ctx);
    await this.sessions.endAllOf(id, 'password-reset');
    return { oneTimePassword: otp, result };
  }

  private async requireOffice(grant: Grant, field: string): Promise<void> {
    if (grant.role === 'admin') return; // an admin acts everywhere; its office need not exist (first run)
    const office = await this.offices.find(grant.office);
    if (!office || office.status !== 'active') throw invalid('UNKNOWN_OFFICE', `no active office ${grant.office}`, field);
  }
}
