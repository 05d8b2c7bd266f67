import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Vendor groups change rarely, so they get long-lived cache entries apart from app code.
// Higher priority wins when a module matches several groups (antd pulls in @rc-component, etc.).
// antd stays one chunk: rolldown's `entriesAware` split of it produced chunks that import each other
// in a cycle and crashed at start-up ("n is not a function"), so it is not used.
const vendorGroups = [
  {
    name: 'vendor-echarts',
    test: /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/,
    priority: 40,
  },
  {
    name: 'vendor-antd',
    test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@babel[\\/]runtime|dayjs|scroll-into-view-if-needed|compute-scroll-into-view|throttle-debounce|@emotion|stylis|classnames|clsx)[\\/]/,
    priority: 30,
  },
  {
    name: 'vendor-react',
    test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser|i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
    // Highest: groups pull in their dependencies, so antd's group would otherwise swallow React.
    priority: 50,
  },
];

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
