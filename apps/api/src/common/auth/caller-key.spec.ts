import { createHash } from 'node:crypto';
import { callerIdFromAuthorization } from './caller-key.js';

describe('callerIdFromAuthorization', () => {
  const key = 'abcDEF0123456789._~-';

  it('identifies a caller by the SHA-256 of its key, not the key itself', () => {
    const id = callerIdFromAuthorization(`Bearer ${key}`);
    expect(id).toBe(createHash('sha256').update(key).digest('hex'));
    expect(id).not.toContain(key);
  });

  it('accepts keys of 16 to 128 characters and any case of the scheme', () => {
    expect(callerIdFromAuthorization(`bearer ${'a'.repeat(16)}`)).toBeDefined();
    expect(callerIdFromAuthorization(`Bearer ${'a'.repeat(128)}`)).toBeDefined();
  });

  it.each([undefined, '', key, `Basic ${key}`, `Bearer ${'a'.repeat(15)}`, `Bearer ${'a'.repeat(129)}`, `Bearer ${key}!`, `Bearer ${key} x`])(
    'rejects %p',
    (header) => {
      expect(callerIdFromAuthorization(header)).toBeUndefined();
    },
  );
});
