import { cleanKeywords, keywordsIn, spike } from './watch-rules.js';

describe('sentiment alert rules', () => {
  it('finds alert words in Chinese text and ignores the width and case of Latin letters', () => {
    expect(keywordsIn('小区停水三天，有人说要去上访', ['上访', '停水', '塌方'])).toEqual(['上访', '停水']);
    expect(keywordsIn('ＰＭ２.５ 超标', ['pm2.5'])).toEqual(['pm2.5']);
    expect(keywordsIn('路灯不亮', ['上访', ' '])).toEqual([]);
  });

  it('keeps saved words trimmed and once each', () => {
    expect(cleanKeywords([' 上访 ', '上访', '', '群体'])).toEqual(['上访', '群体']);
  });

  it('is a spike from five appeals a week and twice the weeks before', () => {
    expect(spike(4, 0)).toBeUndefined();
    expect(spike(5, 0)).toEqual({ count: 5, baseline: 0 });
    // 12 in four weeks is 3 a week: 6 is twice that, 5 is not.
    expect(spike(6, 12)).toEqual({ count: 6, baseline: 3 });
    expect(spike(5, 12)).toBeUndefined();
  });
});
