import { deciderSpec, refusalOf } from '../testing';
import { testContext } from '../office/office.testing';
import { UserCommand } from './user.commands';
import { userDecider } from './user.decide';
import { UserEvent } from './user.events';
import { decideUsernameClaim, usernameStreamId } from './username-claim';

const admin = testContext('admin', 'UBND-QNG');
const leader = testContext('leader', 'UBND-SH');
const registered: UserEvent[] = [
  { type: 'UserRegistered', data: { userId: 'u1', username: 'NguyenVanA', name: 'Nguyễn Văn A', email: null } },
  { type: 'UserGranted', data: { userId: 'u1', role: 'officer', office: 'SH-NV' } },
  { type: 'PasswordSet', data: { userId: 'u1', hash: 'h', mustChange: true } },
];

const { given } = deciderSpec(userDecider, admin);
const codeOf = (fn: () => unknown) => refusalOf(fn).code;
const register = (grants: { role: 'officer' | 'leader'; office: string }[]): UserCommand => ({
  type: 'RegisterUser',
  data: { userId: 'u1', username: ' NguyenVanA ', name: 'Nguyễn Văn A', grants, passwordHash: 'h', mustChange: true },
});

describe('User', () => {
  it('registers: the user, one event per grant, the password hash', () => {
    expect(given([], register([{ role: 'officer', office: 'SH-NV' }]))).toEqual(registered);
  });

  it('lets a leader register officers of its subtree only', () => {
    expect(given([], register([{ role: 'officer', office: 'SH-NV' }]), leader)).toHaveLength(3);
    expect(codeOf(() => given([], register([{ role: 'leader', office: 'SH-NV' }]), leader))).toBe('ROLE_NOT_ALLOWED');
    expect(codeOf(() => given([], register([{ role: 'officer', office: 'BS-NV' }]), leader))).toBe('OUTSIDE_SUBTREE');
    expect(codeOf(() => given([], register([]), leader))).toBe('ROLE_NOT_ALLOWED');
    expect(codeOf(() => given([], register([{ role: 'officer', office: 'SH-NV' }]), testContext('officer', 'SH-NV')))).toBe(
      'ROLE_NOT_ALLOWED',
    );
  });

  it('grants once, revokes what is held, disables and enables (nothing for no change)', () => {
    const g = { role: 'inspector' as const, office: 'UBND-SH' };
    expect(given(registered, { type: 'GrantRole', data: g })).toEqual([{ type: 'UserGranted', data: { userId: 'u1', ...g } }]);
    expect(given([...registered, { type: 'UserGranted', data: { userId: 'u1', ...g } }], { type: 'GrantRole', data: g })).toEqual([]);
    expect(codeOf(() => given(registered, { type: 'RevokeGrant', data: g }))).toBe('GRANT_NOT_HELD');
    const disabled: UserEvent = { type: 'UserDisabled', data: { userId: 'u1', reason: 'Nghỉ hưu' } };
    expect(given(registered, { type: 'DisableUser', data: { reason: 'Nghỉ hưu' } })).toEqual([disabled]);
    expect(given([...registered, disabled], { type: 'DisableUser', data: { reason: 'x' } })).toEqual([]);
    expect(given([...registered, disabled], { type: 'EnableUser', data: {} })).toEqual([
      { type: 'UserEnabled', data: { userId: 'u1', reason: null } },
    ]);
  });

  it('a leader manages only users whose every grant is an officer grant in its subtree', () => {
    const elsewhere: UserEvent = { type: 'UserGranted', data: { userId: 'u1', role: 'officer', office: 'BS-NV' } };
    expect(given(registered, { type: 'DisableUser', data: { reason: 'x' } }, leader)).toHaveLength(1);
    expect(codeOf(() => given([...registered, elsewhere], { type: 'DisableUser', data: { reason: 'x' } }, leader))).toBe('OUTSIDE_SUBTREE');
    expect(codeOf(() => given(registered, { type: 'ResetPassword', data: { passwordHash: 'h2' } }, testContext('leader', 'UBND-BS')))).toBe(
      'OUTSIDE_SUBTREE',
    );
  });

  it('only the user changes its own password, which clears the forced change', () => {
    const self = { ...testContext('officer', 'SH-NV'), actor: { userId: 'u1', role: 'officer' as const, office: 'SH-NV' } };
    expect(given(registered, { type: 'ChangeOwnPassword', data: { passwordHash: 'h2' } }, self)).toEqual([
      { type: 'PasswordSet', data: { userId: 'u1', hash: 'h2', mustChange: false } },
    ]);
    expect(codeOf(() => given(registered, { type: 'ChangeOwnPassword', data: { passwordHash: 'h2' } }, admin))).toBe('NOT_YOUR_ACCOUNT');
  });

  it('usernames are claimed case-insensitively', () => {
    expect(usernameStreamId(' NguyenVanA ')).toBe('username-nguyenvana');
    expect(
      codeOf(() =>
        decideUsernameClaim(
          { type: 'ClaimUsername', data: { username: 'nguyenvana', userId: 'u2' } },
          { username: 'NguyenVanA', userId: 'u1' },
          admin,
        ),
      ),
    ).toBe('USERNAME_TAKEN');
  });
});
