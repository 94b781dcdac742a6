// Builds the package: TypeScript -> dist/ (with declarations), then schema.json for editors.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
const { configJsonSchema } = await import('../dist/config/schema.js');
const schema = { title: 'lambkin.config.json', ...configJsonSchema() };
writeFileSync(new URL('../schema.json', import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
