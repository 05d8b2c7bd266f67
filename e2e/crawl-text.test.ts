import { describe, expect, it } from 'vitest';
import {
  findHalfWidthPunctuation,
  findIdentifiers,
  latinAllowList,
  scriptPairs,
  wrongScriptCharacters,
} from './crawl-text.js';

describe('crawl text detectors', () => {
  it('finds the raw identifiers of issue 14 item 4 in Chinese text', () => {
    const tokens = (text: string) => findIdentifiers(text).map((finding) => finding.token);
    expect(tokens('请输入name / phone / idNumber / pledgeNumber')).toEqual([
      'name',
      'phone',
      'idNumber',
      'pledgeNumber',
    ]);
    expect(tokens('请输入bank / place / time')).toEqual(['bank', 'place', 'time']);
    expect(tokens('操作记录 plan · create 张伟')).toEqual(['plan', 'create']);
    expect(tokens('新消息:opening.signInCode')).toEqual(['opening.signInCode']);
    expect(tokens('app:menu.home')).toEqual(['app:menu.home']);
    expect(tokens('角色 dept_head')).toEqual(['dept_head']);
    expect(findIdentifiers('deposit · collect')[0]).toMatchObject({ reason: 'Latin word in Chinese text' });
  });

  it('lets allowed Latin text, numbers, units, emails and file names stand in Chinese text', () => {
    expect(
      findIdentifiers(
        '下载PDF 导出Excel 1号楼 A-1502 89.5㎡ 13800000001 zhangwei@example.com 一房一价表.xlsx CTI 来电 10:00 Yingke 认购书 RG000001(SA-13)',
      ),
    ).toEqual([]);
    expect(findIdentifiers('暂无数据，共 3 条')).toEqual([]);
    // the allow-list is a short reviewed list, not a catch-all
    expect(latinAllowList.size).toBeLessThan(40);
    expect(findIdentifiers('Calls')).toEqual([{ token: 'Calls', reason: 'Latin word in Chinese text' }]);
    // an English abbreviation is not a code
    expect(findIdentifiers('e.g. zs')).toEqual([]);
  });

  it('finds Traditional characters in Simplified text and the reverse (CS-4 "樓門的嗎")', () => {
    expect(wrongScriptCharacters('请问您找哪个樓門的嗎？', 'simplified')).toEqual(['樓', '門', '嗎']);
    expect(wrongScriptCharacters('请问您找哪个楼门的吗？', 'simplified')).toEqual([]);
    expect(wrongScriptCharacters('請問您找哪個樓門的嗎？', 'traditional')).toEqual([]);
    expect(wrongScriptCharacters('請問您找哪个楼門的嗎？', 'traditional')).toEqual(['个', '楼']);
    // A language picker names each language in its own script.
    expect(wrongScriptCharacters('語言：简体中文 / 繁體中文 / English', 'traditional')).toEqual([]);
    expect(wrongScriptCharacters('语言：简体中文 / 繁體中文', 'simplified')).toEqual([]);
  });

  it('keeps a character table whose pairs differ and appear once', () => {
    expect(scriptPairs.length).toBeGreaterThan(80);
    for (const [simplified, traditional] of scriptPairs) expect(simplified).not.toBe(traditional);
    const simplified = scriptPairs.map(([character]) => character);
    const traditional = scriptPairs.map(([, character]) => character);
    expect(new Set(simplified).size).toBe(simplified.length);
    expect(new Set(traditional).size).toBe(traditional.length);
    // no character is on both sides: each side's text can be checked without the other flagging it
    for (const character of simplified) expect(traditional).not.toContain(character);
  });

  it('finds half-width punctuation in Chinese phrases (issue 14 item 9)', () => {
    expect(findHalfWidthPunctuation('您好!翠湖花园!').map((finding) => finding.token)).toEqual([
      '好!',
      '园!',
    ]);
    expect(findHalfWidthPunctuation('房号,楼栋').map((finding) => finding.token)).toEqual(['号,']);
    expect(findHalfWidthPunctuation('您好！翠湖花园，欢迎。时间 10:00，金额 1,000')).toEqual([]);
  });
});
