/** Runs before every test file: its temporary folders go when the file is done, pass or fail. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './tmp.js';

afterAll(removeTempDirs);
