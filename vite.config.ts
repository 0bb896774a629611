import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The web app: sources and index.html in src/web, built to dist/web, which the server serves with an SPA
 * fallback (src/server/app.ts). `npx vite` serves it for development and passes /api to a running server
 * (`npm run dev`, port 3000 unless ZHAOSHANG_API says otherwise).
 */
const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

/**
 * Writes a .br and a .gz beside every text file of the build, which the server sends to browsers that accept them
 * (@fastify/static preCompressed): compressed once here rather than on every request.
 */
function precompress(dir: string): Plugin {
  const compressible = /\.(js|css|html|svg|json|txt)$/;
  const walk = (path: string): string[] =>
    readdirSync(path).flatMap((name) => (statSync(join(path, name)).isDirectory() ? walk(join(path, name)) : [join(path, name)]));
  return {
    name: 'zhaoshang-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(dir).filter((f) => compressible.test(f))) {
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 10, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress(outDir)],
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
            // Charts load with the cockpit only, never with the first page. Ant Design and the other libraries are left
            // to the splitter, so a page loads the components it uses: the login page's scripts came to 398 KB gzip
            // instead of 565 KB when all of antd was one chunk (issue 16).
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 25 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': process.env.ZHAOSHANG_API || 'http://127.0.0.1:3000' },
  },
});
