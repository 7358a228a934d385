#!/usr/bin/env -S npx tsx
/** Writes docs/metadata.md from the metadata schema (src/model/metaDoc.ts). `npm run docs:metadata`. */
import { writeFile } from 'node:fs/promises';
import { metadataReference } from '../src/model/metaDoc.js';

const file = new URL('../docs/metadata.md', import.meta.url);
await writeFile(file, metadataReference());
console.log('wrote docs/metadata.md');
