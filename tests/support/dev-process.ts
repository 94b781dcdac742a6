/** `lambkin dev` as a user runs it: the built bin in a process of its own, on free ports. */
import { spawn, type ChildProcess } from 'node:child_process';
import { waitFor } from './fixture.js';
import { LAMBKIN_BIN } from './run-cli.js';

export interface DevProcess {
  child: ChildProcess;
  /** The API Gateway's and the AWS endpoint's URLs, as the banner prints them. */
  gatewayUrl: string;
  awsUrl: string;
  /** SIGTERM (SIGKILL if it has not ended 5 s later), and waits for the process to end. */
  stop(): Promise<void>;
}

export async function startDevProcess(dir: string): Promise<DevProcess> {
  const child = spawn(process.execPath, [LAMBKIN_BIN, 'dev', '--dir', dir, '--port', '0', '--aws-port', '0', '--no-watch'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // 'close' rather than 'exit': by then all of the output has been read.
  let closed = false;
  child.once('close', () => (closed = true));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // One that ignores SIGTERM fails its test; it must not also leave the run hanging.
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const [gatewayUrl, awsUrl] = await waitFor(() => {
      const api = /API Gateway\s+(http:\/\/\S+)/.exec(output)?.[1];
      const aws = /AWS endpoint\s+(http:\/\/\S+)/.exec(output)?.[1];
      if (api && aws) return [api, aws];
      if (closed) {
        const how = child.signalCode === null ? `with code ${String(child.exitCode)}` : `on ${child.signalCode}`;
        throw new Error(`lambkin dev exited ${how} before printing its URLs; its output:\n${output}`);
      }
      return undefined;
    }, () => `lambkin dev to print its URLs (output so far: ${output})`, 20_000);
    return { child, gatewayUrl, awsUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
