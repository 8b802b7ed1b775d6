import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes login.html: index.html with the sign-in page as plain HTML inside #root
 * (client/login-shell.html), served for /login so the form shows before the app has loaded.
 */
function loginShell(): Plugin {
  let outDir = 'dist';
  let root = '.';
  return {
    name: 'dg-login-shell',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const [html, shell] = await Promise.all([
        readFile(path.join(outDir, 'index.html'), 'utf8'),
        readFile(path.join(root, 'login-shell.html'), 'utf8'),
      ]);
      const body = shell.replace(/<!--[\s\S]*?-->\s*/, '').trim();
      if (!html.includes('<div id="root"></div>')) throw new Error('index.html has no empty #root');
      await writeFile(
        path.join(outDir, 'login.html'),
        html.replace('<div id="root"></div>', `<div id="root">${body}</div>`),
      );
    },
  };
}

/**
 * Writes name.br and name.gz beside every compressible file of the build, at the highest levels
 * (paid once at build, not per request); the server sends them when the browser accepts them
 * (@fastify/static preCompressed). Fonts (woff2) and images are compressed already.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'dg-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile() && /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/.test(e.name))
        .map((e) => path.join(e.parentPath, e.name));
      await Promise.all(
        files.map(async (file) => {
          if ((await stat(file)).size < 1024) return;
          const body = await readFile(file);
          const [br, gz] = await Promise.all([
            brotli(body, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            }),
            gzip(body, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
        }),
      );
    },
  };
}

export default defineConfig(({ command }) => ({
  plugins: [react(), loginShell(), precompress()],
  define: {
    // API responses are checked against the shared schemas in development and in the build the
    // tests run (`npm test` sets CHECK_API_RESPONSES=1); a production build leaves the check out.
    __CHECK_API_RESPONSES__: JSON.stringify(command === 'serve' || process.env.CHECK_API_RESPONSES === '1'),
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    // No source maps in the production build: they are megabytes and show the sources to anyone.
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
}));
