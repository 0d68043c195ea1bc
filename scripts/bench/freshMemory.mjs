// What this machine charges for memory a process touches for the first time, in µs per 4 KiB page:
// a zeroed buffer the C allocator maps fresh, written one byte a page. On the sandboxes these benches
// run on (a VM whose free pages go back to the host) a fresh page cost 8–14 µs in session 33, where
// a bare-metal Linux takes well under 1 µs; a tool's minor page faults times this cost is the time
// it spends getting memory, which moves the ratios between tools from one host to another.
// Not a test: figures only. Usage: node freshMemory.mjs [MiB] → prints the µs per page.

const mib = Number(process.argv[2] ?? 128);
const PAGE = 4096;
const buffer = Buffer.alloc(mib << 20);
const start = process.hrtime.bigint();
for (let at = 0; at < buffer.length; at += PAGE) buffer[at] = 1;
const us = Number(process.hrtime.bigint() - start) / 1000;
process.stdout.write(`${(us / (buffer.length / PAGE)).toFixed(2)}\n`);
