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

export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const lambdaStream = options.lambdaStream ?? process.stderr;
  return {
    info: (m) => process.stderr.write(`[lambkin] ${m}\n`),
    warn: (m) => process.stderr.write(`[lambkin] warning: ${m}\n`),
    error: (m) => process.stderr.write(`[lambkin] error: ${m}\n`),
    lambda: options.prefixFunctionName
      ? (fn, line) => lambdaStream.write(`[${fn}] ${line}\n`)
      : (_fn, line) => lambdaStream.write(`${line}\n`),
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
