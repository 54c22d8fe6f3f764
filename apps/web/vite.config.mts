import { defineConfig } from 'vite';

// The API serves the built app from dist/web at `/`; `npm run dev:web` proxies the API routes.
const api = process.env.DONDOC_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The overview's chart (ECharts) is one lazy chunk of ~500 kB, loaded only on /tong-hop.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      // Ant Design marks its modules "use client" for React Server Components; a browser bundle has no use for it.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
  server: { proxy: { '/v1': api, '/health': api, '/docs': api } },
});
