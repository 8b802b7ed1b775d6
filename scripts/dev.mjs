// Development: the API with reload on :3000 and Vite's dev server on :5173 proxying /api to it.
// Seeding is its own step (the server holds no seeding code): a new database gets the demo first.
import { spawn, spawnSync } from 'node:child_process';

const seeded = spawnSync('npx', ['tsx', 'server/src/cli/seed.ts', '--if-empty'], { stdio: 'inherit' });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);

const procs = [
  spawn('npx', ['tsx', 'watch', 'server/src/server.ts'], { stdio: 'inherit', env: { ...process.env } }),
  spawn('npx', ['vite'], { stdio: 'inherit', cwd: 'client' }),
];
const stop = () => {
  for (const p of procs) p.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const p of procs) p.on('exit', (code) => code && stop());
