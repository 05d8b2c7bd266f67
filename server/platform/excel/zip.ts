import { createInflateRaw } from 'node:zlib';

/**
 * The few zip operations an .xlsx upload needs, on node:zlib. Hand-written on purpose: the
 * zip libraries at hand (unzipper, jszip) neither expose the central directory's declared sizes
 * before inflating nor let a caller stop an entry after N inflated bytes, and both of those are
 * what keeps a zip bomb from costing the server memory. The upload is already in memory (at
 * most a few MB), so entries are read by offset from the central directory, in any order.
 */

export class ZipFormatError extends Error {}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused when read. */
  method: number;
  compressedSize: number;
  /** What the directory claims; a crafted zip can lie, so inflating counts the real bytes. */
  declaredSize: number;
  localOffset: number;
}

const endOfDirectorySignature = 0x06054b50;
const directorySignature = 0x02014b50;
const localSignature = 0x04034b50;

/** Reads the central directory (the end record is searched for in the last 64 kB + 22 bytes). */
export function readZipDirectory(file: Buffer): ZipEntry[] {
  if (file.length < 22 || file.readUInt32LE(0) !== localSignature) throw new ZipFormatError('not a zip');
  let end = -1;
  for (let index = file.length - 22; index >= Math.max(0, file.length - 65_557); index--)
    if (file.readUInt32LE(index) === endOfDirectorySignature) {
      end = index;
      break;
    }
  if (end < 0) throw new ZipFormatError('no zip directory');
  const count = file.readUInt16LE(end + 10);
  let offset = file.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (offset + 46 > file.length || file.readUInt32LE(offset) !== directorySignature)
      throw new ZipFormatError('damaged zip directory');
    const flags = file.readUInt16LE(offset + 8);
    if (flags & 1) throw new ZipFormatError('encrypted entry');
    const nameLength = file.readUInt16LE(offset + 28);
    const extraLength = file.readUInt16LE(offset + 30);
    const commentLength = file.readUInt16LE(offset + 32);
    entries.push({
      name: file.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: file.readUInt16LE(offset + 10),
      compressedSize: file.readUInt32LE(offset + 20),
      // 0xFFFFFFFF means "see the zip64 extra field": 4 GB or more, which no workbook we take is.
      declaredSize: file.readUInt32LE(offset + 24),
      localOffset: file.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflates one entry chunk by chunk. `count` sees every chunk's real size before it is handed
 * on and throws to stop (the inflater is destroyed with the loop), so a bomb is cut off at the
 * caller's limit whatever the directory declared.
 */
export async function* inflateEntry(
  file: Buffer,
  entry: ZipEntry,
  count: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  const local = entry.localOffset;
  if (local + 30 > file.length || file.readUInt32LE(local) !== localSignature)
    throw new ZipFormatError('damaged zip entry');
  const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
  const end = start + entry.compressedSize;
  if (end > file.length) throw new ZipFormatError('truncated zip entry');
  const data = file.subarray(start, end);
  if (entry.method === 0) {
    count(data.length);
    yield data;
    return;
  }
  if (entry.method !== 8) throw new ZipFormatError(`compression method ${entry.method}`);
  const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
  inflater.end(data);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      count(chunk.length);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('Z_'))
      throw new ZipFormatError(`damaged deflate data: ${error.message}`);
    throw error;
  } finally {
    inflater.destroy();
  }
}
