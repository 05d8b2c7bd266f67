import { defineNotificationTemplates } from '../notify/index.js';

/** The sales office's notifications (SA-2 reminders, SA-3 key customers, ownership, SA-18 campaigns). */
export const customerTemplates = defineNotificationTemplates({
  'customers.keyCustomer': {
    label: { 'zh-CN': '重点客户到访', 'zh-TW': '重點客戶到訪', en: 'Key customer arrived' },
    params: ['customerName', 'kind', 'consultantName'],
    rule: 'SA-3',
    example: { customerName: '李先生', kind: '媒体', consultantName: '张伟' },
    text: {
      'zh-CN': {
        title: '重点客户:{customerName}({kind})',
        body: '置业顾问{consultantName}登记了重点客户{customerName}({kind}),请关注接待。',
      },
      'zh-TW': {
        title: '重點客戶:{customerName}({kind})',
        body: '置業顧問{consultantName}登記了重點客戶{customerName}({kind}),請關注接待。',
      },
      en: {
        title: 'Key customer: {customerName} ({kind})',
        body: 'Consultant {consultantName} registered key customer {customerName} ({kind}); please look after the reception.',
      },
    },
  },
  'customers.followUpDue': {
    label: { 'zh-CN': '回访提醒', 'zh-TW': '回訪提醒', en: 'Follow-up reminder' },
    params: ['customerName', 'plannedAt', 'theme'],
    rule: 'SA-2',
    example: { customerName: '王女士', plannedAt: '2026-11-28 10:00', theme: '介绍新推房源' },
    text: {
      'zh-CN': {
        title: '回访提醒:{customerName}',
        body: '{plannedAt} 回访{customerName},主题:{theme}。回访后请记录结果。',
      },
      'zh-TW': {
        title: '回訪提醒:{customerName}',
        body: '{plannedAt} 回訪{customerName},主題:{theme}。回訪後請記錄結果。',
      },
      en: {
        title: 'Follow-up: {customerName}',
        body: 'Call {customerName} at {plannedAt} about: {theme}. Record the outcome afterwards.',
      },
    },
  },
  'customers.reassignmentRequested': {
    label: { 'zh-CN': '客户归属申请', 'zh-TW': '客戶歸屬申請', en: 'Customer reassignment request' },
    params: ['consultantName', 'customerName', 'reason'],
    example: { consultantName: '刘洋', customerName: '陈先生', reason: '客户指定由我接待' },
    text: {
      'zh-CN': {
        title: '{consultantName}申请接手客户{customerName}',
        body: '申请理由:{reason}。请在“客户归属”中处理。',
      },
      'zh-TW': {
        title: '{consultantName}申請接手客戶{customerName}',
        body: '申請理由:{reason}。請在「客戶歸屬」中處理。',
      },
      en: {
        title: '{consultantName} asks to take over {customerName}',
        body: 'Reason: {reason}. Handle it under Customer ownership.',
      },
    },
  },
  'customers.ownerChanged': {
    label: { 'zh-CN': '客户归属变更', 'zh-TW': '客戶歸屬變更', en: 'Customer owner changed' },
    params: ['customerName', 'toName'],
    example: { customerName: '陈先生', toName: '刘洋' },
    text: {
      'zh-CN': {
        title: '客户{customerName}已归属{toName}',
        body: '项目经理已将客户{customerName}分配给{toName}。',
      },
      'zh-TW': {
        title: '客戶{customerName}已歸屬{toName}',
        body: '項目經理已將客戶{customerName}分配給{toName}。',
      },
      en: {
        title: '{customerName} now belongs to {toName}',
        body: 'The project manager assigned customer {customerName} to {toName}.',
      },
    },
  },
  'customers.newProject': {
    label: { 'zh-CN': '新项目推介', 'zh-TW': '新項目推介', en: 'New project announcement' },
    params: ['customerName', 'projectName', 'message', 'unsubscribeUrl'],
    rule: 'SA-18',
    smsTemplateCode: 'SMS_NEW_PROJECT',
    example: {
      customerName: '王女士',
      projectName: '翠湖花园二期',
      message: '本周六开放样板房',
      unsubscribeUrl: 'https://example.cn/unsubscribe/abc',
    },
    text: {
      'zh-CN': { title: '{projectName}', body: '{customerName}您好,{message}。退订请点 {unsubscribeUrl}' },
      'zh-TW': { title: '{projectName}', body: '{customerName}您好,{message}。退訂請點 {unsubscribeUrl}' },
      en: { title: '{projectName}', body: 'Dear {customerName}, {message}. Unsubscribe: {unsubscribeUrl}' },
    },
  },
});
