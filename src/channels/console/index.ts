export { makeConsoleRouter, CONSOLE_PATH, CONSOLE_COOKIE, type ConsoleDeps } from './console-router';
