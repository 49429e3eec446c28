import { randomBytes } from 'node:crypto';
import { open, seal } from './personal-data-cipher.js';

describe('personal-data cipher (AES-256-GCM, synthetic IV)', () => {
  const key = randomBytes(32);
  const reporter = { name: 'Trần Thị Bích', phone: '0987 654 321', identityNumber: '030195001234' };

  it('opens what it sealed, and the sealed form holds no plaintext', () => {
    const sealed = seal(key, 'reporter-c1', 'case-c1/reporter', reporter);
    expect(sealed).toMatchObject({ subjectId: 'reporter-c1', alg: 'A256GCM' });
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    expect(JSON.stringify(sealed)).not.toMatch(/Bích|0987|030195/);
    expect(open(key, sealed, 'case-c1/reporter')).toEqual(reporter);
  });

  it('seals the same data for the same subject and context to the same bytes (a retry is a repeat)', () => {
    expect(seal(key, 'reporter-c1', 'case-c1/reporter', reporter)).toEqual(seal(key, 'reporter-c1', 'case-c1/reporter', { ...reporter }));
  });

  it('uses another IV for other data, another context or another subject', () => {
    const ivs = new Set([
      seal(key, 'reporter-c1', 'case-c1/reporter', reporter).iv,
      seal(key, 'reporter-c1', 'case-c1/reporter', { ...reporter, phone: '0987 654 322' }).iv,
      seal(key, 'reporter-c1', 'case-c2/reporter', reporter).iv,
      seal(key, 'reporter-c2', 'case-c1/reporter', reporter).iv,
    ]);
    expect(ivs.size).toBe(4);
  });

  it('refuses to open under another context (the data moved to another case)', () => {
    const sealed = seal(key, 'reporter-c1', 'case-c1/reporter', reporter);
    expect(() => open(key, sealed, 'case-c2/reporter')).toThrow();
  });

  it('refuses to open under another subject id, another key, or with a changed byte', () => {
    const sealed = seal(key, 'reporter-c1', 'case-c1/reporter', reporter);
    expect(() => open(key, { ...sealed, subjectId: 'reporter-c2' }, 'case-c1/reporter')).toThrow();
    expect(() => open(randomBytes(32), sealed, 'case-c1/reporter')).toThrow();
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] ^= 1;
    expect(() => open(key, { ...sealed, ciphertext: flipped.toString('base64') }, 'case-c1/reporter')).toThrow();
    expect(() => open(key, { ...sealed, tag: Buffer.alloc(16).toString('base64') }, 'case-c1/reporter')).toThrow();
  });

  it('refuses a key that is not 256 bits', () => {
    expect(() => seal(randomBytes(16), 'reporter-c1', 'case-c1/reporter', reporter)).toThrow('32 bytes');
  });
});
