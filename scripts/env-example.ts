/** `npm run env-example`: rewrites .env.example from the variable table (src/config/variables.ts). */
import { writeFileSync } from 'node:fs';
import { envExample } from '../src/config/env-example.js';

const path = new URL('../.env.example', import.meta.url);
writeFileSync(path, envExample());
console.log(`wrote ${path.pathname}`);
