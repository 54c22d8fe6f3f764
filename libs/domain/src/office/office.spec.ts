import { deciderSpec, refusalOf } from '../testing';
import { OfficeCommand } from './office.commands';
import { officeDecider } from './office.decide';
import { OfficeEvent } from './office.events';
import { testContext } from './office.testing';

const admin = testContext('admin', 'UBND-QNG');
const registered: OfficeEvent = {
  type: 'OfficeRegistered',
  data: { code: 'SH-NV', name: 'Phòng Nội vụ huyện', parent: 'UBND-SH', level: 'office', email: 'noivu@sonha.example.vn' },
};

const { given, stateOf } = deciderSpec(officeDecider, admin);
const errorOf = refusalOf;

describe('Office', () => {
  describe('RegisterOffice', () => {
    it('registers an office with its parent, level and e-mail', () => {
      expect(
        given([], {
          type: 'RegisterOffice',
          data: { code: 'SH-NV', name: ' Phòng Nội vụ huyện ', parent: 'UBND-SH', level: 'office', email: 'noivu@sonha.example.vn' },
        }),
      ).toEqual([registered]);
    });

    it('registers a root with nulls for what was not given', () => {
      expect(given([], { type: 'RegisterOffice', data: { code: 'UBND-QNG', name: 'UBND tỉnh Quảng Ngãi' } })).toEqual([
        { type: 'OfficeRegistered', data: { code: 'UBND-QNG', name: 'UBND tỉnh Quảng Ngãi', parent: null, level: null, email: null } },
      ]);
    });

    it('refuses a second registration: OFFICE_EXISTS', () => {
      expect(errorOf(() => given([registered], { type: 'RegisterOffice', data: { code: 'SH-NV', name: 'x' } }))).toEqual({
        code: 'OFFICE_EXISTS',
        category: 'conflict',
        field: 'code',
      });
    });

    it.each(['', 'SH NV', 'SH/NV', 'Sở-NV', 'x'.repeat(65)])('refuses the code %j', (code) => {
      expect(errorOf(() => given([], { type: 'RegisterOffice', data: { code, name: 'x' } }))).toEqual({
        code: 'INVALID_OFFICE_CODE',
        category: 'validation',
        field: 'code',
      });
    });

    it('accepts a 64-character code of letters, digits, - and _', () => {
      const code = 'a_B-9'.repeat(12) + 'abcd';
      expect(given([], { type: 'RegisterOffice', data: { code, name: 'x' } })[0].data).toMatchObject({ code });
    });

    it('refuses a blank name, an unknown level, a bad e-mail and itself as parent', () => {
      const base = { code: 'SH-NV', name: 'x' };
      expect(errorOf(() => given([], { type: 'RegisterOffice', data: { ...base, name: '  ' } }))).toMatchObject({
        code: 'INVALID_NAME',
        field: 'name',
      });
      expect(errorOf(() => given([], { type: 'RegisterOffice', data: { ...base, level: 'ward' as never } }))).toMatchObject({
        code: 'INVALID_LEVEL',
        field: 'level',
      });
      expect(errorOf(() => given([], { type: 'RegisterOffice', data: { ...base, email: 'noivu' } }))).toMatchObject({
        code: 'INVALID_EMAIL',
        field: 'email',
      });
      expect(errorOf(() => given([], { type: 'RegisterOffice', data: { ...base, parent: 'SH-NV' } }))).toMatchObject({
        code: 'OFFICE_CYCLE',
        field: 'parent',
      });
      expect(errorOf(() => given([], { type: 'RegisterOffice', data: { ...base, parent: 'bad code' } }))).toMatchObject({
        code: 'INVALID_OFFICE_CODE',
        field: 'parent',
      });
    });

    it.each(['leader', 'officer', 'inspector'] as const)('is for admins only, not %s: ROLE_NOT_ALLOWED', (role) => {
      expect(
        errorOf(() => given([], { type: 'RegisterOffice', data: { code: 'SH-NV', name: 'x' } }, testContext(role, 'UBND-QNG'))),
      ).toEqual({
        code: 'ROLE_NOT_ALLOWED',
        category: 'forbidden',
        field: undefined,
      });
    });
  });

  describe('RenameOffice', () => {
    it('renames, keeping the previous name', () => {
      expect(given([registered], { type: 'RenameOffice', data: { name: 'Phòng Nội vụ' } })).toEqual([
        { type: 'OfficeRenamed', data: { code: 'SH-NV', name: 'Phòng Nội vụ', previousName: 'Phòng Nội vụ huyện' } },
      ]);
    });
    it('records nothing for the same name', () => {
      expect(given([registered], { type: 'RenameOffice', data: { name: 'Phòng Nội vụ huyện' } })).toEqual([]);
    });
    it('needs an office: OFFICE_NOT_FOUND', () => {
      expect(errorOf(() => given([], { type: 'RenameOffice', data: { name: 'x' } }))).toMatchObject({
        code: 'OFFICE_NOT_FOUND',
        category: 'not_found',
      });
    });
  });

  describe('MoveOffice', () => {
    it('moves under another parent', () => {
      expect(given([registered], { type: 'MoveOffice', data: { parent: 'UBND-BS' } })).toEqual([
        { type: 'OfficeMoved', data: { code: 'SH-NV', parent: 'UBND-BS', previousParent: 'UBND-SH' } },
      ]);
    });
    it('records nothing when the parent is the same', () => {
      expect(given([registered], { type: 'MoveOffice', data: { parent: 'UBND-SH' } })).toEqual([]);
    });
    it('refuses to move under its own descendant: OFFICE_CYCLE', () => {
      const district: OfficeEvent = {
        type: 'OfficeRegistered',
        data: { code: 'UBND-SH', name: 'UBND huyện Sơn Hà', parent: 'UBND-QNG', level: 'district', email: null },
      };
      expect(errorOf(() => given([district], { type: 'MoveOffice', data: { parent: 'SH-X-SONHA' } }))).toEqual({
        code: 'OFFICE_CYCLE',
        category: 'validation',
        field: 'parent',
      });
    });
  });

  describe('MergeOffice', () => {
    it('merges into a successor with a reason', () => {
      expect(given([registered], { type: 'MergeOffice', data: { into: 'SH-VP', reason: 'Sắp xếp tổ chức bộ máy 2025' } })).toEqual([
        { type: 'OfficeMerged', data: { code: 'SH-NV', into: 'SH-VP', reason: 'Sắp xếp tổ chức bộ máy 2025' } },
      ]);
    });
    it('refuses to merge into itself: MERGE_INTO_SELF', () => {
      expect(errorOf(() => given([registered], { type: 'MergeOffice', data: { into: 'SH-NV', reason: 'x' } }))).toEqual({
        code: 'MERGE_INTO_SELF',
        category: 'validation',
        field: 'into',
      });
    });
    it('needs a reason: REASON_REQUIRED', () => {
      expect(errorOf(() => given([registered], { type: 'MergeOffice', data: { into: 'SH-VP', reason: '' } }))).toMatchObject({
        code: 'REASON_REQUIRED',
        field: 'reason',
      });
    });
    it('refuses a merged office: OFFICE_CLOSED', () => {
      const merged: OfficeEvent = { type: 'OfficeMerged', data: { code: 'SH-NV', into: 'SH-VP', reason: 'x' } };
      expect(errorOf(() => given([registered, merged], { type: 'MergeOffice', data: { into: 'SH-TP', reason: 'y' } }))).toMatchObject({
        code: 'OFFICE_CLOSED',
        category: 'conflict',
      });
      expect(errorOf(() => given([registered, merged], { type: 'RenameOffice', data: { name: 'y' } }))).toMatchObject({
        code: 'OFFICE_CLOSED',
      });
    });
  });

  describe('CloseOffice', () => {
    it('closes', () => {
      expect(given([registered], { type: 'CloseOffice', data: { reason: 'Giải thể' } })).toEqual([
        { type: 'OfficeClosed', data: { code: 'SH-NV', reason: 'Giải thể' } },
      ]);
      expect(given([registered], { type: 'CloseOffice', data: {} })).toEqual([
        { type: 'OfficeClosed', data: { code: 'SH-NV', reason: null } },
      ]);
    });
    it('refuses to act on a closed office: OFFICE_CLOSED', () => {
      const closed: OfficeEvent = { type: 'OfficeClosed', data: { code: 'SH-NV', reason: null } };
      for (const command of [
        { type: 'CloseOffice', data: {} },
        { type: 'MoveOffice', data: { parent: 'UBND-BS' } },
        { type: 'RenameOffice', data: { name: 'z' } },
      ] as OfficeCommand[]) {
        expect(errorOf(() => given([registered, closed], command))).toMatchObject({ code: 'OFFICE_CLOSED', category: 'conflict' });
      }
    });
  });

  it('folds history into state', () => {
    const state = stateOf([
      registered,
      { type: 'OfficeRenamed', data: { code: 'SH-NV', name: 'Phòng Nội vụ', previousName: 'Phòng Nội vụ huyện' } },
      { type: 'OfficeMerged', data: { code: 'SH-NV', into: 'SH-VP', reason: 'x' } },
    ]);
    expect(state).toEqual({
      code: 'SH-NV',
      name: 'Phòng Nội vụ',
      parent: 'UBND-SH',
      level: 'office',
      email: 'noivu@sonha.example.vn',
      status: 'merged',
      mergedInto: 'SH-VP',
    });
  });
});
