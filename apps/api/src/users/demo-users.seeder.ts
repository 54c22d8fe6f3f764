import { Injectable } from '@nestjs/common';
import { UserQuery } from '@dondoc/read-models/users/user.query';
import { ConsistencyService } from '@dondoc/read-models/projection/consistency.service';
import { AggregateRunner } from '../application/aggregate-runner';
import { UsersService } from './users.service';

/** Shared by every demo user: printed at start-up, for a demo database only. */
export const DEMO_PASSWORD = 'sonha-demo-2024';

const DEMO_USERS = [
  { username: 'quantri', name: 'Quản trị hệ thống', role: 'admin', office: 'UBND-QNG' },
  { username: 'chutich.sh', name: 'Chủ tịch UBND huyện Sơn Hà', role: 'leader', office: 'UBND-SH' },
  { username: 'canbo.noivu', name: 'Cán bộ Phòng Nội vụ', role: 'officer', office: 'SH-NV' },
  { username: 'thanhtra.sh', name: 'Thanh tra huyện Sơn Hà', role: 'inspector', office: 'UBND-SH' },
] as const;

/** `npm start -- --demo`: one user per role for the demo offices, when there are no users yet. */
@Injectable()
export class DemoUsersSeeder {
  constructor(
    private readonly users: UserQuery,
    private readonly service: UsersService,
    private readonly runner: AggregateRunner,
    private readonly consistency: ConsistencyService,
  ) {}

  async run(print: (line: string) => void = console.log): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const now = this.runner.now();
    const ctx = {
      actor: { userId: 'dondoc-demo', role: 'admin' as const, office: 'UBND-QNG', name: 'Dữ liệu minh họa' },
      occurredAt: now,
      recordedAt: now,
      correlationId: `demo-users-${now.getTime()}`,
    };
    for (const u of DEMO_USERS) {
      const { written } = await this.service.register(
        { username: u.username, name: u.name, grants: [{ role: u.role, office: u.office }], password: DEMO_PASSWORD },
        ctx,
      );
      for (const w of written) if (w.position) await this.consistency.waitFor(w.position);
    }
    print(`Demo users (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.username} (${u.role} ${u.office})`).join(', ')}`);
  }
}
