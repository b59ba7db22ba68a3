#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8'
// A big run makes long-lived objects (each cadre's id and name) from the same places in the code that
// later make a report's short-lived ones; V8 then "pretenures" those — allocates them in
// the old generation, where they pile up until a full collection. Off, the 2-million-row
// benchmark peaks about 35 MB lower at the same speed (BENCHMARKS.md).
setFlagsFromString('--no-allocation-site-pretenuring')
// Commands that read vote files run on a worker thread with a small young generation (thread.ts).
// Either way, SIGINT/SIGTERM/SIGHUP remove kaohe's temporary files and locks (commands/cleanup.ts).
const { runHere, runOnWorker, runsOnWorker } = await import('../dist/thread.js')
if (runsOnWorker(process.argv)) await runOnWorker(process.argv)
else await runHere(process.argv)
