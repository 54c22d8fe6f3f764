import { defineConfig } from 'vite';

// The API serves the built app from dist/web at `/`; `npm run dev:web` proxies the API routes.
const api = process.env.DONDOC_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Each page is a chunk of its own (React.lazy in app.tsx); the overview's chart (ECharts core with
    // the bar chart only, ~500 kB) is one lazy chunk loaded after the overview's table. Budget: the
    // first page's scripts ≤ 300 KB gzip (bench/web.ts measures it).
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // React, the router and TanStack Query change less often than the app: a chunk of their own
        // stays in the browser's cache across releases.
        manualChunks: (id: string) => (/node_modules\/(react|react-dom|scheduler|react-router|@tanstack)\//.test(id) ? 'vendor-react' : undefined),
      },
      // Ant Design marks its modules "use client" for React Server Components; a browser bundle has no use for it.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
  server: { proxy: { '/v1': api, '/health': api, '/docs': api } },
});
