import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the page is served by Vite on :5173 and the API by `npm run dev:server` on :3000;
// in production `npm start` serves both from :3000.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
