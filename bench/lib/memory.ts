/**
 * Memory of a child process, watched from outside: VmRSS from
 * /proc/<pid>/status every few ms (read by this process, so a child whose
 * event loop is busy is still sampled on time), the kernel's own peak
 * (VmHWM, reset through /proc/<pid>/clear_refs so it covers one measurement
 * only), and the V8 heap over IPC. Without /proc (not Linux), RSS comes over
 * IPC too.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ForkedServer } from './processes';

export const MIB = 1024 * 1024;

export interface ProcMemory {
  rssBytes: number;
  /** Peak RSS since start or since the last resetPeakRss. */
  hwmBytes: number;
}

export function readProcMemory(pid: number): ProcMemory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    const memory = { rssBytes: kib('VmRSS'), hwmBytes: kib('VmHWM') };
    return Number.isFinite(memory.rssBytes) ? memory : undefined;
  } catch {
    return undefined;
  }
}

/** Sets VmHWM back to the current RSS (Linux ≥ 4.0, own processes); false when not possible. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface MemoryPeaks {
  /** Highest sampled RSS. */
  sampledPeakRssBytes: number;
  /** The kernel's peak RSS over the whole window (NaN without /proc or clear_refs). */
  hwmBytes: number;
  /** Highest sampled V8 heapUsed and external (Buffers live outside the heap). */
  peakHeapUsedBytes: number;
  peakExternalBytes: number;
  samples: number;
}

/** Samples a child's memory every `intervalMs` until stop(). */
export function watchMemory(child: ForkedServer, intervalMs = 50): { stop(): Promise<MemoryPeaks> } {
  const viaProc = readProcMemory(child.pid) !== undefined;
  const hwmReset = viaProc && resetPeakRss(child.pid);
  const peaks: MemoryPeaks = { sampledPeakRssBytes: 0, hwmBytes: Number.NaN, peakHeapUsedBytes: 0, peakExternalBytes: 0, samples: 0 };
  let asking = false;
  const timer = setInterval(() => {
    if (viaProc) {
      const proc = readProcMemory(child.pid);
      if (proc) peaks.sampledPeakRssBytes = Math.max(peaks.sampledPeakRssBytes, proc.rssBytes);
    }
    peaks.samples++;
    if (asking) return; // one IPC question at a time; a busy child answers late
    asking = true;
    child
      .memory()
      .then((usage) => {
        if (!viaProc) peaks.sampledPeakRssBytes = Math.max(peaks.sampledPeakRssBytes, usage.rss);
        peaks.peakHeapUsedBytes = Math.max(peaks.peakHeapUsedBytes, usage.heapUsed);
        peaks.peakExternalBytes = Math.max(peaks.peakExternalBytes, usage.external);
      })
      .catch(() => undefined)
      .finally(() => {
        asking = false;
      });
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      const last = viaProc ? readProcMemory(child.pid) : undefined;
      if (last) peaks.sampledPeakRssBytes = Math.max(peaks.sampledPeakRssBytes, last.rssBytes);
      if (hwmReset && last) peaks.hwmBytes = last.hwmBytes;
      return peaks;
    },
  };
}

/** Current RSS of a child: /proc when there is one, else its own report. */
export async function currentRss(child: ForkedServer): Promise<number> {
  return readProcMemory(child.pid)?.rssBytes ?? (await child.memory()).rss;
}
