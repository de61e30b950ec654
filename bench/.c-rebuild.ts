import { openDb } from '../src/db/client.js';
const db = await openDb({ dataDir: new URL('./.data/bench_keep_100000_2000000', import.meta.url).pathname });
const t = performance.now();
await db.query('SELECT calibration_days_rebuild(), calibration_property_days_rebuild()');
console.log('rebuilt in', Math.round(performance.now() - t), 'ms');
await db.close();
