import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check } from '../../src/build.ts';
import { formatDiagnostic, WarraqError } from '../../src/diagnostics.ts';
import { modelFromText } from '../../src/model/buildModel.ts';
import { decodeSource } from '../../src/parse/decode.ts';
import { parseSource } from '../../src/parse/parseSource.ts';
const SMALL = '---\ndate: 2024-03-15\n---\n## خطة قصيرة\n\nمقدمة قصيرة.\n\n١. النقطة الأولى: حماية التراث.\n\n٢. النقطة الثانية: محو الأمية.\n';
const root = mkdtempSync(path.join(os.tmpdir(), 'warraq-ex-'));
symlinkSync(path.resolve('fonts'), path.join(root, 'fonts'));
const show = async (label: string, p: Promise<unknown> | (() => unknown), code?: string) => {
  try { await (typeof p === 'function' ? p() : p); console.log(label, 'NO ERROR'); } catch (e) {
    if (!(e instanceof WarraqError)) throw e;
    console.log('### ' + label + '\n' + e.diagnostics.filter((d) => !code || d.code === code).slice(0, 1).map(formatDiagnostic).join('\n') + '\n');
  }
};
const withMeta = (meta: string, text = SMALL) => { const d = mkdtempSync(path.join(root, 'p')); writeFileSync(path.join(d, 'plan.txt'), text); writeFileSync(path.join(d, 'plan.meta.yaml'), meta); return check({ projectRoot: root, source: path.relative(root, path.join(d, 'plan.txt')).replace(/^p[^/]*\//, (m) => m) }); };
execFileSync('mkfifo', [path.join(root, 'plan.txt')]);
await show('fifo', check({ projectRoot: root, source: 'plan.txt' }));
await show('devzero', check({ projectRoot: root, source: '/dev/zero' }));
for (const [l, m] of [['card', 'theme:\n  cardMinBodyPx: 400\n'], ['lang', 'lang: ar-XYZ\n'], ['qr', `url: https://example.org/${'x'.repeat(3000)}\n`], ['jpeg', 'theme:\n  cards:\n    add:\n      - {name: banner, width: 4000, height: 2000, extra: [jpeg]}\n'], ['slug', 'points:\n  1: {slug: heritage}\n  2: {slug: heritage}\n']] as const) await show(l, withMeta(m));
const le = new Uint8Array(Buffer.from(SMALL, 'utf16le'));
console.log('### utf16\n' + decodeSource(le, 'plan.txt').diagnostics.map(formatDiagnostic).join('\n') + '\n');
const ctx = { projectRoot: root, sourceDateEpoch: '1700000000' };
await show('limit-text', () => modelFromText(SMALL.replace('حماية التراث', 'كلمة '.repeat(20001)), 'plan.txt', ctx), 'E-LIMIT-TEXT');
await show('limit-points', () => modelFromText('## عنوان\n\n' + Array.from({ length: 5001 }, (_, i) => `${i + 1}. نص.`).join('\n\n') + '\n', 'plan.txt', ctx), 'E-LIMIT-POINTS');
console.log('### gap\n' + parseSource('## عنوان\n\n١. أ.\n\n٢. ب.\n\n١٠٠٠. ج.\n', 'plan.txt').diagnostics.map(formatDiagnostic).join('\n'));
console.log('### esc\n' + parseSource('# عنوان\u001b[2J\n\n1. نقطة.\n', 'plan.txt').diagnostics.filter((d) => d.code === 'E-TITLE-MISSING').map(formatDiagnostic).join('\n'));
rmSync(root, { recursive: true, force: true });
