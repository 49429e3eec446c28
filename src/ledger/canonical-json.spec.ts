import { canonicalJson } from './canonical-json.js';
import { InvalidEventError } from './ledger.errors.js';

describe('canonicalJson (RFC 8785 for JSON values)', () => {
  it('sorts keys by UTF-16 code units at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, A: 0, é: 2, '10': 1, '9': 1 })).toBe(
      '{"10":1,"9":1,"A":0,"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1,"é":2}',
    );
  });

  it('writes numbers and strings as ECMAScript JSON does', () => {
    expect(canonicalJson([1e21, 0.1, -0, 1.5e-7, 'Hải Dương', '\u2028', '"\\'])).toBe(
      '[1e+21,0.1,0,1.5e-7,"Hải Dương","\u2028","\\"\\\\"]',
    );
  });

  it.each([
    ['NaN', { n: Number.NaN }],
    ['Infinity', { n: Number.POSITIVE_INFINITY }],
    ['undefined', { u: undefined }],
    ['a date object', { d: new Date(0) }],
    ['a bigint', { b: BigInt(1) }],
    ['a function', { f: () => 1 }],
  ])('refuses %s instead of silently changing it', (_, value) => {
    expect(() => canonicalJson(value)).toThrow(InvalidEventError);
  });
});

describe('canonicalJson error messages', () => {
  it('name the path of the value JSON cannot hold', () => {
    expect(() => canonicalJson({ a: [1, { b: Number.NaN }] })).toThrow('$.a[1].b (NaN) is not representable in JSON');
    expect(() => canonicalJson({ when: new Date(0) })).toThrow('$.when (a Date object)');
  });
});
