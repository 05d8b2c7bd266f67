// Encryption at rest lives in server/platform/crypto (shared with notify's provider secrets).
export {
  decryptBytes,
  decryptText,
  encryptBytes,
  encryptText,
  forgetDataKeys,
  lookupHash,
} from '../../platform/crypto/index.js';
