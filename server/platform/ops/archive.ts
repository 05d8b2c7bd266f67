import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';

/**
 * A backup is one .tar.gz (tar-stream, already used by exceljs's archiver, and node's zlib): the
 * database, the key and the manifest travel together, so a copy of the database is never taken
 * away without what decrypts its ID numbers.
 */
export interface ArchiveEntry {
  /** A plain file name: archives hold no folders. */
  name: string;
  file: string;
}

/** Writes the archive to `<target>.partial` and renames it: a half-written archive never has the real name. */
export async function writeArchive(target: string, entries: ArchiveEntry[]): Promise<void> {
  const partial = `${target}.partial`;
  const pack = tar.pack();
  // The archive holds the key: only its owner may read it.
  const output = fs.createWriteStream(partial, { mode: 0o600, flags: 'wx' });
  const written = pipeline(pack, zlib.createGzip(), output);
  try {
    for (const entry of entries) {
      const size = fs.statSync(entry.file).size;
      await new Promise<void>((resolve, reject) => {
        const sink = pack.entry({ name: entry.name, size, mode: 0o600 }, (error) =>
          error ? reject(error) : resolve(),
        );
        fs.createReadStream(entry.file).on('error', reject).pipe(sink);
      });
    }
    pack.finalize();
    await written;
    fs.renameSync(partial, target);
  } catch (error) {
    pack.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Extracts an archive into `dir`, accepting only the plain file names in `allowed` (no folders,
 * links or `..`: an archive from elsewhere cannot write outside `dir`).
 */
export async function extractArchive(
  source: string,
  dir: string,
  allowed: readonly string[],
): Promise<string[]> {
  const extract = tar.extract();
  const names: string[] = [];
  extract.on('entry', (header, stream, next) => {
    if (header.type !== 'file' || !allowed.includes(header.name) || names.includes(header.name)) {
      stream.resume();
      extract.destroy(new Error(`unexpected entry in the archive: ${header.name}`));
      return;
    }
    names.push(header.name);
    const sink = fs.createWriteStream(path.join(dir, header.name), { mode: 0o600 });
    stream.pipe(sink);
    sink.on('finish', () => next());
    sink.on('error', (error) => extract.destroy(error));
  });
  await pipeline(fs.createReadStream(source), zlib.createGunzip(), extract);
  return names;
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}
