/**
 * Preloaded into the server by the abuse scenario: measures the delay of the server's event
 * loop from inside its process (`perf_hooks.monitorEventLoopDelay`, a 10 ms timer, so an idle
 * loop reads about 10 ms and a loop held for 100 ms reads about 110 ms). A SIGWINCH writes one
 * JSON line with the delays (ms) and the loop's utilization since the previous one, and starts
 * a new window. SIGWINCH because its default action is nothing: a server started without this
 * preload ignores it.
 */
'use strict';

const { monitorEventLoopDelay, performance } = require('node:perf_hooks');

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
let utilizationMark = performance.eventLoopUtilization();

process.on('SIGWINCH', () => {
  const ms = (ns) => ns / 1e6;
  const empty = histogram.count === 0;
  const benchLoopDelay = {
    samples: histogram.count,
    p50: empty ? 0 : ms(histogram.percentile(50)),
    p99: empty ? 0 : ms(histogram.percentile(99)),
    max: empty ? 0 : ms(histogram.max),
    mean: empty ? 0 : ms(histogram.mean),
    utilization: performance.eventLoopUtilization(utilizationMark).utilization,
  };
  histogram.reset();
  utilizationMark = performance.eventLoopUtilization();
  process.stdout.write(`${JSON.stringify({ benchLoopDelay })}\n`);
});
