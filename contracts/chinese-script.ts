/**
 * A small table of characters that belong to one Chinese script only, to catch Traditional
 * characters inside Simplified text and the reverse. Pairs are "simplified traditional"; a
 * character that is correct in both scripts in some word (里/裡, 后/後, 台/臺, 干/乾, 只/隻, 于/於,
 * 面/麵, 发/髮, 系/係, 余/餘, 云/雲, 制/製, 准/準, 范/範, 著, 藉, 覆 …) is left out on purpose,
 * so a hit is always a real mistake.
 */
const pairs = `
这這 个個 们們 说說 对對 问問 请請 门門 楼樓 吗嗎 话話 电電 转轉 将將 给給 业業 务務 户戶
时時 间間 来來 会會 为為 与與 号號 码碼 资資 讯訊 联聯 项項 员員 单單 价價 钱錢 买買 卖賣
销銷 认認 购購 书書 签簽 约約 订訂 据據 财財 库庫 层層 栋棟 区區 厅廳 设設 权權 办辦 处處
么麼 还還 进進 过過 这這 让讓 应應 该該 从從 东東 车車 长長 开開 关關 门門 问問 见見 观觀
现現 视視 览覽 记記 录錄 计計 论論 证證 识識 语語 谁誰 调調 谢謝 讲講 读讀 课課 试試 询詢
详詳 变變 经經 结結 给給 统統 续續 线線 级級 红紅 绿綠 纸紙 组組 绍紹 终終 编編 网網 罗羅
报報 执執 扩擴 换換 挂掛 担擔 拥擁 择擇 护護 这這 运運 远遠 选選 迟遲 边邊 达達 迁遷 适適
图圖 国國 园園 围圍 场場 坏壞 块塊 声聲 处處 备備 复復 头頭 实實 宾賓 寻尋 导導 将將 尔爾
岁歲 币幣 师師 帐帳 带帶 广廣 庄莊 应應 废廢 开開 异異 张張 弹彈 归歸 当當 录錄 忆憶 态態
总總 恼惱 悬懸 惊驚 惯慣 战戰 户戶 扫掃 扰擾 报報 拟擬 择擇 损損 换換 据據 数數 断斷 无無
旧舊 显顯 晓曉 暂暫 术術 机機 杂雜 权權 条條 来來 极極 构構 标標 样樣 桥橋 检檢 楼樓 欢歡
气氣 没沒 沟溝 泪淚 洁潔 测測 济濟 浏瀏 满滿 灯燈 灵靈 点點 烟煙 热熱 爱愛 牵牽 状狀 独獨
猫貓 环環 现現 电電 画畫 畅暢 疗療 盖蓋 盘盤 确確 码碼 礼禮 离離 种種 积積 称稱 穷窮 笔筆
签簽 简簡 类類 紧緊 级級 纪紀 约約 纳納 线線 练練 组組 细細 织織 终終 经經 绑綁 结結 绕繞
给給 络絡 绝絕 统統 继繼 绩績 续續 维維 综綜 编編 缓緩 缴繳 网網 罚罰 职職 联聯 肃肅 胜勝
脑腦 脸臉 节節 荐薦 获獲 营營 药藥 虽雖 补補 装裝 规規 觉覺 览覽 触觸 订訂 认認 让讓 议議
记記 讯訊 许許 论論 设設 访訪 证證 评評 识識 诉訴 词詞 译譯 试試 诚誠 话話 该該 详詳 语語
误誤 说說 请請 诸諸 读讀 调調 谈談 谋謀 谢謝 谱譜 负負 账賬 货貨 质質 购購 贯貫 费費 贴貼
贵貴 贷貸 资資 赔賠 赞贊 赶趕 跃躍 轻輕 载載 较較 辆輛 输輸 辑輯 办辦 边邊 过過 运運 还還
这這 进進 远遠 违違 连連 选選 递遞 钟鐘 钥鑰 铃鈴 银銀 链鏈 错錯 锁鎖 键鍵 长長 闭閉 问問
闲閒 间間 闻聞 队隊 阶階 际際 陆陸 险險 随隨 隐隱 难難 页頁 顶頂 项項 顺順 须須 顾顧 预預
领領 频頻 题題 额額 风風 飞飛 馆館 验驗 鱼魚 鸡雞 齐齊 龄齡 优優 会會 传傳 伤傷 价價 众眾
体體 侧側 债債 储儲 兑兌 关關 兴興 养養 内內 册冊 写寫 军軍 农農 决決 况況 净淨 减減
则則 刚剛 创創 删刪 别別 剧劇 动動 劳勞 势勢 协協 单單 卖賣 卫衛 厂廠 历歷 压壓 县縣 参參
双雙 发發 变變 号號 吓嚇 员員 响響 哪哪 团團 坚堅 垫墊 处處 够夠 头頭 夺奪 奖獎 妇婦
`;

const simplifiedToTraditional = new Map<string, string>();
for (const pair of pairs.split(/\s+/)) {
  const [simplified, traditional] = [...pair];
  if (simplified && traditional && simplified !== traditional)
    simplifiedToTraditional.set(simplified, traditional);
}

/** Characters written only in Simplified Chinese (wrong in 繁體 text). */
export const simplifiedOnly: ReadonlySet<string> = new Set(simplifiedToTraditional.keys());
/** Characters written only in Traditional Chinese (wrong in 简体 text). */
export const traditionalOnly: ReadonlySet<string> = new Set(simplifiedToTraditional.values());

/** The characters of `text` that belong to the other script than `locale`'s, in order, once each. */
export function otherScriptCharacters(text: string, locale: 'zh-CN' | 'zh-TW'): string[] {
  const wrong = locale === 'zh-CN' ? traditionalOnly : simplifiedOnly;
  return [...new Set([...text].filter((character) => wrong.has(character)))];
}

const han = '[\\u3400-\\u9fff]';
const halfWidth = '[,!?;:]';
const halfWidthBesideHan = new RegExp(`${han}${halfWidth}|${halfWidth}${han}`, 'g');

/** Half-width , ! ? ; : written next to a Chinese character (Chinese text takes ，！？；：). */
export function halfWidthPunctuation(text: string): string[] {
  return text.match(halfWidthBesideHan) ?? [];
}

const fullWidth: Record<string, string> = { ',': '，', '!': '！', '?': '？', ';': '；', ':': '：' };

/** The same text with every half-width , ! ? ; : beside a Chinese character made full-width. */
export function withFullWidthPunctuation(text: string): string {
  return text.replace(
    new RegExp(`(?<=${han})${halfWidth}|${halfWidth}(?=${han})`, 'g'),
    (mark) => fullWidth[mark] ?? mark,
  );
}
