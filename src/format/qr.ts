/**
 * QR codes as module matrices, for templates to place as vector squares.
 * The `qrcode` package picks the smallest version for the data and the mask
 * by its fixed penalty rules, so the same URL always gives the same matrix.
 */
import QRCode from 'qrcode';

/** Error correction: M recovers about 15 % of the code, L about 7 %. */
type QrLevel = 'M' | 'L';

/** Rows of dark (true) and light modules, without the quiet zone (leave 4 modules of paper around it). */
export function qrModules(url: string, level: QrLevel = 'M'): boolean[][] {
  if (url === '') throw new Error('qrModules: empty URL');
  const { modules } = QRCode.create(url, { errorCorrectionLevel: level });
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

const MM_PT = 72 / 25.4;
/**
 * The module a printed code is given where it can be, mm: print shops and
 * the QR guidance ask for 0.33 mm at least and advise 0.4 mm or more for a
 * phone camera at arm's length (look: the 240-character address of a
 * leaflet drew 0.28 mm modules, too small to scan reliably from print).
 */
export const QR_MODULE_MM = 0.4;
/** The smallest module printed at all, mm: below it a code is refused (E-META-URL-QR). */
export const QR_MODULE_MIN_MM = 0.33;
/** The widest a printed code grows to reach QR_MODULE_MM, mm: what a leaflet's footer gives it (an A6 footer too). */
export const QR_MAX_MM = 24;

interface PrintedQr {
  modules: boolean[][];
  level: QrLevel;
  /** The code's width, pt (quiet zone not included). */
  size: number;
  /** One module's width, mm. */
  moduleMm: number;
}

/**
 * A code for `url` printed at least `design` pt wide (the template's size
 * for it), with modules of QR_MODULE_MM where it can: at error correction M
 * while M's code at that module fits `design`; else at L, whose code has
 * fewer modules for the same address (a 221-character address: 61 at M,
 * 53 at L), grown to QR_MODULE_MM modules up to QR_MAX_MM wide. A leaflet
 * is printed on paper and read at hand: a smudge is what L's 7 % recovers,
 * and a phone reads a small code by the size of its modules, not by its
 * redundancy. Undefined when even L's modules would be under
 * QR_MODULE_MIN_MM at QR_MAX_MM (an address too long to print scannably).
 */
export function printedQr(url: string, design: number): PrintedQr | undefined {
  const at = (level: QrLevel) => {
    const modules = qrModules(url, level);
    const size = Math.max(design, Math.min(QR_MAX_MM * MM_PT, modules.length * QR_MODULE_MM * MM_PT));
    return { modules, level, size, moduleMm: size / MM_PT / modules.length };
  };
  const m = at('M');
  if (m.size <= design) return m;
  const l = at('L');
  return l.moduleMm >= QR_MODULE_MIN_MM - 1e-9 ? l : undefined;
}
