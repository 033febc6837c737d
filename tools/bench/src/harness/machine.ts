import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import type { MachineInfo } from '../report/result-types.js';

/**
 * Describes the machine the run is measured on; every report starts with it.
 *
 * @returns cores, CPU model, Node version, platform, memory and current load
 */
export function machineInfo(): MachineInfo {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    totalMemoryMb: Math.round(totalmem() / 1024 / 1024),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
