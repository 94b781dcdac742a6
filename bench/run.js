// `npm run bench [-- runtime|http|reload]`: prints the numbers of one benchmark (default: runtime).
const which = process.argv[2] ?? 'runtime';
if (which === 'runtime') {
  const { runRuntimeBench } = await import('./runtime.js');
  await runRuntimeBench();
} else {
  console.error(`unknown benchmark '${which}' (available: runtime)`);
  process.exitCode = 2;
}
