import type { UserEntity } from '@dondoc/read-models/users/user.entity';

/** What the API shows of a user: never the password hash. */
export function userView(u: UserEntity) {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    email: u.email,
    status: u.status,
    grants: u.grants,
    mustChangePassword: u.mustChangePassword,
    disabledReason: u.disabledReason,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
  };
}
