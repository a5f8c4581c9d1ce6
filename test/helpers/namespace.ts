/**
 * A private mount namespace (unshare -m) in which a test mounts a small tmpfs to fill the
 * disk under a running command: nothing shows outside the test, and the mount goes away
 * with the namespace. Needs root; unavailable() says why it cannot run elsewhere.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readlinkSync } from 'node:fs';

/** Why the test cannot run here, or null: it needs to mount a tmpfs in a private namespace. */
export function unavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root: mounting a tmpfs needs root';
  const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c',
    'd=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs "$d" && umount "$d" && rmdir "$d"'], { encoding: 'utf8' });
  if (probe.error) return `unshare is not available (${probe.error.message})`;
  if (probe.status !== 0) return `cannot mount a tmpfs in a private mount namespace: ${probe.stderr.trim()}`;
  return null;
}

/** A process holding a private mount namespace, and commands run inside it. */
export class Namespace {
  private constructor(private readonly holder: ChildProcess) {}

  static async start(): Promise<Namespace> {
    const holder = spawn('unshare', ['--mount', '--propagation', 'private', 'sleep', '600'], { stdio: 'ignore' });
    // unshare execs sleep in the new namespace: wait until the process is in it.
    const own = readlinkSync('/proc/self/ns/mnt');
    for (let i = 0; i < 200; i++) {
      const ns = (() => { try { return readlinkSync(`/proc/${holder.pid}/ns/mnt`); } catch { return own; } })();
      if (ns !== own) return new Namespace(holder);
      await new Promise((r) => setTimeout(r, 10));
    }
    holder.kill();
    throw new Error('unshare did not enter a new mount namespace');
  }

  run(cmd: string, args: string[]) {
    return spawnSync('nsenter', ['-t', String(this.holder.pid), '-m', '--', cmd, ...args], { encoding: 'utf8', timeout: 120_000 });
  }

  /** Where a path inside the namespace is seen from this process. */
  outside(path: string): string {
    return `/proc/${this.holder.pid}/root${path}`;
  }

  stop(): void {
    this.holder.kill();
  }
}

