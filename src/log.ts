/**
 * Where lambkin's output goes. Lambda's own lines (START, console lines, END, REPORT) go
 * through `lambda()`, unchanged; lambkin's messages through info/warn/error.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** One line of a function's log, exactly as CloudWatch would hold it. */
  lambda(functionName: string, line: string): void;
}

export interface ConsoleLoggerOptions {
  /** Prefix Lambda lines with the function name (useful when several functions log at once). */
  prefixFunctionName?: boolean;
  /** Stream for Lambda lines; lambkin's messages go to stderr. */
  lambdaStream?: NodeJS.WritableStream;
}

/**
 * Collects lines for a few milliseconds and writes them in one call: a write to a file or pipe
 * is synchronous in Node, and four lines per invocation, written one by one, cost more than
 * the invocation itself under load. The delay is too short for a person to notice.
 */
const FLUSH_DELAY_MS = 5;

class BatchedWriter {
  readonly #stream: NodeJS.WritableStream;
  #pending = '';
  #scheduled = false;

  constructor(stream: NodeJS.WritableStream) {
    this.#stream = stream;
  }

  write(line: string): void {
    this.#pending += line + '\n';
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  flush(): void {
    this.#scheduled = false;
    if (this.#pending === '') return;
    const text = this.#pending;
    this.#pending = '';
    this.#stream.write(text);
  }
}

export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const err = new BatchedWriter(process.stderr);
  const lambda = options.lambdaStream === undefined || options.lambdaStream === process.stderr ? err : new BatchedWriter(options.lambdaStream);
  return {
    info: (m) => err.write(`[lambkin] ${m}`),
    warn: (m) => err.write(`[lambkin] warning: ${m}`),
    error: (m) => err.write(`[lambkin] error: ${m}`),
    lambda: options.prefixFunctionName ? (fn, line) => lambda.write(`[${fn}] ${line}`) : (_fn, line) => lambda.write(line),
  };
}

/** Records every line, for tests and for callers that print nothing. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  readonly lambdaLines: Array<{ functionName: string; line: string }> = [];
  info(m: string): void {
    this.lines.push(`info: ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn: ${m}`);
  }
  error(m: string): void {
    this.lines.push(`error: ${m}`);
  }
  lambda(functionName: string, line: string): void {
    this.lambdaLines.push({ functionName, line });
  }
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, lambda() {} };
