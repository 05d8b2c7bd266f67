import { createRequire } from 'node:module';

/**
 * PDFs with Chinese text: pdfkit embeds the used glyphs of Noto Sans SC (OFL), so a receipt is ~15 kB.
 * The font files are found by Node's module resolution, as an import would be, so the lookup is the
 * same from server/ (tsx) and from dist/server/ (the built server), wherever node_modules sits.
 */
const fontPackage = '@expo-google-fonts/noto-sans-sc';
const require = createRequire(import.meta.url);

function resolveFont(file: string): string | undefined {
  try {
    return require.resolve(`${fontPackage}/${file}`);
  } catch {
    return undefined;
  }
}

const regularFont = resolveFont('400Regular/NotoSansSC_400Regular.ttf');
const boldFont = resolveFont('700Bold/NotoSansSC_700Bold.ttf');

export type Pdf = PDFKit.PDFDocument;

/** pdfkit is loaded on the first PDF, not at start: most servers print rarely, and it is heavy. */
export async function createPdf(title: string): Promise<{ doc: Pdf; done: Promise<Buffer> }> {
  if (!regularFont) throw new Error(`CJK font missing: ${fontPackage}/400Regular is not installed`);
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: title, Creator: 'Yingke 迎客' },
    bufferPages: true,
  });
  doc.registerFont('regular', regularFont);
  doc.registerFont('bold', boldFont ?? regularFont);
  doc.font('regular');
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

export function heading(doc: Pdf, text: string, size = 18): void {
  doc
    .font('bold')
    .fontSize(size)
    .text(text, { align: 'center' })
    .moveDown(0.6)
    .font('regular')
    .fontSize(10.5);
}

export function section(doc: Pdf, text: string): void {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.5).font('bold').fontSize(12.5).text(text).moveDown(0.3).font('regular').fontSize(10.5);
}

/** Label–value lines in two columns. */
export function fields(doc: Pdf, rows: Array<[string, string]>): void {
  const left = doc.page.margins.left;
  for (const [label, value] of rows) {
    if (doc.y > doc.page.height - 80) doc.addPage();
    const y = doc.y;
    doc.fillColor('#555').text(label, left, y, { width: 130 });
    doc
      .fillColor('#000')
      .text(value || '—', left + 135, y, { width: doc.page.width - left - doc.page.margins.right - 135 });
    doc.moveDown(0.15);
  }
}

/** A simple table; `widths` are fractions of the text width. */
export function table(doc: Pdf, headers: string[], rows: string[][], widths: number[]): void {
  const left = doc.page.margins.left;
  const total = doc.page.width - left - doc.page.margins.right;
  const columns = widths.map((width) => width * total);
  const drawRow = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - 60) doc.addPage();
    const y = doc.y;
    doc.font(bold ? 'bold' : 'regular').fontSize(9);
    let x = left;
    let height = 0;
    cells.forEach((cell, index) => {
      height = Math.max(height, doc.heightOfString(cell, { width: columns[index] - 4 }));
      doc.text(cell, x + 2, y, { width: columns[index] - 4 });
      x += columns[index];
    });
    doc.y = y + height + 3;
    doc
      .moveTo(left, doc.y - 1)
      .lineTo(left + total, doc.y - 1)
      .lineWidth(0.3)
      .strokeColor('#bbb')
      .stroke();
  };
  drawRow(headers, true);
  for (const row of rows) drawRow(row, false);
  doc.font('regular').fontSize(10.5).x = left;
}

/** Diagonal mark across every page (副本 / COPY on reprints, 作废 / VOID on voided receipts). */
export function watermark(doc: Pdf, text: string): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    doc.save();
    doc.rotate(-30, { origin: [doc.page.width / 2, doc.page.height / 2] });
    doc
      .font('bold')
      .fontSize(60)
      .fillColor('#d33', 0.25)
      .text(text, 0, doc.page.height / 2 - 40, { width: doc.page.width, align: 'center' });
    doc.restore();
  }
}

export function footer(doc: Pdf, text: string): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#888')
      .text(`${text}   ${index + 1} / ${range.count}`, doc.page.margins.left, doc.page.height - 30, {
        width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
        align: 'center',
      });
    doc.page.margins.bottom = bottom;
  }
}
