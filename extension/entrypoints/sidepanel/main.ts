import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import '@/assets/main.css';

// eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- ESLint's TypeScript does not resolve .vue types (vue-tsc does)
createApp(App).use(createPinia()).mount('#app');
