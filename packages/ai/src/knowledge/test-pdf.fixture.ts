import { deflateSync } from 'node:zlib';

/**
 * A minimal valid PDF (one page, Helvetica, one text line per entry) written byte by byte, so
 * tests exercise the real PDF reader without a binary fixture file.
 */
export function tinyPdf(lines: readonly string[]): Uint8Array {
  const content = `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((line) => `(${line.replace(/[()\\]/g, '\\$&')}) '`).join(' ')} ET`;
  return pdfWithContent(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
}

/**
 * A hostile PDF: one page whose Flate-compressed content stream shows a single string of
 * `megabytes` MB. Deflate packs it about 1000:1, so a file of a few hundred KB asks PDF.js to
 * build a string of hundreds of MB: the decompression bomb a knowledge upload must survive.
 */
export function bombPdf(megabytes: number): Uint8Array {
  const content = Buffer.concat([Buffer.from('BT /F1 12 Tf 72 720 Td ('), Buffer.alloc(megabytes * 1024 * 1024, 'a'), Buffer.from(') Tj ET')]);
  const compressed = deflateSync(content, { level: 9 });
  const head = `<< /Length ${compressed.length} /Filter /FlateDecode >>\nstream\n`;
  return pdfWithContent(`${head}${compressed.toString('latin1')}\nendstream`);
}

function pdfWithContent(contentObject: string): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    contentObject,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
