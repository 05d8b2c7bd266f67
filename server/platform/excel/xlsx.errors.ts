import { defineErrors, localized } from '../errors.js';

/** What the .xlsx reader refuses; every import that reads a workbook answers with these. */
export const xlsxErrors = defineErrors({
  /** The upload is not a zip, the zip is damaged, or a workbook part is not well-formed XML. */
  XLSX_UNREADABLE: {
    kind: 'unprocessable',
    message: localized(
      '无法读取该文件,请上传 Excel 或 WPS 保存的 .xlsx 文件。',
      '無法讀取該檔案,請上傳 Excel 或 WPS 儲存的 .xlsx 檔案。',
      'The file cannot be read; upload an .xlsx saved by Excel or WPS.',
    ),
  },
  /**
   * The workbook expands past the byte limit (declared in the zip's directory, or actually
   * inflated), holds more data rows than allowed, or too many distinct strings.
   */
  XLSX_TOO_LARGE: {
    kind: 'too_large',
    message: localized(
      '文件过大(解压后{found};上限 {maxMb} MB / {maxRows} 行)。请拆分后再导入。',
      '檔案過大(解壓後{found};上限 {maxMb} MB / {maxRows} 列)。請拆分後再匯入。',
      'The file is too large ({found} once unzipped; the limit is {maxMb} MB / {maxRows} rows). Split it and import the parts.',
    ),
  },
});
