import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig(({ command }) => ({
  plugins: [react()],
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
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
}));
