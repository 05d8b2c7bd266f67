import { defineErrors, localized } from '../../platform/errors.js';

export const recordingErrors = defineErrors({
  /** A call-end event's recording address is not https, carries credentials, or is not on an allow-listed PBX host. */
  RECORDING_URL_NOT_ALLOWED: {
    kind: 'invalid',
    message: localized(
      '录音地址不被接受:{reason}。只接受管理员在“录音服务器(PBX)地址白名单”中列出的主机上的 https 地址。',
      '錄音位址不被接受:{reason}。只接受管理員在「錄音伺服器(PBX)位址白名單」中列出的主機上的 https 位址。',
      'The recording address is refused: {reason}. Only https addresses on hosts the administrator listed under "PBX hosts trusted for recordings" are accepted.',
    ),
  },
  /** A recording is attached to an event other than the call's end. */
  RECORDING_NOT_ON_END: {
    kind: 'invalid',
    message: localized(
      '录音只能随“通话结束”(ended)事件发送。',
      '錄音只能隨「通話結束」(ended)事件傳送。',
      'A recording may only be sent with the call-end (ended) event.',
    ),
  },
  /** The call already has a different recording (a retry of the same one is accepted as a duplicate). */
  RECORDING_CONFLICT: {
    kind: 'conflict',
    message: localized(
      '该通话已有另一份录音，未做任何处理。',
      '該通話已有另一份錄音，未做任何處理。',
      'This call already has a different recording; nothing was changed.',
    ),
  },
  /** An uploaded recording whose bytes are not a known audio format, or do not match the declared Content-Type. */
  RECORDING_NOT_AUDIO: {
    kind: 'invalid',
    message: localized(
      '上传的文件不是可播放的音频(支持 WAV、MP3、OGG/Opus、M4A/AAC、WebM、FLAC)，或与声明的类型 {declared} 不符。',
      '上傳的檔案不是可播放的音訊(支援 WAV、MP3、OGG/Opus、M4A/AAC、WebM、FLAC)，或與宣告的類型 {declared} 不符。',
      'The upload is not playable audio (WAV, MP3, OGG/Opus, M4A/AAC, WebM or FLAC), or does not match its declared type {declared}.',
    ),
  },
  /** An uploaded recording larger than the setting calls.recordingMaxMegabytes. */
  RECORDING_TOO_LARGE: {
    kind: 'too_large',
    message: localized(
      '录音文件超过 {megabytes} MB 的上限。',
      '錄音檔案超過 {megabytes} MB 的上限。',
      'The recording is larger than the {megabytes} MB limit.',
    ),
  },
  /** An upload names a PBX call id this desk never sent events for. */
  RECORDING_CALL_UNKNOWN: {
    kind: 'not_found',
    message: localized(
      '找不到 PBX 通话编号 {callId} 的通话，请先发送该通话的事件。',
      '找不到 PBX 通話編號 {callId} 的通話，請先傳送該通話的事件。',
      "No call with PBX call id {callId}; send the call's events first.",
    ),
  },
  /** The PBX holding a referenced recording did not answer with audio (down, refused, redirected). */
  RECORDING_PBX_UNAVAILABLE: {
    kind: 'unavailable',
    message: localized(
      '暂时无法从电话系统(PBX)取得录音，请稍后再试。',
      '暫時無法從電話系統(PBX)取得錄音，請稍後再試。',
      'The recording could not be fetched from the phone system (PBX); try again later.',
    ),
  },
  /** A Range header that starts past the end of the recording. */
  RECORDING_RANGE_UNSATISFIABLE: {
    kind: 'invalid',
    message: localized(
      '请求的录音范围无效。',
      '請求的錄音範圍無效。',
      'The requested range of the recording is invalid.',
    ),
  },
});

/** The reasons of RECORDING_URL_NOT_ALLOWED, in the three languages. */
export const urlRefusalReasons = {
  not_url: localized('不是有效的地址', '不是有效的位址', 'not a valid address'),
  not_https: localized('不是 https 地址', '不是 https 位址', 'not an https address'),
  credentials: localized(
    '地址中含用户名或密码',
    '位址中含使用者名稱或密碼',
    'the address carries a user name or password',
  ),
  host_not_allowed: localized('主机不在白名单中', '主機不在白名單中', 'the host is not on the allow-list'),
};
