import { randomBytes, randomUUID } from 'node:crypto';
import {
  blindIndex,
  decryptField,
  encryptField,
  newTenantKeys,
  parseMasterKey,
  unwrapTenantKeys,
} from './field-encryption.js';

describe('field encryption with per-tenant keys', () => {
  const master = parseMasterKey(randomBytes(32).toString('base64'));
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const a = newTenantKeys(master, tenantA);
  const b = newTenantKeys(master, tenantB);

  it('round-trips a field, and the ciphertext does not contain the value', () => {
    const sealed = encryptField(a.keys, 'idCardNumber', 'm1', '11010519491231002X');
    expect(sealed).not.toContain('11010519491231002X');
    expect(decryptField(a.keys, 'idCardNumber', 'm1', sealed)).toBe('11010519491231002X');
    expect(encryptField(a.keys, 'idCardNumber', 'm1', '11010519491231002X')).not.toBe(sealed); // fresh IV each time
  });

  it('refuses another tenant key, another record, another field, or a tampered ciphertext', () => {
    const sealed = encryptField(a.keys, 'idCardNumber', 'm1', '11010519491231002X');
    expect(() => decryptField(b.keys, 'idCardNumber', 'm1', sealed)).toThrow();
    expect(() => decryptField(a.keys, 'idCardNumber', 'm2', sealed)).toThrow();
    expect(() => decryptField(a.keys, 'phone', 'm1', sealed)).toThrow();
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => decryptField(a.keys, 'idCardNumber', 'm1', tampered)).toThrow();
  });

  it('unwraps tenant keys only with the master key and for their tenant', () => {
    expect(unwrapTenantKeys(master, tenantA, a.wrapped).dataKey.equals(a.keys.dataKey)).toBe(true);
    expect(() => unwrapTenantKeys(master, tenantB, a.wrapped)).toThrow();
    expect(() =>
      unwrapTenantKeys(parseMasterKey(randomBytes(32).toString('base64')), tenantA, a.wrapped),
    ).toThrow();
  });

  it('gives equal blind indexes for equal values in one tenant, different across tenants and fields', () => {
    expect(blindIndex(a.keys, 'idCardNumber', 'X1')).toBe(blindIndex(a.keys, 'idCardNumber', 'X1'));
    expect(blindIndex(a.keys, 'idCardNumber', 'X1')).not.toBe(blindIndex(b.keys, 'idCardNumber', 'X1'));
    expect(blindIndex(a.keys, 'idCardNumber', 'X1')).not.toBe(blindIndex(a.keys, 'phone', 'X1'));
  });

  it('gives every ciphertext its own IV, across refills of the IV pool, and each opens', () => {
    const sealed = Array.from({ length: 10_000 }, (_, i) =>
      encryptField(a.keys, 'phone', `m${i}`, '13800138000'),
    );
    const ivs = new Set(
      sealed.map((s) => Buffer.from(s.split(':')[1]!, 'base64').subarray(0, 12).toString('hex')),
    );
    expect(ivs.size).toBe(sealed.length);
    sealed.forEach((s, i) => expect(decryptField(a.keys, 'phone', `m${i}`, s)).toBe('13800138000'));
  });

  it('refuses a master key of the wrong size', () => {
    expect(() => parseMasterKey(randomBytes(16).toString('base64'))).toThrow('32 bytes');
  });
});
