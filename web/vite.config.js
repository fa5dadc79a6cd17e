import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './': the built site works from any sub-path (GitHub Pages project sites) and from the server.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { fs: { allow: ['..'] } },
  test: {
    include: ['src/**/*.test.{js,jsx}'],
    environment: 'node',
  },
});
