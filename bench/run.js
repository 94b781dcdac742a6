// `npm run bench [-- runtime|http|reload]`: prints the numbers of one benchmark (default: runtime).
const which = process.argv[2] ?? 'runtime';
if (which === 'runtime') {
  const { runRuntimeBench } = await import('./runtime.js');
  await runRuntimeBench();
} else if (which === 'http') {
  const { runHttpBench } = await import('./http.js');
  await runHttpBench();
} else if (which === 'reload') {
  const { runReloadBench } = await import('./reload.js');
  await runReloadBench();
} else {
  console.error(`unknown benchmark '${which}' (available: runtime, http, reload)`);
  process.exitCode = 2;
}
