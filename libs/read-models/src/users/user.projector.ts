import { Injectable } from '@nestjs/common';
import { USER_EVENT_TYPES, UserEvent, evolveUser, usernameKey } from '@dondoc/domain/user';
import type { RecordedEvent } from '@dondoc/event-store';
import { EntityManager } from 'typeorm';
import { Projection } from '../projection/projection';
import { UserEntity } from './user.entity';

const handled = new Set<string>(USER_EVENT_TYPES);

/** rm_users: one row per user, its state folded by the domain's own evolve. */
@Injectable()
export class UserProjector implements Projection {
  readonly name = 'users';
  readonly tables = ['rm_users'];

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const repo = tx.getRepository(UserEntity);
    for (const recorded of events) {
      if (!handled.has(recorded.type)) continue;
      const event = { type: recorded.type, data: recorded.data } as UserEvent;
      const row = event.type === 'UserRegistered' ? null : await repo.findOneBy({ id: event.data.userId });
      const before = row
        ? {
            id: row.id,
            username: row.username,
            name: row.name,
            email: row.email,
            status: row.status,
            grants: row.grants,
            passwordHash: row.passwordHash,
            mustChangePassword: row.mustChangePassword,
          }
        : null;
      const after = evolveUser(before, event);
      if (!after) continue;
      await repo.upsert(
        {
          id: after.id,
          username: after.username,
          usernameKey: usernameKey(after.username),
          name: after.name,
          email: after.email,
          status: after.status,
          grants: after.grants,
          grantOffices: [...new Set(after.grants.map((g) => g.office))],
          passwordHash: after.passwordHash,
          mustChangePassword: after.mustChangePassword,
          disabledReason:
            event.type === 'UserDisabled' ? event.data.reason : after.status === 'disabled' ? (row?.disabledReason ?? null) : null,
          createdAt: row?.createdAt ?? recorded.recordedAt,
          version: recorded.version,
        },
        ['id'],
      );
    }
  }
}
