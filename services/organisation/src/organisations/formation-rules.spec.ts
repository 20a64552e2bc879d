import { formationWarnings, type BranchFacts } from './formation-rules.js';

const branch = (facts: Partial<BranchFacts>): BranchFacts => ({
  kind: 'branch',
  joint: false,
  fullMembers: 5,
  partyMembers: 5,
  hasCommittee: false,
  ...facts,
});

describe('branch formation warnings (rules.md §4)', () => {
  it.each<[string, Partial<BranchFacts>, string[]]>([
    ['2 full members', { fullMembers: 2, partyMembers: 2 }, ['fewer-than-3-full-members']],
    ['3 full members', { fullMembers: 3, partyMembers: 3 }, []],
    ['2 full members in a joint branch', { fullMembers: 2, partyMembers: 2, joint: true }, []],
    ['6 full members, no committee', { fullMembers: 6, partyMembers: 6 }, []],
    [
      '7 full members, no committee',
      { fullMembers: 7, partyMembers: 7 },
      ['committee-needed-at-7-full-members'],
    ],
    ['7 full members with a committee', { fullMembers: 7, partyMembers: 7, hasCommittee: true }, []],
    ['49 members', { fullMembers: 40, partyMembers: 49, hasCommittee: true }, []],
    [
      '50 members',
      { fullMembers: 40, partyMembers: 50, hasCommittee: true },
      ['general-branch-suggested-at-50-members'],
    ],
    [
      '99 members',
      { fullMembers: 90, partyMembers: 99, hasCommittee: true },
      ['general-branch-suggested-at-50-members'],
    ],
    [
      '100 members',
      { fullMembers: 90, partyMembers: 100, hasCommittee: true },
      ['committee-suggested-at-100-members'],
    ],
  ])('%s', (_name, facts, expected) => {
    expect(formationWarnings(branch(facts))).toEqual(expected);
  });

  it('says nothing about committees, general branches or groups', () => {
    expect(formationWarnings(branch({ kind: 'committee', fullMembers: 0, partyMembers: 0 }))).toEqual([]);
    expect(formationWarnings(branch({ kind: 'group', fullMembers: 1, partyMembers: 1 }))).toEqual([]);
  });
});
