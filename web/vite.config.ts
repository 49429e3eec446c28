import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The console is built into web/dist, which the service serves at / (src/console).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Offline by construction: every asset is a file of the build, never a URL elsewhere.
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev -w web` beside `npm run start:dev`: the API is the service on :3000.
    proxy: { '/api': 'http://localhost:3000' },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
