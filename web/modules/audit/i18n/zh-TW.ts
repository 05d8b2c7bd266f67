import type { MessagesOf } from '../../../app/module-types';
import type { zhCN } from './zh-CN';

export const zhTW: MessagesOf<typeof zhCN> = {
  menu: { audit: '稽核日誌', auditDescription: '所有變更的留痕與防竄改校驗' },
  page: {
    title: '稽核日誌',
    subtitle: '系統中的每一次新增、修改、停用都會留下防竄改紀錄；時間均為北京時間。',
    verify: '校驗稽核鏈',
  },
  filters: {
    entityType: '物件類型',
    action: '操作',
    actor: '操作人',
    entityId: '物件 ID',
    dateFrom: '開始日期',
    dateTo: '結束日期',
    reset: '重設篩選',
  },
  columns: {
    seq: '序號',
    at: '時間',
    actor: '操作人',
    entityType: '物件類型',
    entityId: '物件 ID',
    action: '操作',
    requestId: '請求 ID',
  },
  system: '系統',
  diff: {
    field: '欄位',
    before: '修改前',
    after: '修改後',
    kinds: { added: '新增', removed: '刪除', changed: '修改', unchanged: '未變' },
    showUnchanged: '顯示未變更的欄位',
    fields: '欄位對比',
    raw: '原始 JSON',
    noSnapshot: '（無）',
    empty: '沒有欄位變更',
  },
  verify: {
    okTitle: '稽核鏈完整',
    okDetail: '已校驗 {{count}} 筆紀錄，最新序號 {{head}}，未發現竄改。',
    brokenTitle: '稽核鏈在第 {{seq}} 筆紀錄處斷開',
    brokenDetail: '原因：{{reason}}。已校驗 {{count}} 筆紀錄。請立即聯絡系統管理員並保留現場。',
  },
};
