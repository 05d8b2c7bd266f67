import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF that pdfkit wrote, read in-process so the tests need no poppler on the
 * machine. pdfkit embeds fonts as Type0/Identity-H with a ToUnicode map, so each 2-byte glyph
 * code in a content stream is mapped back to its characters through that font's map. Each text
 * object (BT … ET) becomes one line; enough for "does the receipt say 副本".
 */
export function pdfText(bytes: Buffer): string {
  const source = bytes.toString('latin1');
  const objects = new Map<string, { dict: string; stream: Buffer | null }>();
  for (const match of source.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const body = match[2];
    const start = body.indexOf('stream');
    if (start < 0) {
      objects.set(match[1], { dict: body, stream: null });
      continue;
    }
    const dataStart = (match.index ?? 0) + match[0].indexOf(body) + start + 'stream'.length;
    const offset = source[dataStart] === '\r' ? 2 : 1;
    const dataEnd = source.indexOf('endstream', dataStart);
    let data = bytes.subarray(dataStart + offset, dataEnd);
    if (body.slice(0, start).includes('/FlateDecode')) data = inflateSync(data);
    objects.set(match[1], { dict: body.slice(0, start), stream: data });
  }

  const cmaps = new Map<string, Map<number, string>>();
  for (const [id, object] of objects) {
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(object.dict);
    const cmap = toUnicode ? objects.get(toUnicode[1])?.stream : null;
    if (cmap) cmaps.set(id, parseCmap(cmap.toString('latin1')));
  }
  const fontByName = new Map<string, Map<number, string>>();
  for (const object of objects.values())
    for (const match of object.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const cmap = cmaps.get(match[2]);
      if (cmap) fontByName.set(match[1], cmap);
    }

  const lines: string[] = [];
  for (const object of objects.values()) {
    const content = object.stream?.toString('latin1');
    if (!content || !/\bBT\b/.test(content)) continue;
    let font: Map<number, string> | undefined;
    let line = '';
    for (const token of content.matchAll(/\/(F\d+) [\d.]+ Tf|<([0-9a-fA-F]*)>|\bET\b/g)) {
      if (token[1]) font = fontByName.get(token[1]);
      else if (token[2] !== undefined && font) {
        for (let index = 0; index + 4 <= token[2].length; index += 4)
          line += font.get(Number.parseInt(token[2].slice(index, index + 4), 16)) ?? '';
      } else if (token[0] === 'ET') {
        if (line) lines.push(line);
        line = '';
      }
    }
  }
  return lines.join('\n');
}

function utf16(hex: string): string {
  const units: number[] = [];
  for (let index = 0; index + 4 <= hex.length; index += 4)
    units.push(Number.parseInt(hex.slice(index, index + 4), 16));
  return String.fromCharCode(...units);
}

function parseCmap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const pair of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(Number.parseInt(pair[1], 16), utf16(pair[2]));
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const range of block[1].matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:\[([^\]]*)\]|<([0-9a-fA-F]+)>)/g,
    )) {
      const first = Number.parseInt(range[1], 16);
      const last = Number.parseInt(range[2], 16);
      if (range[3] !== undefined) {
        let code = first;
        for (const target of range[3].matchAll(/<([0-9a-fA-F]+)>/g)) map.set(code++, utf16(target[1]));
      } else {
        const base = Number.parseInt(range[4], 16);
        for (let code = first; code <= last; code++) map.set(code, String.fromCharCode(base + code - first));
      }
    }
  return map;
}
