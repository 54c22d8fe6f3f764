import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { usernameKey } from '@dondoc/domain/user';
import { Repository } from 'typeorm';
import { UserEntity } from './user.entity';

/** rm_users for lists, sign-in and the per-request checks of sessions and tokens. */
@Injectable()
export class UserQuery {
  constructor(@InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>) {}

  find(id: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ usernameKey: usernameKey(username) });
  }

  /** The users with this e-mail address, whatever its case (single sign-on links by it). */
  findByEmail(email: string): Promise<UserEntity[]> {
    return this.repo.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).limit(2).getMany();
  }

  async count(): Promise<number> {
    return this.repo.count();
  }

  /** Users holding a grant at an office under `path` (every user when path is null). */
  async list(path: string | null, limit = 500): Promise<UserEntity[]> {
    const qb = this.repo.createQueryBuilder('u').orderBy('u.username_key').limit(limit);
    if (path !== null) {
      qb.where('EXISTS (SELECT 1 FROM rm_offices o WHERE o.code = ANY (u.grant_offices) AND starts_with(o.path, :path))', { path });
    }
    return qb.getMany();
  }
}
