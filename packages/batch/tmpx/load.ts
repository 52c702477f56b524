const t0 = performance.now();
await import('../src/worker.ts');
console.log('import worker.ts', (performance.now() - t0).toFixed(0), 'ms');
