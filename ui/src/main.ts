import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import OutsideApp from './OutsideApp.svelte';
import { inTauri } from './lib/api';

// Juri runs as the desktop app: its data and rules live in the Rust core behind the Tauri shell.
// Opened in a plain browser there is nothing to answer the screens, so the page says so instead.
const target = document.getElementById('app')!;
const app = inTauri() ? mount(App, { target }) : mount(OutsideApp, { target });

export default app;
