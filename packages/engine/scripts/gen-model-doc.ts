// Regenerates the generated blocks of docs/model.md: the protocol diagram and the flagship's parameter table.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { modelDocBlocks, replaceBlocks } from './model-doc.js';

const doc = fileURLToPath(new URL('../../../docs/model.md', import.meta.url));
const scenario = fileURLToPath(new URL('../../../scenarios/kuril/2016-nagato.yaml', import.meta.url));
writeFileSync(doc, replaceBlocks(readFileSync(doc, 'utf8'), modelDocBlocks(scenario)));
console.log(`updated ${doc}`);
