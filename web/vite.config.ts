/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig, loadEnv } from 'vite'

// The dev server forwards the API to a locally running `anjian serve`; ANJIAN_API overrides it.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, '.', 'ANJIAN_')
  const target = env.ANJIAN_API || 'http://127.0.0.1:8080'
  return {
    plugins: [vue()],
    define: {
      // vue-i18n feature flags: Composition API only, no devtools hooks in production.
      __VUE_I18N_FULL_INSTALL__: true,
      __VUE_I18N_LEGACY_API__: false,
      __INTLIFY_PROD_DEVTOOLS__: false,
    },
    resolve: {
      alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    },
    server: {
      proxy: {
        '/api': { target, changeOrigin: false },
        '/healthz': { target, changeOrigin: false },
      },
    },
    build: {
      outDir: 'dist',
      // Element Plus and ECharts are large by nature; pages are split by route instead.
      chunkSizeWarningLimit: 1500,
    },
    test: {
      include: ['src/**/*.test.ts'],
      environment: 'node',
    },
  }
})
