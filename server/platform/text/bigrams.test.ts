import { describe, expect, it } from 'vitest';
import { bigramQuery, bigramTokens, normaliseSearchText } from './bigrams.js';

describe('bigram search text', () => {
  it('cuts runs of letters and digits, Chinese and Latin alike, into bigrams and a last single character', () => {
    expect(bigramTokens(normaliseSearchText('卫生间漏水'))).toBe('卫生 生间 间漏 漏水 水');
    expect(bigramTokens(normaliseSearchText('13912345678'))).toBe('13 39 91 12 23 34 45 56 67 78 8');
    expect(bigramTokens(normaliseSearchText('WO-000123'))).toBe('wo o 00 00 01 12 23 3');
    expect(bigramTokens(normaliseSearchText('３栋 Ａ'))).toBe('3栋 栋 a');
    expect(bigramTokens(normaliseSearchText('（）'))).toBe('');
  });

  it('makes a query a phrase of its bigrams, a prefix for one character, exact only as one run', () => {
    expect(bigramQuery('漏水')).toEqual({ tokens: ['漏水'], lastIsPrefix: false, isExact: true });
    expect(bigramQuery('水')).toEqual({ tokens: ['水'], lastIsPrefix: true, isExact: true });
    expect(bigramQuery('5678')).toEqual({ tokens: ['56', '67', '78'], lastIsPrefix: false, isExact: true });
    // several runs: the longest alone, re-checked by the caller
    expect(bigramQuery('wo-000123')).toEqual({
      tokens: ['00', '00', '01', '12', '23'],
      lastIsPrefix: false,
      isExact: false,
    });
    expect(bigramQuery('3栋 2')).toEqual({ tokens: ['3栋'], lastIsPrefix: false, isExact: false });
    expect(bigramQuery('a b')).toEqual({ tokens: ['a'], lastIsPrefix: true, isExact: false });
    expect(bigramQuery('-12')).toMatchObject({ tokens: ['12'], isExact: false });
    expect(bigramQuery('-')).toBeNull();
  });
});
