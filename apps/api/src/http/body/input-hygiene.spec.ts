import { EdgeError } from '../edge.error';
import { inputProblems } from './input-hygiene';
import { checkJsonShape } from './json-shape';

describe('inputProblems: what PostgreSQL or a careless merge would choke on, by field', () => {
  it('NUL and unpaired surrogates anywhere, named by path; a paired surrogate (an emoji) is fine', () => {
    expect(inputProblems({ note: 'a\u0000b', plan: { tasks: [{ title: 'x' }, { title: 'y\uD800' }] }, ok: 'Đạt 👍' })).toEqual([
      { field: 'note', message: expect.stringContaining('NUL') },
      { field: 'plan.tasks[1].title', message: expect.stringContaining('unpaired surrogate') },
    ]);
    expect(inputProblems('\uDC00')).toEqual([{ field: 'body', message: expect.stringContaining('unpaired') }]);
  });

  it('__proto__, constructor and prototype keys, at any depth', () => {
    const body = JSON.parse('{"__proto__":{"x":1},"a":{"constructor":1},"b":[{"prototype":2}]}');
    expect(inputProblems(body).map((p) => p.field)).toEqual(['__proto__', 'a.constructor', 'b[0].prototype']);
  });

  it.each([
    ['0000-01-01', 'the year must be from 1900 to 2199'],
    ['2200-01-01', 'the year must be from 1900 to 2199'],
    ['0001-01-01T00:00:00Z', 'the year must be from 1900 to 2199'],
    ['2024-02-30', 'is not a real calendar date'],
    ['2024-02-30T10:00:00+07:00', 'is not a real calendar date'],
    ['2023-13-01', 'is not a real calendar date'],
  ])('a date or instant %s → %s', (value, message) => {
    expect(inputProblems({ asOf: value })).toEqual([{ field: 'asOf', message }]);
  });

  it.each(['1900-01-01', '2199-12-31', '2024-02-29', '2024-02-29T23:59:59.123+07:00', 'Trong Quý II 2024', '30/06/2024'])(
    '%s passes (other forms are the field validator’s to judge)',
    (value) => {
      expect(inputProblems({ asOf: value })).toEqual([]);
    },
  );

  it('dates: false (an imported file) still checks NUL and keys', () => {
    expect(inputProblems({ d: '0001-01-01', n: '\u0000' }, '', [], false)).toEqual([
      { field: 'n', message: expect.stringContaining('NUL') },
    ]);
  });
});

describe('checkJsonShape: depth and elements on the bytes, before parsing', () => {
  const limits = { maxDepth: 3, maxElements: 5 };
  const check = (text: string) => {
    try {
      checkJsonShape(Buffer.from(text), limits);
      return 'ok';
    } catch (e) {
      return (e as EdgeError).code;
    }
  };
  it('counts only structure outside strings (escaped quotes included)', () => {
    expect(check('{"a":"[[[[,,,,,,]]]]","b":"\\"[[[["}')).toBe('ok');
    expect(check('[[[1]]]')).toBe('ok');
    expect(check('[[[[1]]]]')).toBe('JSON_TOO_DEEP');
    expect(check('[1,2,3,4]')).toBe('ok');
    expect(check('[1,2,3,4,5,6]')).toBe('JSON_TOO_MANY_ELEMENTS');
  });
});
