import { randomBytes, randomUUID } from 'node:crypto';
import {
  blindIndex,
  blindIndexes,
  decryptField,
  encryptField,
  generationOf,
  letterKeys,
  newTenantKeys,
  newTenantKeysOfGeneration,
  parseMasterKey,
  unwrapTenantKeys,
  wrapTenantKeys,
} from './field-encryption.js';
import { masterKeysOf } from './tenant-key-ring.js';

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

  describe('rotation (decision 0041)', () => {
    const next = newTenantKeysOfGeneration(master, tenantA, 2);
    const during = { ...next.keys, previous: a.keys };

    it('seals under the current generation and opens either generation while the previous is kept', () => {
      const old = encryptField(a.keys, 'phone', 'm1', '13800138000');
      const fresh = encryptField(during, 'phone', 'm1', '13800138000');
      expect([generationOf(old), generationOf(fresh)]).toEqual([1, 2]);
      expect(fresh.startsWith('v1.2:')).toBe(true);
      expect(decryptField(during, 'phone', 'm1', old)).toBe('13800138000');
      expect(decryptField(during, 'phone', 'm1', fresh)).toBe('13800138000');
      // Once the previous keys are dropped, only the new generation opens; the old keys never open the new.
      expect(() => decryptField(next.keys, 'phone', 'm1', old)).toThrow();
      expect(() => decryptField(a.keys, 'phone', 'm1', fresh)).toThrow();
      // The generation is bound in: relabelling a ciphertext does not make it open under another key.
      expect(() => decryptField(during, 'phone', 'm1', `v1.2:${old.slice(3)}`)).toThrow();
    });

    it('searches both indexes while both keys are kept, one after', () => {
      expect(blindIndexes(during, 'phone', '13800138000')).toEqual([
        blindIndex(next.keys, 'phone', '13800138000'),
        blindIndex(a.keys, 'phone', '13800138000'),
      ]);
      expect(blindIndexes(next.keys, 'phone', '13800138000')).toHaveLength(1);
    });

    it('binds a generation to its tenant keys: a wrapping of one generation does not unwrap as another', () => {
      expect(unwrapTenantKeys(master, tenantA, next.wrapped, 2).dataKey.equals(next.keys.dataKey)).toBe(true);
      expect(() => unwrapTenantKeys(master, tenantA, next.wrapped, 1)).toThrow();
    });

    it('unwraps under an accepted older master key, and re-wraps under the new one', () => {
      const newMaster = randomBytes(32).toString('base64');
      const [current, older] = masterKeysOf(newMaster, master.toString('base64'));
      expect(() => unwrapTenantKeys(current!, tenantA, a.wrapped)).toThrow();
      const keys = unwrapTenantKeys([current!, older!], tenantA, a.wrapped);
      expect(keys.dataKey.equals(a.keys.dataKey)).toBe(true);
      const rewrapped = wrapTenantKeys(current!, tenantA, keys);
      expect(unwrapTenantKeys(current!, tenantA, rewrapped).indexKey.equals(a.keys.indexKey)).toBe(true);
      expect(() => masterKeysOf(newMaster, 'c2hvcnQ=')).toThrow('32 bytes');
    });

    it('opens a transfer letter sealed under the older master key while both are accepted', () => {
      const newMaster = parseMasterKey(randomBytes(32).toString('base64'));
      const sealed = encryptField(letterKeys(master, tenantB), 'idCardNumber', 't1', '11010519491231002X');
      expect(() => decryptField(letterKeys(newMaster, tenantB), 'idCardNumber', 't1', sealed)).toThrow();
      const both = letterKeys([newMaster, master], tenantB);
      expect(decryptField(both, 'idCardNumber', 't1', sealed)).toBe('11010519491231002X');
    });
  });
});
