// Rewrites the example blocks of the README and docs/ with what the CLI prints now (doc-examples.ts).
import { writeFileSync } from 'node:fs';
import { docFiles, examplesIn } from './doc-examples.js';

for (const file of docFiles()) {
  const { text, updated } = await examplesIn(file);
  if (updated !== text) {
    writeFileSync(file, updated);
    console.log(`updated ${file}`);
  }
}
