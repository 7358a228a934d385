/** `--help`: every flag with its one line (from args.ts), and where metadata is read from. */
import { METADATA_NAMES, SOURCE_EXTENSIONS } from '../model/sidecar.js';
import { DEFAULT_OUT, DEFAULT_SOURCE, flagsOf, type Program } from './args.js';

export function usage(program: Program): string {
  const head =
    program === 'watch'
      ? [
          'Usage: npm run watch -- [FILE] [options]',
          '',
          `Builds FILE (default ${DEFAULT_SOURCE}) into --out (default ${DEFAULT_OUT}/),`,
          'then again on every change to it, its metadata, templates/, fonts/ or src/.',
        ]
      : [
          'Usage: npm run build -- [FILE] [options]     build FILE into --out',
          '       npm run check -- [FILE] [options]     validate FILE, write nothing',
          '',
          `FILE (default ${DEFAULT_SOURCE}) becomes a booklet, a leaflet per point,`,
          `social cards and print files in --out (default ${DEFAULT_OUT}/), with manifest.json.`,
          'Several FILEs, or a folder (its .txt files): each into its own --out/NAME/.',
        ];
  const rows = flagsOf(program).map((f) => [`${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.value ? ` ${f.value}` : ''}`, f.about]);
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  const names = METADATA_NAMES.join(', ');
  const exts = SOURCE_EXTENSIONS.map((e) => `NAME${e}`).join(' or ');
  return [
    ...head,
    '',
    'Options:',
    ...rows.map(([flag, about]) => `  ${flag.padEnd(width)}${about}`),
    '',
    'Metadata (titles, events, date, theme) is read from the front matter and from',
    `the first of ${names} beside ${exts};`,
    'every key: docs/metadata.md. Every diagnostic: docs/errors.md.',
    '',
    'SOURCE_DATE_EPOCH (seconds) sets the build date, over the metadata’s date:.',
    program === 'watch' ? 'Stop with Ctrl-C.' : 'Exit status: 0 done, 1 errors in the input (nothing written), 2 a bad command line.',
  ].join('\n');
}
