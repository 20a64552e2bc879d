import {
  idCardCheckCharacter,
  idCardFacts,
  idCardProblem,
  maskIdCard,
  maskPhone,
  phoneProblem,
} from './id-card.js';

// Fictitious numbers built with the standard's own check character.
const valid = (first17: string) => `${first17}${idCardCheckCharacter(first17)}`;

describe('GB 11643 identity card numbers', () => {
  it('computes the check character by ISO 7064 MOD 11-2 (the standard example)', () => {
    expect(idCardCheckCharacter('11010519491231002')).toBe('X');
  });

  it.each([
    ['a valid number', valid('11010519900307123'), undefined],
    ['lower-case x accepted', '11010519491231002x', undefined],
    ['a wrong check character', '110105194912310021', 'id_card_check_character'],
    ['17 characters', '11010519491231002', 'id_card_format'],
    ['a letter inside', '1101051949123A002X', 'id_card_format'],
    ['30 February', valid('11010519900230123'), 'id_card_birth_date'],
    ['born before 1900', valid('11010518991231123'), 'id_card_birth_date'],
    ['address code 0…', valid('01010519900307123'), 'id_card_address'],
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

  it.each([
    ['13812345678', undefined],
    ['12812345678', 'phone_format'],
    ['1381234567', 'phone_format'],
  ])('phone %s', (value, problem) => {
    expect(phoneProblem(value)).toBe(problem);
  });
});
