// node --import ./test/support/register-ts.mjs some-file.ts  (see ts-loader.mjs)
import { register } from 'node:module';

register('./ts-loader.mjs', import.meta.url);
