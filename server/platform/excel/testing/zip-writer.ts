import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer for test fixtures, on node:zlib: fixtures must be zipped the way office
 * applications zip them (deflate, entries in their order), and a bomb needs entries whose
 * declared sizes lie, which no zip library will write.
 */
export interface ZipInput {
  name: string;
  /** Deflated here; or give `deflated` (raw deflate bytes) with the size and CRC of what they expand to. */
  data?: Buffer | string;
  deflated?: { bytes: Buffer; size: number; crc: number };
  /** Written as the uncompressed size in both headers instead of the true one. */
  declaredSize?: number;
}

export function writeZip(inputs: ZipInput[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = Buffer.from(input.name, 'utf8');
    let bytes: Buffer;
    let size: number;
    let crc: number;
    if (input.deflated) ({ bytes, size, crc } = input.deflated);
    else {
      const data = Buffer.isBuffer(input.data) ? input.data : Buffer.from(input.data ?? '', 'utf8');
      bytes = deflateRawSync(data, { level: 6 });
      size = data.length;
      crc = crc32(data);
    }
    const declared = input.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names, as Excel and WPS write Chinese sheet names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00 in DOS time
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(bytes.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(bytes.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, bytes);
    directory.push(central, name);
    offset += local.length + name.length + bytes.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(inputs.length, 8);
  end.writeUInt16LE(inputs.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directoryBytes, end]);
}

/**
 * Raw deflate of head + body×repeat + tail without ever holding the expansion: each piece is
 * compressed on its own and sync-flushed (byte-aligned, no back-reference across pieces), so
 * the compressed body can be repeated as is. This is how a 1 GB bomb fits in ~1 MB.
 */
export function deflateRepeated(head: string, body: string, repeat: number, tail: string) {
  const flush = { level: 9, finishFlush: constants.Z_SYNC_FLUSH };
  const headBytes = Buffer.from(head, 'utf8');
  const bodyBytes = Buffer.from(body, 'utf8');
  const tailBytes = Buffer.from(tail, 'utf8');
  const bodyDeflated = deflateRawSync(bodyBytes, flush);
  let crc = crc32(headBytes);
  for (let index = 0; index < repeat; index++) crc = crc32(bodyBytes, crc);
  crc = crc32(tailBytes, crc);
  const pieces = [deflateRawSync(headBytes, flush)];
  for (let index = 0; index < repeat; index++) pieces.push(bodyDeflated);
  pieces.push(deflateRawSync(tailBytes, { level: 9 }));
  return {
    bytes: Buffer.concat(pieces),
    size: headBytes.length + bodyBytes.length * repeat + tailBytes.length,
    crc,
  };
}
