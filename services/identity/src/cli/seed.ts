import { databaseConfig, env, loadConfigOrExit } from '@dangjian/kit';
import { IdentityDatabase } from '../db/identity-database.js';
import { seedDemo } from '../seed/demo-seed.js';

const config = loadConfigOrExit(
  {
    DATABASE_URL: databaseConfig.DATABASE_URL,
    NODE_ENV: env.oneOf(['development', 'test', 'production'] as const, { default: 'development' }),
  },
  'identity seed',
);
const db = new IdentityDatabase(config.DATABASE_URL);
try {
  await seedDemo(db, config.NODE_ENV === 'production');
  process.stdout.write('identity: demo seed in place\n');
} finally {
  await db.close();
}
