import { describe, expect, it } from 'vitest';
import type { CellText } from './customers.import-cells.js';
import {
  nameCore,
  normaliseTyped,
  parseMonthDay,
  recogniseNotes,
  resolveMonthDay,
  sheetNameMonth,
  suggestConsultants,
} from './customers.import-office.js';
import { parseImportRow } from './customers.import-rules.js';

const typed = (value: string): CellText => ({ kind: 'text', value });
/** The day of the import: the register runs through November 2026. */
const now = new Date('2026-12-06T02:00:00.000Z');

describe('office text (pure rules)', () => {
  it('folds full-width digits, letters and ideographic spaces (NFKC) wherever a number is read', () => {
    expect(normaliseTyped('１３９\u3000００００\u3000１２３４')).toBe('139 0000 1234');
    expect(normaliseTyped('ＡＢ１２３')).toBe('AB123');
    const row = parseImportRow(
      {
        name: typed('李四'),
        phone: typed('１３９００００１２３４'),
        area: typed('８９－１１０'),
        budget: typed('３５０万'),
      },
      { now, sheetDate: null },
    );
    expect(row.errors).toEqual([]);
    expect(row.data.phones[0].e164).toBe('+8613900001234');
    expect(row.data).toMatchObject({ intentAreaMin: 89, intentAreaMax: 110, intentBudgetFen: 350_000_000 });
  });

  it('gives a month-day its year from the row, the sheet, or the import date (a later month-day is last year)', () => {
    expect(parseMonthDay('3月5日')).toMatchObject({ month: 3, day: 5 });
    expect(parseMonthDay('3/5')).toMatchObject({ month: 3, day: 5 });
    expect(parseMonthDay('03-05')).toMatchObject({ month: 3, day: 5 });
    expect(parseMonthDay('13/5')).toBeNull();
    const march = parseMonthDay('3月5日');
    const december = parseMonthDay('12月20日');
    const january = parseMonthDay('1月3日');
    if (!march || !december || !january) throw new Error('month-days should parse');
    expect(resolveMonthDay(march, { at: now, source: 'import' })?.date.toISOString()).toBe(
      '2026-03-04T16:00:00.000Z',
    );
    expect(resolveMonthDay(december, { at: now, source: 'import' })?.year).toBe(2025);
    // A register running from December into January: the nearest year to the date above it.
    expect(resolveMonthDay(january, { at: new Date('2025-12-28T04:00:00Z'), source: 'sheet' })?.year).toBe(
      2026,
    );
    const leap = parseMonthDay('2月29日');
    if (!leap) throw new Error('2月29日 should parse');
    expect(resolveMonthDay(leap, { at: now, source: 'import' })).toBeNull();

    const fromRow = parseImportRow(
      { name: typed('王五'), date: typed('1月3日'), visitDate: typed('2025/12/30') },
      { now, sheetDate: null },
    );
    expect(fromRow.data.registeredAt).toBe('2026-01-02T16:00:00.000Z');
    expect(fromRow.data.warnings[0]['zh-CN']).toContain('按本行来访日期取 2026 年');
    const fromSheet = parseImportRow(
      { name: typed('王五'), visitDate: typed('11/11') },
      { now, sheetDate: new Date('2024-11-01T00:00:00Z') },
    );
    expect(fromSheet.data.registeredAt).toBe('2024-11-10T16:00:00.000Z');
    expect(fromSheet.data.warnings[0].en).toContain('2024 taken from the dates above it');
    const impossible = parseImportRow(
      { name: typed('王五'), visitDate: typed('2月30日') },
      { now, sheetDate: null },
    );
    expect(impossible.errors[0]['zh-CN']).toContain('日期“2月30日”无法识别');
  });

  it('reads the month a sheet is named for, with its year or the import date', () => {
    const month = (name: string) => sheetNameMonth(name, now)?.toISOString() ?? null;
    expect(month('2026年3月')).toBe('2026-03-15T04:00:00.000Z');
    expect(month('来访登记 2025年12月')).toBe('2025-12-15T04:00:00.000Z');
    expect(month('2025-11')).toBe('2025-11-15T04:00:00.000Z');
    expect(month('2025.4')).toBe('2025-04-15T04:00:00.000Z');
    expect(month('３月')).toBe('2026-03-15T04:00:00.000Z');
    // December 15th is still to come on 2026-12-06: a sheet named 12月 is last year's.
    expect(month('12月')).toBe('2025-12-15T04:00:00.000Z');
    expect(month('三月')).toBe('2026-03-15T04:00:00.000Z');
    expect(month('2025年十一月')).toBe('2025-11-15T04:00:00.000Z');
    expect(month('十二月')).toBe('2025-12-15T04:00:00.000Z');
    expect(month('腊月')).toBeNull();
    expect(month('Sheet1')).toBeNull();
    expect(month('13月')).toBeNull();
    expect(month('说明')).toBeNull();
  });

  it('SA-3 reads peers, journalists and developers in the notes as key customers, not company on a visit', () => {
    expect(recogniseNotes('同行,XX地产置业顾问').keyKind).toBe('peer');
    expect(recogniseNotes('晚报记者').keyKind).toBe('media');
    expect(recogniseNotes('媒体朋友来踩盘').keyKind).toBe('media');
    expect(recogniseNotes('发展商领导').keyKind).toBe('developer');
    expect(recogniseNotes('开发商领导陪同').keyKind).toBe('developer');
    expect(recogniseNotes('与家人同行,看三房').keyKind).toBeNull();
    expect(recogniseNotes('在媒体广告上看到').keyKind).toBeNull();
    expect(recogniseNotes('').keyKind).toBeNull();
  });

  it('SA-10 reads a refused phone in the notes; the row is valid without a phone and flagged', () => {
    for (const note of ['不留电话', '客户拒留', '拒绝留电话,只看不买', '不肯留电话'])
      expect(recogniseNotes(note).isPhoneRefused).toBe(true);
    expect(recogniseNotes('留了电话').isPhoneRefused).toBe(false);
    const refused = parseImportRow(
      { name: typed('赵六'), notes: typed('不留电话') },
      { now, sheetDate: null },
    );
    expect(refused.errors).toEqual([]);
    expect(refused.data).toMatchObject({ isPhoneRefused: true, phones: [] });
    const withPhone = parseImportRow(
      { name: typed('赵六'), phone: typed('13900001111'), notes: typed('拒留') },
      { now, sheetDate: null },
    );
    expect(withPhone.data.isPhoneRefused).toBe(false);
    expect(withPhone.data.warnings).toHaveLength(1);
  });

  it('suggests staff for office names by surname, given name and pinyin', () => {
    const staff = [
      { id: 'zw', displayName: '张伟' },
      { id: 'ly', displayName: '刘洋' },
      { id: 'wf', displayName: '王芳' },
      { id: 'zm', displayName: '张敏' },
    ];
    expect(nameCore('张经理')).toBe('张');
    expect(nameCore('小刘')).toBe('刘');
    expect(nameCore('王姐')).toBe('王');
    expect(suggestConsultants('张经理', staff)).toEqual(['zm', 'zw']);
    expect(suggestConsultants('伟哥', staff)).toEqual(['zw']);
    expect(suggestConsultants('小刘', staff)).toEqual(['ly']);
    expect(suggestConsultants('ZW', staff)).toEqual(['zw']);
    expect(suggestConsultants('liuyang', staff)).toEqual(['ly']);
    expect(suggestConsultants('Lily', staff)).toEqual([]);
  });
});
