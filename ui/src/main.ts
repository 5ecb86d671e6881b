import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { inTauri, useDevApi } from './lib/api';

// In a plain browser during development, the in-memory mock stands in for the shell. The branch is
// gone from a release build (import.meta.env.DEV is false there), so the mock never ships.
if (import.meta.env.DEV && !inTauri()) {
  const { mockApi } = await import('./lib/api/mock');
  useDevApi(mockApi);
}

const app = mount(App, { target: document.getElementById('app')! });

export default app;
