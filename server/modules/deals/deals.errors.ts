import { defineErrors, localized } from '../../platform/errors.js';

export const dealErrors = defineErrors({
  /** A plan's figures cannot be computed from what was entered (field named). */
  PLAN_INPUT_INVALID: {
    kind: 'invalid',
    message: localized(
      '购房方案数据有误,请检查标出的字段。',
      '購房方案資料有誤,請檢查標出的欄位。',
      'The plan has invalid figures; check the marked fields.',
    ),
  },
  /**
   * Saving a plan whose discounts cut the price by more than the project's confirmation threshold
   * (deals.discountConfirmPercent) without the request saying the consultant confirmed it.
   */
  PLAN_DISCOUNT_UNCONFIRMED: {
    kind: 'conflict',
    message: localized(
      '优惠合计 {percent}%（减 ¥{amount}），超过 {limit}% 的确认线，请核对折扣后确认保存。',
      '優惠合計 {percent}%（減 ¥{amount}），超過 {limit}% 的確認線，請核對折扣後確認儲存。',
      'The discounts take {percent} % (CNY {amount}) off, above the {limit} % that needs confirming; check them and confirm to save.',
    ),
  },
  /** A plan for a unit that has no approved list price. */
  UNIT_NOT_PRICED: {
    kind: 'conflict',
    message: localized(
      '房号 {unit} 尚无已审批的价目表价格。',
      '房號 {unit} 尚無已審批的價目表價格。',
      'Unit {unit} has no approved list price yet.',
    ),
  },
  /** Approving, or using in an agreement, a plan whose discount still awaits (or was refused) a manager. */
  PLAN_NOT_APPROVED: {
    kind: 'conflict',
    message: localized(
      '该方案优惠超出置业顾问权限,需项目经理审批后才能使用。',
      '該方案優惠超出置業顧問權限,需項目經理審批後才能使用。',
      "The plan's discount is above the consultant's limit and needs a project manager's approval first.",
    ),
  },
  /** Deciding on a plan that is not waiting for a decision. */
  PLAN_NOT_PENDING: {
    kind: 'conflict',
    message: localized(
      '该方案不在待审批状态。',
      '該方案不在待審批狀態。',
      'The plan is not waiting for approval.',
    ),
  },
  /** SA-12 / Civil Code art. 586: the 定金 is above the configured share of the price. */
  DEPOSIT_OVER_LIMIT: {
    kind: 'invalid',
    message: localized(
      '定金不得超过房价的 {percent}%(最多 {max} 元,《民法典》第 586 条)。',
      '定金不得超過房價的 {percent}%(最多 {max} 元,《民法典》第 586 條)。',
      'A deposit may not exceed {percent} % of the price (at most CNY {max}; Civil Code art. 586).',
    ),
  },
  /** SA-12: collecting a deposit the sales controller or manager has not confirmed. */
  DEPOSIT_NOT_CONFIRMED: {
    kind: 'conflict',
    message: localized(
      '收取定金前需销控员或项目经理复核房号并确认。',
      '收取定金前需銷控員或項目經理複核房號並確認。',
      'The sales controller or the project manager must re-verify the unit and confirm before the deposit is taken.',
    ),
  },
  /** A deposit action that its current state does not allow (already collected, cancelled…). */
  DEPOSIT_STATE: {
    kind: 'conflict',
    message: localized(
      '该定金当前状态为“{status}”,不能执行此操作。',
      '該定金目前狀態為「{status}」,不能執行此操作。',
      'The deposit is "{status}"; this cannot be done now.',
    ),
  },
  /** SA-12: the collector named themself as the second person present. */
  WITNESS_SAME_PERSON: {
    kind: 'invalid',
    message: localized(
      '收取款项须至少两人在场:见证人不能是收款人本人。',
      '收取款項須至少兩人在場:見證人不能是收款人本人。',
      'At least two people must be present: the witness cannot be the person collecting.',
    ),
  },
  /** SA-12: the second person's username or password is wrong (never says which). */
  WITNESS_INVALID_CREDENTIALS: {
    kind: 'invalid',
    message: localized(
      '见证人用户名或密码错误。',
      '見證人使用者名稱或密碼錯誤。',
      "The witness's username or password is wrong.",
    ),
  },
  /** Too many failed witness sign-ins for one username. */
  WITNESS_LOCKED: {
    kind: 'rate_limited',
    message: localized(
      '见证人验证失败次数过多,请 {minutes} 分钟后再试。',
      '見證人驗證失敗次數過多,請 {minutes} 分鐘後再試。',
      'Too many failed witness checks; try again in {minutes} minutes.',
    ),
  },
  /** The witness is disabled, of another company, or has no role in the project. */
  WITNESS_NOT_ELIGIBLE: {
    kind: 'unprocessable',
    message: localized(
      '{name} 不是本项目在岗员工,不能作为见证人。',
      '{name} 不是本項目在崗員工,不能作為見證人。',
      '{name} is not active staff of this project and cannot witness.',
    ),
  },
  /** SA-12: only finance, the project manager, or someone the manager designated collects money. */
  NOT_COLLECTOR: {
    kind: 'forbidden',
    message: localized(
      '只有财务、项目经理或项目经理指定的人员可以收款。',
      '只有財務、項目經理或項目經理指定的人員可以收款。',
      'Only finance, the project manager or someone the manager designated may collect money.',
    ),
  },
  /** The same idempotency key was sent with different content. */
  IDEMPOTENCY_KEY_REUSED: {
    kind: 'unprocessable',
    message: localized(
      '该请求编号已用于另一笔不同的收款,请刷新页面后重新操作。',
      '該請求編號已用於另一筆不同的收款,請重新整理頁面後重新操作。',
      'This request key was already used for a different collection; reload the page and start again.',
    ),
  },
  /** Void request or approval on a receipt in the wrong state. */
  RECEIPT_STATE: {
    kind: 'conflict',
    message: localized(
      '收据 {number} 当前状态不允许此操作。',
      '收據 {number} 目前狀態不允許此操作。',
      'Receipt {number} cannot be changed this way in its current state.',
    ),
  },
  /** The person who asked to void a receipt tried to approve it too. */
  RECEIPT_VOID_SELF_APPROVAL: {
    kind: 'forbidden',
    message: localized(
      '作废申请须由另一位项目经理审批。',
      '作廢申請須由另一位項目經理審批。',
      'A void request must be approved by a different project manager.',
    ),
  },
  /** SA-13: a form number that is not in stock (used, voided, out with someone else, unknown). */
  FORM_NOT_AVAILABLE: {
    kind: 'conflict',
    message: localized(
      '认购书编号 {number} 不可用({reason})。',
      '認購書編號 {number} 不可用({reason})。',
      'Form {number} is not available ({reason}).',
    ),
  },
  /** SA-13: a batch overlapping numbers already issued to the project. */
  FORM_RANGE_OVERLAP: {
    kind: 'conflict',
    message: localized(
      '编号段与已发放的认购书编号重叠。',
      '編號段與已發放的認購書編號重疊。',
      'The range overlaps form numbers already issued.',
    ),
  },
  /** SA-13 / PRIV: an ID number failing its format or the GB 11643 checksum. */
  ID_NUMBER_INVALID: {
    kind: 'invalid',
    message: localized(
      '证件号码有误,请核对。',
      '證件號碼有誤,請核對。',
      'An ID number is invalid; please check it.',
    ),
  },
  /** SA-13: submitting without each buyer's ID copy, or without the separate consent to keep it. */
  ID_COPY_REQUIRED: {
    kind: 'unprocessable',
    message: localized(
      '请为每位买受人上传身份证件复印件,并记录其单独同意。',
      '請為每位買受人上傳身分證件影本,並記錄其單獨同意。',
      "Upload each buyer's ID copy and record their separate consent.",
    ),
  },
  /** SA-13: an agent signs without the notarised authorisation (uploaded, with its number). */
  AGENT_AUTHORISATION_REQUIRED: {
    kind: 'unprocessable',
    message: localized(
      '代理人签署须上传经公证的授权委托书并填写公证书编号。',
      '代理人簽署須上傳經公證的授權委託書並填寫公證書編號。',
      'An agent signing needs the notarised authorisation uploaded with its number.',
    ),
  },
  /** An upload whose bytes are not an accepted type (JPEG, PNG, WebP, PDF). */
  FILE_TYPE_NOT_ALLOWED: {
    kind: 'invalid',
    message: localized(
      '只接受 JPG、PNG、WebP 图片或 PDF 文件。',
      '只接受 JPG、PNG、WebP 圖片或 PDF 檔案。',
      'Only JPG, PNG or WebP images and PDF files are accepted.',
    ),
  },
  /** An upload above the configured size. */
  FILE_TOO_LARGE: {
    kind: 'too_large',
    message: localized(
      '文件不能超过 {max} KB。',
      '檔案不能超過 {max} KB。',
      'The file may not exceed {max} KB.',
    ),
  },
  /** An agreement action its state does not allow. */
  AGREEMENT_STATE: {
    kind: 'conflict',
    message: localized(
      '认购书当前状态为“{status}”,不能执行此操作。',
      '認購書目前狀態為「{status}」,不能執行此操作。',
      'The agreement is "{status}"; this cannot be done now.',
    ),
  },
  /** SA-13: the author of an agreement reviewing it. */
  SELF_REVIEW: {
    kind: 'forbidden',
    message: localized(
      '认购书须由项目经理或其指定的同事审核,不能由填写人本人审核。',
      '認購書須由項目經理或其指定的同事審核,不能由填寫人本人審核。',
      'An agreement is reviewed by the project manager or a designated colleague, never by its author.',
    ),
  },
  /** SA-13: someone neither project manager nor designated reviewer. */
  NOT_REVIEWER: {
    kind: 'forbidden',
    message: localized(
      '只有项目经理或其指定的同事可以审核认购书。',
      '只有項目經理或其指定的同事可以審核認購書。',
      'Only the project manager or a designated colleague reviews agreements.',
    ),
  },
  /** SA-15: a consultant without a valid contract-filling certification at the contract step. */
  CONSULTANT_NOT_CERTIFIED: {
    kind: 'forbidden',
    message: localized(
      '{name} 尚未通过合同填写考核或证书已过期,不能办理签约。',
      '{name} 尚未通過合約填寫考核或證書已過期,不能辦理簽約。',
      '{name} has not passed the contract-filling exam (or it expired) and cannot take the contract step.',
    ),
  },
  /** SA-15: money from someone other than the buyer without the signed statement. */
  THIRD_PARTY_STATEMENT_REQUIRED: {
    kind: 'unprocessable',
    message: localized(
      '非买受人代付须提供“本人自愿替**交款,金额为**元”的声明,并上传签字件。',
      '非買受人代付須提供「本人自願替**交款,金額為**元」的聲明,並上傳簽字件。',
      'A payment by someone other than the buyer needs the statement “本人自愿替**交款,金额为**元”, signed and uploaded.',
    ),
  },
  /** SA-15: the statement names another payer or amount than the payment. */
  STATEMENT_MISMATCH: {
    kind: 'unprocessable',
    message: localized(
      '代付声明的付款人或金额与本次收款不一致。',
      '代付聲明的付款人或金額與本次收款不一致。',
      'The statement names a different payer or amount.',
    ),
  },
  /** A payment above what is still owed on the item. */
  PAYMENT_EXCEEDS_DUE: {
    kind: 'invalid',
    message: localized(
      '收款金额超过该项应付余额({max} 元)。',
      '收款金額超過該項應付餘額({max} 元)。',
      'The amount is more than what is still owed ({max}).',
    ),
  },
  /** A step on a transaction file that is cancelled or already at a later stage. */
  FILE_STATE: {
    kind: 'conflict',
    message: localized(
      '成交档案当前状态不允许此操作。',
      '成交檔案目前狀態不允許此操作。',
      'The transaction file does not allow this now.',
    ),
  },
  /** Marking the contract signed before every checklist document is ticked. */
  CHECKLIST_INCOMPLETE: {
    kind: 'unprocessable',
    message: localized(
      '按揭资料清单尚未齐全。',
      '按揭資料清單尚未齊全。',
      'The mortgage document checklist is not complete.',
    ),
  },
  /** A deal handed over to the consultant who already has it, or to someone not a consultant of the project (field named). */
  HAND_OVER_TARGET: {
    kind: 'invalid',
    message: localized(
      '请选择本项目的另一位置业顾问。',
      '請選擇本項目的另一位置業顧問。',
      'Choose another sales consultant of this project.',
    ),
  },
  /** Handing over a deal by someone who is not the project manager. */
  NOT_HAND_OVER_APPROVER: {
    kind: 'forbidden',
    message: localized(
      '只有项目经理可以转交置业顾问。',
      '只有項目經理可以轉交置業顧問。',
      'Only the project manager may hand a deal to another consultant.',
    ),
  },
});
