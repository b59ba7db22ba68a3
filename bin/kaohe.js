#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8'
// A big run makes long-lived objects (one per cadre) from the same places in the code that
// later make a report's short-lived ones; V8 then "pretenures" those — allocates them in
// the old generation, where they pile up until a full collection. Off, the 2-million-row
// benchmark peaks about 35 MB lower at the same speed (BENCHMARKS.md).
setFlagsFromString('--no-allocation-site-pretenuring')
const { main } = await import('../dist/cli.js')
await main(process.argv)
