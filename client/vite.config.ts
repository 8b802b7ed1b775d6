import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes the pages served instead of index.html for one address (server/src/plugins/client.ts):
 * - login.html: the sign-in page as plain HTML inside #root (client/login-shell.html), so the form
 *   shows before the app has loaded;
 * - questionnaire.html: index.html that also preloads the questionnaire page's own chunks and
 *   styles. Without them they are asked for only once the app has loaded and routed, one more round
 *   trip on a slow link; with them they download beside the app.
 */
function derivedPages(): Plugin {
  const questionnaire = 'src/features/questionnaire/questionnaire-page.tsx';
  let outDir = 'dist';
  let root = '.';
  return {
    name: 'dg-derived-pages',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const [html, shell] = await Promise.all([
        readFile(path.join(outDir, 'index.html'), 'utf8'),
        readFile(path.join(root, 'login-shell.html'), 'utf8'),
      ]);
      const body = shell.replace(/<!--[\s\S]*?-->\s*/, '').trim();
      if (!html.includes('<div id="root"></div>')) throw new Error('index.html has no empty #root');

      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      // (found by its modules: with inlined common chunks a dynamic entry has no facade module id)
      const holding = chunks.filter((c) => c.moduleIds.some((id) => id.endsWith(questionnaire)));
      const entry = holding[0];
      if (!entry || holding.length > 1) throw new Error(`${holding.length} chunks hold ${questionnaire}`);
      const scripts = new Set<string>();
      const styles = new Set<string>();
      const visit = (file: string) => {
        const chunk = chunks.find((c) => c.fileName === file);
        if (!chunk || scripts.has(file) || html.includes(`/${file}"`)) return;
        scripts.add(file);
        for (const css of chunk.viteMetadata?.importedCss ?? []) if (!html.includes(`/${css}"`)) styles.add(css);
        for (const dep of chunk.imports) visit(dep);
      };
      visit(entry.fileName);
      const links = [
        // Low priority: the app's own files and the session refresh go first, as the page needs them first.
        ...[...scripts].map((f) => `<link rel="modulepreload" fetchpriority="low" crossorigin href="/${f}">`),
        ...[...styles].map((f) => `<link rel="preload" as="style" fetchpriority="low" crossorigin href="/${f}">`),
      ];

      await Promise.all([
        writeFile(
          path.join(outDir, 'login.html'),
          html.replace('<div id="root"></div>', `<div id="root">${body}</div>`),
        ),
        writeFile(
          path.join(outDir, 'questionnaire.html'),
          html.replace('</head>', `  ${links.join('\n    ')}\n  </head>`),
        ),
      ]);
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
  plugins: [react(), derivedPages(), precompress()],
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
    rolldownOptions: {
      // Required by inlined common chunks: no entry's exports are read from outside the bundle.
      preserveEntrySignatures: false,
      output: {
        codeSplitting: {
          // Pages share many small modules (Mantine parts, helpers), which automatic splitting makes
          // into dozens of small common chunks: the first load was 21 files and the questionnaire 37
          // more, seven rounds of requests on a slow HTTP/1.1 link (six connections), with the
          // session refresh waiting behind them. Common chunks are copied into the chunks that use
          // them instead (a registry in the runtime keeps one instance of each module), so the first
          // load is four files and a page one or two. The charts stay one shared chunk: they are
          // large, and the analytics pages all use them. Chunks holding styles stay files, as Vite's
          // CSS handling expects.
          experimentalInlineCommonChunks: {
            maxSize: Number.POSITIVE_INFINITY,
            exclude: [
              /\.(css|scss|sass|less|styl|stylus|pcss|postcss|sss)(\?|$)/,
              /node_modules[\\/](echarts|zrender)[\\/]/,
            ],
          },
        },
      },
    },
  },
}));
