import { buildOfficeXlsx, dateSerial, type OfficeCell } from '../../../platform/excel/testing/office-xlsx.js';

export interface SheetResident {
  building: string;
  door: string;
  room: string | number;
  name: string;
  role: string;
  phone: string | number;
  moveIn?: string;
  afterSales?: string;
  announcements?: string;
}

/**
 * The property office's own resident sheet (住户登记表) as Excel or WPS writes it: one sheet per
 * building with a merged title row, the building and door written once for a block of rows
 * (merged cells), dates in a 年月日 format, a hidden drop-down sheet and a notes sheet without a
 * header. Phones and rooms come as the office typed them (numbers, full-width digits …).
 */
export function buildResidentSheet(
  buildings: Array<{ sheet: string; rows: SheetResident[] }>,
  options: { application?: 'excel' | 'wps' } = {},
): Buffer {
  const header = ['楼栋', '单元', '房号', '姓名', '身份', '联系电话', '入住日期', '同意回访', '同意推介'];
  return buildOfficeXlsx({
    application: options.application ?? 'excel',
    sheets: [
      ...buildings.map(({ sheet, rows }) => {
        const merges = ['A1:I1'];
        // The building once for the whole sheet, each door once for its run of rows.
        if (rows.length > 1) merges.push(`A3:A${rows.length + 2}`);
        let start = 0;
        for (let index = 1; index <= rows.length; index++)
          if (index === rows.length || rows[index]!.door !== rows[start]!.door) {
            if (index - start > 1) merges.push(`B${start + 3}:B${index + 2}`);
            start = index;
          }
        const body: OfficeCell[][] = rows.map((row, index) => {
          const first = index === 0 || rows[index - 1]!.door !== row.door;
          return [
            index === 0 ? row.building : null,
            first ? row.door : null,
            row.room,
            row.name,
            row.role,
            row.phone,
            row.moveIn ? { date: { serial: dateSerial(row.moveIn), format: 31 } } : null,
            row.afterSales ?? '',
            row.announcements ?? '',
          ];
        });
        return { name: sheet, rows: [[`锦绣家园${sheet}住户登记表`], header, ...body], merges };
      }),
      { name: '选项', state: 'hidden' as const, rows: [['业主'], ['租户'], ['家属']] },
      { name: '填表说明', rows: [['请按楼栋分表填写'], ['电话可填多个,用顿号分隔']] },
    ],
  });
}
