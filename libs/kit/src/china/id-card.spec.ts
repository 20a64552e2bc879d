import { idCardCheckCharacter, idCardFacts, idCardProblem, maskIdCard, maskPhone, phoneProblem } from './id-card.js';

// Fictitious numbers built with the standard's own check character.
const valid = (first17: string) => `${first17}${idCardCheckCharacter(first17)}`;

describe('GB 11643 identity card numbers', () => {
  it('computes the check character by ISO 7064 MOD 11-2 (the standard example)', () => {
    expect(idCardCheckCharacter('11010519491231002')).toBe('X');
  });

  it.each([
    ['a valid number', valid('11010519900307123'), undefined],
    ['lower-case x accepted', '11010519491231002x', undefined],
    ['a wrong check character', '110105194912310021', 'has a wrong check character'],
    ['17 characters', '11010519491231002', 'must be 18 characters: 17 digits and a digit or X'],
    ['a letter inside', '1101051949123A002X', 'must be 18 characters: 17 digits and a digit or X'],
    ['30 February', valid('11010519900230123'), 'has no valid birth date'],
    ['born before 1900', valid('11010518991231123'), 'has no valid birth date'],
    ['address code 0…', valid('01010519900307123'), 'has no valid address code'],
  ])('%s', (_name, value, problem) => {
    expect(idCardProblem(value)).toBe(problem);
  });

  it('reads birth date and gender', () => {
    expect(idCardFacts(valid('11010519900307123'))).toEqual({ birthDate: '1990-03-07', gender: 'male' });
    expect(idCardFacts(valid('11010519900307124'))).toEqual({ birthDate: '1990-03-07', gender: 'female' });
  });

  it('masks as 110***********1234 and 138****5678', () => {
    expect(maskIdCard('11010519491231002X')).toBe('110***********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it.each([['13812345678', undefined], ['12812345678', 'must be an 11-digit mobile number starting with 1'], ['1381234567', 'must be an 11-digit mobile number starting with 1']])('phone %s', (value, problem) => {
    expect(phoneProblem(value)).toBe(problem);
  });
});
