import type { MessagesOf, ModuleResources } from '../../app/module-types';

const zhCN = {
  menu: { audit: '审计日志', auditDescription: '所有变更的留痕与防篡改校验' },
  page: {
    title: '审计日志',
    subtitle: '系统中的每一次新增、修改、停用都会留下防篡改记录；时间均为北京时间。',
    verify: '校验审计链',
  },
  filters: {
    entityType: '对象类型',
    action: '操作',
    actor: '操作人',
    entityId: '对象 ID',
    dateFrom: '开始日期',
    dateTo: '结束日期',
    reset: '重置筛选',
  },
  columns: {
    seq: '序号',
    at: '时间',
    actor: '操作人',
    entityType: '对象类型',
    entityId: '对象 ID',
    action: '操作',
    requestId: '请求 ID',
  },
  system: '系统',
  diff: {
    field: '字段',
    before: '修改前',
    after: '修改后',
    kinds: { added: '新增', removed: '删除', changed: '修改', unchanged: '未变' },
    showUnchanged: '显示未变化的字段',
    fields: '字段对比',
    raw: '原始 JSON',
    noSnapshot: '（无）',
    empty: '没有字段变化',
  },
  verify: {
    okTitle: '审计链完整',
    okDetail: '已校验 {{count}} 条记录，最新序号 {{head}}，未发现篡改。',
    brokenTitle: '审计链在第 {{seq}} 条记录处断开',
    brokenDetail: '原因：{{reason}}。已校验 {{count}} 条记录。请立即联系系统管理员并保留现场。',
  },
};

const zhTW: MessagesOf<typeof zhCN> = {
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

const en: MessagesOf<typeof zhCN> = {
  menu: { audit: 'Audit log', auditDescription: 'Tamper-evident trail of every change' },
  page: {
    title: 'Audit log',
    subtitle: 'Every create, update and disable leaves a tamper-evident record. Times are Beijing time.',
    verify: 'Verify audit chain',
  },
  filters: {
    entityType: 'Entity type',
    action: 'Action',
    actor: 'Actor',
    entityId: 'Entity ID',
    dateFrom: 'Start date',
    dateTo: 'End date',
    reset: 'Reset filters',
  },
  columns: {
    seq: 'Seq',
    at: 'Time',
    actor: 'Actor',
    entityType: 'Entity type',
    entityId: 'Entity ID',
    action: 'Action',
    requestId: 'Request ID',
  },
  system: 'System',
  diff: {
    field: 'Field',
    before: 'Before',
    after: 'After',
    kinds: { added: 'Added', removed: 'Removed', changed: 'Changed', unchanged: 'Unchanged' },
    showUnchanged: 'Show unchanged fields',
    fields: 'Field diff',
    raw: 'Raw JSON',
    noSnapshot: '(none)',
    empty: 'No field changed',
  },
  verify: {
    okTitle: 'The audit chain is intact',
    okDetail: 'Checked {{count}} records up to #{{head}}; no tampering found.',
    brokenTitle: 'The audit chain breaks at record #{{seq}}',
    brokenDetail:
      'Reason: {{reason}}. {{count}} records checked. Contact the system administrator now and preserve the evidence.',
  },
};

export const auditI18n: ModuleResources = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
