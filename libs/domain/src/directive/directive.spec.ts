import { fold } from '../shared';
import { deciderSpec, errorOf } from '../testing';
import { testContext } from '../office/office.testing';
import { parseDirectiveKind } from './directive-kind';
import { decideDirectiveNumber, directiveKey, evolveDirectiveNumber, existingDirectiveId, DirectiveNumberEvent } from './directive-number';
import { IssueDirective } from './directive.commands';
import { directiveDecider } from './directive.decide';
import { DirectiveEvent } from './directive.events';

const leader = testContext('leader', 'UBND-SH');
const issue: IssueDirective = {
  type: 'IssueDirective',
  data: {
    id: 'd-1',
    number: 'KH-KHACPHUC-2024',
    kind: 'Kế hoạch',
    issuedOn: '2024-01-15',
    issuer: 'UBND-SH',
    title: 'Khắc phục những tồn tại, hạn chế trong công tác CCHC năm 2023',
    basis: ['57/QĐ-UBND', ' 1879/QĐ-UBND ', '57/QĐ-UBND'],
  },
};
const issued: DirectiveEvent = {
  type: 'DirectiveIssued',
  data: {
    id: 'd-1',
    number: 'KH-KHACPHUC-2024',
    kind: 'Kế hoạch',
    issuedOn: '2024-01-15',
    issuer: 'UBND-SH',
    title: 'Khắc phục những tồn tại, hạn chế trong công tác CCHC năm 2023',
    basis: ['57/QĐ-UBND', '1879/QĐ-UBND'],
  },
};
const revoked: DirectiveEvent = { type: 'DirectiveRevoked', data: { id: 'd-1', reason: 'Thay thế' } };

const { given, stateOf: directiveState } = deciderSpec(directiveDecider, leader);

describe('Directive', () => {
  describe('IssueDirective', () => {
    it('issues, trimming and de-duplicating the basis', () => {
      expect(given([], issue)).toEqual([issued]);
    });
    it('lets an admin issue for any office, and a province leader for a district', () => {
      expect(given([], issue, testContext('admin', 'SH-NV'))).toEqual([issued]);
      expect(given([], issue, testContext('leader', 'UBND-QNG'))).toEqual([issued]);
    });
    it('refuses a leader outside the issuer subtree: OUTSIDE_SUBTREE', () => {
      expect(errorOf(() => given([], issue, testContext('leader', 'UBND-BS')))).toEqual(['OUTSIDE_SUBTREE', 'forbidden', undefined]);
      expect(errorOf(() => given([], issue, testContext('leader', 'SH-NV')))).toEqual(['OUTSIDE_SUBTREE', 'forbidden', undefined]);
    });
    it.each(['officer', 'inspector'] as const)('refuses %s: ROLE_NOT_ALLOWED', (role) => {
      expect(errorOf(() => given([], issue, testContext(role, 'UBND-SH')))).toEqual(['ROLE_NOT_ALLOWED', 'forbidden', undefined]);
    });
    it('refuses an existing directive: DIRECTIVE_EXISTS', () => {
      expect(errorOf(() => given([issued], issue))).toEqual(['DIRECTIVE_EXISTS', 'conflict', 'id']);
    });
    it.each([
      [{ kind: 'Tờ trình' }, 'INVALID_KIND', 'kind'],
      [{ issuedOn: '2024-02-30' }, 'INVALID_DATE', 'issuedOn'],
      [{ issuedOn: '15/01/2024' }, 'INVALID_DATE', 'issuedOn'],
      [{ number: ' ' }, 'INVALID_NUMBER', 'number'],
      [{ title: '' }, 'INVALID_TITLE', 'title'],
      [{ issuer: 'UBND SH' }, 'INVALID_OFFICE_CODE', 'issuer'],
      [{ basis: ['57/QĐ-UBND', ''] }, 'INVALID_BASIS', 'basis[1]'],
      [{ basis: '57/QĐ-UBND' }, 'INVALID_BASIS', 'basis'],
    ])('refuses %j: %s', (patch, code, field) => {
      expect(errorOf(() => given([], { ...issue, data: { ...issue.data, ...(patch as object) } }))).toEqual([code, 'validation', field]);
    });
    it('reads the kind in any case and Unicode form', () => {
      expect(parseDirectiveKind('quyết định')).toBe('Quyết định');
      expect(parseDirectiveKind('Quyết định'.normalize('NFD'))).toBe('Quyết định');
      expect(parseDirectiveKind(' CÔNG  VĂN ')).toBe('Công văn');
    });
  });

  describe('AmendDirective', () => {
    it('records only what changed, with the reason', () => {
      expect(
        given([issued], {
          type: 'AmendDirective',
          data: { title: 'Tiêu đề mới', basis: issued.data.basis as string[], reason: 'Đính chính' },
        }),
      ).toEqual([{ type: 'DirectiveAmended', data: { id: 'd-1', title: 'Tiêu đề mới', reason: 'Đính chính' } }]);
      expect(given([issued], { type: 'AmendDirective', data: { basis: ['57/QĐ-UBND'], reason: 'Đính chính' } })).toEqual([
        { type: 'DirectiveAmended', data: { id: 'd-1', basis: ['57/QĐ-UBND'], reason: 'Đính chính' } },
      ]);
    });
    it('folds amendments into state', () => {
      const state = directiveState([issued, { type: 'DirectiveAmended', data: { id: 'd-1', basis: ['57/QĐ-UBND'], reason: 'x' } }]);
      expect(state).toMatchObject({ title: issued.data.title, basis: ['57/QĐ-UBND'], amendments: 1, status: 'issued' });
    });
    it('refuses an amendment that changes nothing: NOTHING_TO_AMEND', () => {
      expect(errorOf(() => given([issued], { type: 'AmendDirective', data: { reason: 'x' } }))).toEqual([
        'NOTHING_TO_AMEND',
        'validation',
        'basis',
      ]);
      expect(errorOf(() => given([issued], { type: 'AmendDirective', data: { title: issued.data.title, reason: 'x' } }))).toEqual([
        'NOTHING_TO_AMEND',
        'validation',
        'title',
      ]);
    });
    it('needs a reason, a directive, and one not revoked', () => {
      expect(errorOf(() => given([issued], { type: 'AmendDirective', data: { title: 'y', reason: '' } }))).toEqual([
        'REASON_REQUIRED',
        'validation',
        'reason',
      ]);
      expect(errorOf(() => given([], { type: 'AmendDirective', data: { title: 'y', reason: 'x' } }))).toEqual([
        'DIRECTIVE_NOT_FOUND',
        'not_found',
        undefined,
      ]);
      expect(errorOf(() => given([issued, revoked], { type: 'AmendDirective', data: { title: 'y', reason: 'x' } }))).toEqual([
        'DIRECTIVE_REVOKED',
        'conflict',
        undefined,
      ]);
    });
    it('keeps to the subtree of the issuer', () => {
      expect(
        errorOf(() => given([issued], { type: 'AmendDirective', data: { title: 'y', reason: 'x' } }, testContext('leader', 'UBND-BS'))),
      ).toEqual(['OUTSIDE_SUBTREE', 'forbidden', undefined]);
    });
  });

  describe('RevokeDirective', () => {
    it('revokes with a reason', () => {
      expect(given([issued], { type: 'RevokeDirective', data: { reason: 'Thay thế' } })).toEqual([revoked]);
      expect(directiveState([issued, revoked])).toMatchObject({ status: 'revoked', revokedReason: 'Thay thế' });
    });
    it('refuses twice: DIRECTIVE_REVOKED; needs a reason: REASON_REQUIRED; officers: ROLE_NOT_ALLOWED', () => {
      expect(errorOf(() => given([issued, revoked], { type: 'RevokeDirective', data: { reason: 'x' } }))).toEqual([
        'DIRECTIVE_REVOKED',
        'conflict',
        undefined,
      ]);
      expect(errorOf(() => given([issued], { type: 'RevokeDirective', data: { reason: ' ' } }))).toEqual([
        'REASON_REQUIRED',
        'validation',
        'reason',
      ]);
      expect(errorOf(() => given([issued], { type: 'RevokeDirective', data: { reason: 'x' } }, testContext('officer', 'UBND-SH')))).toEqual(
        ['ROLE_NOT_ALLOWED', 'forbidden', undefined],
      );
    });
  });
});

describe('directive number claims', () => {
  const claim = {
    type: 'ClaimDirectiveNumber' as const,
    data: { issuer: 'UBND-QNG', number: '1879/QĐ-UBND', issuedOn: '2023-12-15', directiveId: 'd-1879' },
  };
  const claimed: DirectiveNumberEvent = { type: 'DirectiveNumberClaimed', data: claim.data };
  const admin = testContext('admin', 'UBND-QNG');
  const stateOf = (events: DirectiveNumberEvent[]) => fold(evolveDirectiveNumber, null, events);

  it('builds one key whatever the case and spacing', () => {
    expect(directiveKey('UBND-QNG', '1879/QĐ-UBND')).toBe('directiveNumber-UBND-QNG:1879/QĐ-UBND');
    expect(directiveKey('ubnd-qng', ' 1879 / qđ-ubnd ')).toBe(directiveKey('UBND-QNG', '1879/QĐ-UBND'));
    expect(directiveKey('UBND-QNG', '1879/QĐ-UBND'.normalize('NFD'))).toBe(directiveKey('UBND-QNG', '1879/QĐ-UBND'));
    expect(directiveKey('UBND-SH', '1879/QĐ-UBND')).not.toBe(directiveKey('UBND-QNG', '1879/QĐ-UBND'));
  });
  it('claims a free number', () => {
    expect(decideDirectiveNumber(claim, null, admin)).toEqual([claimed]);
  });
  it('is idempotent for the same date and answers the first directive id', () => {
    const state = stateOf([claimed]);
    expect(decideDirectiveNumber({ ...claim, data: { ...claim.data, directiveId: 'd-other' } }, state, admin)).toEqual([]);
    expect(existingDirectiveId(state)).toBe('d-1879');
  });
  it('refuses another date: DIRECTIVE_NUMBER_TAKEN', () => {
    expect(
      errorOf(() => decideDirectiveNumber({ ...claim, data: { ...claim.data, issuedOn: '2024-12-15' } }, stateOf([claimed]), admin)),
    ).toEqual(['DIRECTIVE_NUMBER_TAKEN', 'conflict', 'number']);
  });
  it('keeps to leaders of the issuer subtree', () => {
    expect(errorOf(() => decideDirectiveNumber(claim, null, testContext('leader', 'UBND-SH')))).toEqual([
      'OUTSIDE_SUBTREE',
      'forbidden',
      undefined,
    ]);
  });
});
