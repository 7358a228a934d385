/**
 * QR codes as module matrices, for templates to place as vector squares.
 * The `qrcode` package picks the smallest version for the data and the mask
 * by its fixed penalty rules, so the same URL always gives the same matrix.
 */
import QRCode from 'qrcode';

/** Rows of dark (true) and light modules, without the quiet zone (leave 4 modules of paper around it). */
export function qrModules(url: string): boolean[][] {
  if (url === '') throw new Error('qrModules: empty URL');
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const rows: boolean[][] = [];
  for (let r = 0; r < n; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < n; c++) row.push(Boolean(modules.get(r, c)));
    rows.push(row);
  }
  return rows;
}

/** Modules of light margin a reader needs around a code (ISO/IEC 18004). */
export const QR_QUIET_ZONE = 4;
