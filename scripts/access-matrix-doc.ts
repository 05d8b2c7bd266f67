/** Writes docs/access-matrix.md from the rules (the access-matrix test fails while it differs). */
import fs from 'node:fs';
import { renderAccessMatrixDoc } from '../server/testing/access-matrix/index.js';

fs.writeFileSync(new URL('../docs/access-matrix.md', import.meta.url), renderAccessMatrixDoc());
