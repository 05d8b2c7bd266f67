export type RegisterStyle = 'excel' | 'wps';

export interface RegisterRow {
  number: number;
  /** An Excel serial (a date cell) or the text typed into the cell. */
  visit: number | string;
  name: string;
  /** Text as typed; a number when the cell holds the phone as a number. */
  phone: string | number;
  gender: string;
  source: string;
  layout: string;
  consultant: string;
  notes: string;
}

/** The consultant names the office uses, in turn: staff names, titles, nicknames, and none. */
export const registerConsultants = ['张伟', '张经理', '小刘', '王姐', '刘洋', 'Lily', '', '陈静'] as const;

const peerNotes = new Map([
  [1, '同行'],
  [11, '同行,XX地产置业顾问'],
  [23, '疑似同行踩盘'],
  [35, '同行'],
  [47, '同行(中介)'],
  [59, '同行'],
]);
const mediaNotes = new Map([
  [4, '记者'],
  [16, '媒体朋友来踩盘'],
  [28, '晚报记者'],
  [40, '记者,想做专访'],
  [52, '记者,不留电话'],
]);
const developerNotes = new Map([
  [7, '发展商领导'],
  [19, '开发商领导陪同'],
  [31, '开发商'],
]);
const refusedNotes = new Map([
  [9, '不留电话'],
  [21, '客户拒留'],
  [33, '拒绝留电话,只看不买'],
  [45, '不肯留电话'],
  [57, '拒留'],
]);
/** Notes that look like a kind but are not one: company on the visit, an advert in the media. */
const decoyNotes = new Map([
  [8, '与家人同行,看三房'],
  [20, '和朋友同行'],
  [44, '与家人同行'],
  [13, '在媒体广告上看到'],
]);

/** What the 60 rows hold, as the import should count them. */
export const registerCounts = {
  rows: 60,
  keyCustomers: peerNotes.size + mediaNotes.size + developerNotes.size,
  peers: peerNotes.size,
  media: mediaNotes.size,
  developers: developerNotes.size,
  phoneRefused: refusedNotes.size + 1,
  /** Rows 31–60 have dates without a year. */
  yearless: 30,
} as const;

export const surnames = '赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施';
const givens = ['建国', '丽', '志强', '秀英', '伟', '敏', '静', '磊', '芳', '洋', '勇', '艳', '杰'];
const sources = ['自然来访', '朋友介绍', '网络', '户外广告'];
const layouts = ['两房', '三房', '四房', '复式'];

/** 2026-11-01 as an Excel serial. */
const novemberFirstSerial = Date.UTC(2026, 10, 1) / 86_400_000 + 25_569;

function fullWidth(text: string): string {
  return text.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
}

export function visitorRegisterRows(): RegisterRow[] {
  const rows: RegisterRow[] = [];
  for (let number = 1; number <= 60; number++) {
    const digits = `1390000${String(number).padStart(4, '0')}`;
    const isRefused = refusedNotes.has(number) || number === 52;
    let phone: string | number = digits;
    if (isRefused) phone = '';
    else if (number % 3 === 0) phone = fullWidth(digits);
    else if (number % 5 === 0)
      phone = `${digits.slice(0, 3)}\u3000${digits.slice(3, 7)}\u3000${digits.slice(7)}`;
    else if (number % 7 === 0) phone = Number(digits);
    const day = 11 + Math.floor((number - 31) / 3);
    const yearless = [`11月${day}日`, `11/${day}`, `11-${String(day).padStart(2, '0')}`][number % 3];
    rows.push({
      number,
      visit: number <= 30 ? novemberFirstSerial + Math.floor((number - 1) / 3) : yearless,
      name: `${surnames[number % surnames.length]}${givens[number % givens.length]}${number > 20 ? number : ''}`,
      phone,
      gender: number % 2 ? '男' : '女',
      source: sources[number % sources.length],
      layout: layouts[number % layouts.length],
      consultant: registerConsultants[number % registerConsultants.length],
      notes:
        peerNotes.get(number) ??
        mediaNotes.get(number) ??
        developerNotes.get(number) ??
        refusedNotes.get(number) ??
        decoyNotes.get(number) ??
        '',
    });
  }
  return rows;
}
