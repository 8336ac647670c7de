import preact from '@preact/preset-vite'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

// Three pages, one per front door, so the crew's phone never loads the console's map code.
export default defineConfig({
  root: 'web',
  publicDir: 'public',
  plugins: [preact()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'web/index.html'),
        field: resolve(import.meta.dirname, 'web/field.html'),
        report: resolve(import.meta.dirname, 'web/report.html'),
      },
    },
  },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } } },
})
