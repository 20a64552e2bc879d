import { measurable, periodsOf, progressOf, rolledUp } from './commitment-progress.js';

describe('commitment progress', () => {
  const targets = [
    { description: '主题党日', unit: '次', target: 12, weight: 1 },
    { description: '发展党员', unit: '人', target: 2, weight: 3 },
  ];

  it('weighs each target by its weight and caps it at its target', () => {
    expect(progressOf(targets, undefined)).toBe(0);
    expect(progressOf(targets, [6, 0])).toBe(12.5);
    expect(progressOf(targets, [24, 1])).toBe(62.5);
    expect(progressOf(targets, [12, 2])).toBe(100);
    expect(progressOf(targets, [-5, 0])).toBe(0);
  });

  it('counts only measurable targets', () => {
    expect(progressOf([{ description: '加强学习', unit: '', target: 0, weight: 1 }], [5])).toBe(0);
    expect(measurable({ description: '讲党课', unit: '次', target: 4, weight: 1 })).toBe(true);
    expect(measurable({ description: '讲党课', unit: ' ', target: 4, weight: 1 })).toBe(false);
    expect(measurable({ description: '加强学习', unit: '次', target: 0, weight: 1 })).toBe(false);
  });

  it('rolls commitments up by their weights', () => {
    expect(rolledUp([])).toBe(0);
    expect(
      rolledUp([
        { progress: 50, weight: 1 },
        { progress: 100, weight: 1 },
      ]),
    ).toBe(75);
    expect(
      rolledUp([
        { progress: 50, weight: 3 },
        { progress: 100, weight: 1 },
      ]),
    ).toBe(62.5);
  });

  it('names the periods of the cadence', () => {
    expect(periodsOf('quarterly')).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect(periodsOf('monthly')).toHaveLength(12);
    expect(periodsOf('monthly')[2]).toBe('M03');
  });
});
