import { inputBench } from '../benchInput.ts';
const r = await inputBench(process.cwd(), { fuzz: Number(process.argv[2] ?? 0) || undefined });
console.log(r.lines.join('\n'));
