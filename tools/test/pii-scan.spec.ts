import { idCardCheckCharacter } from '@dangjian/kit';
import { findPersonalData, looksLikeName } from './pii-scan.mjs';

const first17 = '11010519491231002';
const idCard = `${first17}${idCardCheckCharacter(first17)}`;
const wrongCheck = `${first17}${idCardCheckCharacter(first17) === '0' ? '1' : '0'}`;
const kinds = (text: string, names = new Set<string>()) =>
  findPersonalData(text, names).map((hit: { kind: string; value: string }) => `${hit.kind}:${hit.value}`);

describe('the personal-data scan', () => {
  it('finds a valid ID-card number, not a number that only looks like one', () => {
    expect(kinds(`{"msg":"member created","idCard":"${idCard}"}`)).toEqual([`id-card:${idCard}`]);
    expect(kinds(`{"idCard":"${wrongCheck}"}`)).toEqual([]);
    // Part of a longer number or an identifier, or masked as the platform shows it.
    expect(kinds(`{"n":"9${idCard}","id":"a${idCard}b"}`)).toEqual([]);
    expect(kinds(`{"idCard":"${idCard.slice(0, 6)}********${idCard.slice(14)}"}`)).toEqual([]);
  });

  it('finds a mainland mobile number, not a timestamp or a masked one', () => {
    expect(kinds('{"phone":"13912345678"}')).toEqual(['mobile:13912345678']);
    expect(kinds('{"time":1764604800123,"phone":"139****5678","n":"12912345678"}')).toEqual([]);
  });

  it("finds a fixture's name inside Chinese text, and nothing when no name is known", () => {
    const names = new Set(['张有才', '欧阳·娜']);
    expect(kinds('{"msg":"举报人张有才已提交"}', names)).toEqual(['name:张有才']);
    expect(kinds('{"msg":"举报人欧阳·娜已提交"}', names)).toEqual(['name:欧阳·娜']);
    expect(kinds('{"msg":"张有才"}')).toEqual([]);
    expect(kinds('{"msg":"import-resume done","route":"/api/v1/members"}', names)).toEqual([]);
  });
});

describe("a person's name, as the scan takes it", () => {
  it('is a common surname and two to four characters, or a name with a middle dot', () => {
    for (const name of ['张有才', '王伟', '欧阳娜娜', '司马光', '阿依古丽·买买提'])
      expect([name, looksLikeName(name)]).toEqual([name, true]);
  });

  it('is not a word an account of a test was called, nor an organisation', () => {
    for (const name of ['党员', '测试', '发展对象', '艾克米党务管理员', '张', 'Zhang San', '欧阳'])
      expect([name, looksLikeName(name)]).toEqual([name, false]);
  });
});
