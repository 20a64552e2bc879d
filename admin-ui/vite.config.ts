import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the gateway under /console/ (same origin as the API); `npm run dev` proxies the API.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 2000 },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
