// @ts-check
/**
 * Runs inside each execution environment (a worker thread): loads the handler once (the
 * Init phase), then serves one invocation at a time, as AWS's Node.js runtime interface
 * client does. Plain JavaScript so that the worker can start from source and from the
 * package alike, with no build step in between.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { format, types } from 'node:util';
import { getHeapStatistics } from 'node:v8';

/** @typedef {import('./protocol.js').ToWorker} ToWorker */
/** @typedef {import('./protocol.js').FromWorker} FromWorker */
/** @typedef {import('./protocol.js').InitMessage} InitMessage */
/** @typedef {import('./protocol.js').InvokeMessage} InvokeMessage */
/** @typedef {import('./types.js').LambdaErrorPayload} LambdaErrorPayload */

if (!parentPort || !workerData?.port) throw new Error('bootstrap.js runs only as a lambkin worker');
/**
 * The invocation channel: a port of its own (not parentPort), so the host can read a finished
 * invocation's result synchronously (receiveMessageOnPort) and reuse this environment at once.
 * @type {import('node:worker_threads').MessagePort}
 */
const port = workerData.port;

/** @param {FromWorker} message */
const post = (message) => port.postMessage(message);

const MB = 1024 * 1024;
/** @type {string} */
let currentRequestId = 'undefined';
let peakMemoryMb = 0;
/** @type {Function | undefined} */
let handler;
/** @type {Invocation | undefined} */
let current;

// --- logs: the text format of the Node.js runtime (reference/LAMBDA.md §5.1) ---
/** @param {string} level */
const logTo = (level) => (/** @type {unknown[]} */ ...args) => {
  post({ type: 'log', line: `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${format(...args)}` });
};
const consoleLevels = /** @type {const} */ ([
  ['log', 'INFO'], ['info', 'INFO'], ['debug', 'DEBUG'], ['warn', 'WARN'], ['error', 'ERROR'], ['trace', 'TRACE'], ['fatal', 'FATAL'],
]);
for (const [method, level] of consoleLevels) {
  /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (console))[method] = logTo(level);
}

// --- errors, shaped as the runtime interface client shapes them (LAMBDA.md §6.1) ---
/** @param {string | undefined} text */
const escapeDel = (text) => (text ?? '').replace(/\x7F/g, '%7F');

/** @param {unknown} error @returns {LambdaErrorPayload} */
function toLambdaError(error) {
  try {
    if (types.isNativeError(error) || isErrorLike(error)) {
      const err = /** @type {Error} */ (error);
      return { errorType: escapeDel(err.name), errorMessage: escapeDel(err.message), trace: escapeDel(err.stack).split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return { errorType: 'handled', errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack', trace: [] };
  }
}

/** @param {unknown} value */
function isErrorLike(value) {
  if (value === null || typeof value !== 'object') return false;
  const v = /** @type {Record<string, unknown>} */ (value);
  return typeof v['name'] === 'string' && typeof v['message'] === 'string' && typeof v['stack'] === 'string';
}

/** @param {string} errorType @param {string} errorMessage @returns {LambdaErrorPayload} */
const runtimeError = (errorType, errorMessage) => ({ errorType, errorMessage, trace: [] });

/** @param {string} label @param {LambdaErrorPayload} error */
function logError(label, error) {
  const { errorType, errorMessage, trace } = error;
  logTo('ERROR')(`${label} \t${JSON.stringify({ errorType, errorMessage, stack: trace })}`);
}

function memoryUsedMb() {
  const h = getHeapStatistics();
  const mb = Math.ceil((h.total_heap_size + h.external_memory + h.malloced_memory) / MB);
  if (mb > peakMemoryMb) peakMemoryMb = mb;
  return peakMemoryMb;
}

// --- Init phase ---
/** @param {InitMessage} msg */
async function init(msg) {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, msg.env);
  process.setSourceMapsEnabled(true);
  // A CommonJS handler compiled to ESM calls require() for Node built-ins; give it one.
  /** @type {Record<string, unknown>} */ (globalThis)['require'] = createRequire(msg.moduleFile);
  const started = performance.now();
  try {
    const mod = await import(pathToFileURL(msg.moduleFile).href);
    handler = resolveHandler(mod, msg);
    post({ type: 'ready', initDurationMs: performance.now() - started, memoryUsedMb: memoryUsedMb() });
  } catch (err) {
    const error = initErrorOf(err);
    logError('Uncaught Exception', error);
    post({ type: 'init-error', error, initDurationMs: performance.now() - started });
  }
}

class HandlerResolutionError extends Error {}

/** @param {Record<string, unknown>} mod @param {InitMessage} msg @returns {Function} */
function resolveHandler(mod, msg) {
  const lookup = (/** @type {unknown} */ root) =>
    msg.exportPath.split('.').reduce((obj, key) => (obj == null ? undefined : /** @type {Record<string, unknown>} */ (obj)[key]), root);
  // A CommonJS module arrives as the default export of the compiled ES module.
  let fn = lookup(mod);
  if (fn === undefined && mod['default'] !== undefined) fn = lookup(mod['default']);
  if (fn === undefined) throw named(new HandlerResolutionError(`${msg.handler} is undefined or not exported`), 'Runtime.HandlerNotFound');
  if (typeof fn !== 'function') throw named(new HandlerResolutionError(`${msg.handler} is not a function`), 'Runtime.HandlerNotFound');
  if (fn.length >= 3 && !msg.allowCallbacks) {
    throw named(
      new HandlerResolutionError(`${msg.handler} takes a callback (3 parameters), and callback-based handlers are not supported on ${msg.runtime}; use an async handler (event, context) => result`),
      'Runtime.CallbackHandlerDeprecated',
    );
  }
  return fn;
}

/** @param {Error} err @param {string} name */
function named(err, name) {
  err.name = name;
  return err;
}

/** @param {unknown} err @returns {LambdaErrorPayload} */
function initErrorOf(err) {
  if (err instanceof HandlerResolutionError) return toLambdaError(err);
  const code = /** @type {{ code?: unknown }} */ (err)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    return { ...toLambdaError(err), errorType: 'Runtime.ImportModuleError', errorMessage: String(err) };
  }
  if (err instanceof SyntaxError) return { ...toLambdaError(err), errorType: 'Runtime.UserCodeSyntaxError', errorMessage: String(err) };
  return toLambdaError(err);
}

// --- Invoke phase ---
class Invocation {
  /** @param {InvokeMessage} msg */
  constructor(msg) {
    this.requestId = msg.requestId;
    this.done = false;
    /** Set when a callback result waits for the event loop to empty. @type {{ value: unknown } | undefined} */
    this.pendingCallback = undefined;
    this.returnedPromise = false;
    this.context = createContext(msg, this);
  }

  /** @param {unknown} value */
  succeed(value) {
    if (this.#claim()) return;
    let payload;
    try {
      payload = JSON.stringify(value === undefined ? null : value);
    } catch (err) {
      this.#post({ type: 'error', requestId: this.requestId, error: runtimeError('Runtime.SerializationError', `Unable to stringify response body: ${String(err)}`), memoryUsedMb: memoryUsedMb() });
      return;
    }
    this.#post({ type: 'result', requestId: this.requestId, payload: payload ?? 'null', memoryUsedMb: memoryUsedMb() });
  }

  /**
   * @param {unknown} err
   * @param {number} [exitCode] the runtime's exit code when this error ends the environment
   * @param {LambdaErrorPayload} [payload]
   */
  fail(err, exitCode = undefined, payload = toLambdaError(err)) {
    if (this.#claim()) return;
    logError(exitCode === undefined ? 'Invoke Error' : 'Uncaught Exception', payload);
    const base = { type: /** @type {const} */ ('error'), requestId: this.requestId, error: payload, memoryUsedMb: memoryUsedMb() };
    this.#post(exitCode === undefined ? base : { ...base, exitCode });
  }

  #claim() {
    if (!this.done) return false;
    logTo('WARN')('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
    return true;
  }

  /** @param {FromWorker} message */
  #post(message) {
    this.done = true;
    current = undefined;
    currentRequestId = 'undefined';
    port.ref();
    post(message);
  }
}

/** @param {InvokeMessage} msg @param {Invocation} inv */
function createContext(msg, inv) {
  const env = process.env;
  return {
    awsRequestId: msg.requestId,
    invokedFunctionArn: msg.invokedFunctionArn,
    functionName: env['AWS_LAMBDA_FUNCTION_NAME'],
    functionVersion: env['AWS_LAMBDA_FUNCTION_VERSION'],
    memoryLimitInMB: env['AWS_LAMBDA_FUNCTION_MEMORY_SIZE'],
    logGroupName: env['AWS_LAMBDA_LOG_GROUP_NAME'],
    logStreamName: env['AWS_LAMBDA_LOG_STREAM_NAME'],
    identity: undefined,
    clientContext: msg.clientContext === undefined ? undefined : JSON.parse(msg.clientContext),
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => msg.deadlineMs - Date.now(),
    // Legacy completion calls, still on the Node.js runtime's context (LAMBDA.md §1.5).
    succeed: (/** @type {unknown} */ result) => inv.succeed(result),
    fail: (/** @type {unknown} */ err) => inv.fail(err === undefined ? 'handled' : err),
    done: (/** @type {unknown} */ err, /** @type {unknown} */ result) => (err == null ? inv.succeed(result) : inv.fail(err)),
  };
}

/** @param {InvokeMessage} msg */
function invoke(msg) {
  const inv = new Invocation(msg);
  current = inv;
  currentRequestId = msg.requestId;
  // While a handler runs, the port must not keep the worker alive: an event loop that
  // empties is how the runtime learns a callback result may go, or a promise never settles.
  port.unref();
  const callback = (/** @type {unknown} */ err, /** @type {unknown} */ value) => {
    if (err != null) inv.fail(err);
    else if (inv.context.callbackWaitsForEmptyEventLoop) inv.pendingCallback = { value };
    else inv.succeed(value);
  };
  let returned;
  try {
    const fn = /** @type {Function} */ (handler);
    returned = fn(JSON.parse(msg.event), inv.context, callback);
  } catch (err) {
    inv.fail(err);
    return;
  }
  if (returned !== null && typeof returned === 'object' && typeof returned.then === 'function') {
    inv.returnedPromise = true;
    returned.then((/** @type {unknown} */ v) => inv.succeed(v), (/** @type {unknown} */ e) => inv.fail(e));
  }
}

process.on('beforeExit', () => {
  const inv = current;
  if (!inv) return;
  if (inv.pendingCallback) inv.succeed(inv.pendingCallback.value);
  else if (inv.returnedPromise) {
    inv.fail(undefined, undefined, runtimeError('Runtime.NodeJsExit', 'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes'));
  } else inv.succeed(null);
});

process.on('uncaughtException', (err) => crash(err, toLambdaError(err), 129));
process.on('unhandledRejection', (reason) => {
  const error = toLambdaError(reason);
  const message = types.isNativeError(reason) ? `${reason.name}: ${reason.message}` : String(reason);
  crash(reason, { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: message, trace: error.trace }, 128);
});

/** @param {unknown} err @param {LambdaErrorPayload} payload @param {number} exitCode */
function crash(err, payload, exitCode) {
  if (current) current.fail(err, exitCode, payload);
  else logError('Uncaught Exception', payload);
  // As the runtime interface client does: the environment does not survive this.
  process.exit(exitCode);
}

port.on('message', (/** @type {ToWorker} */ msg) => {
  if (msg.type === 'invoke') invoke(msg);
  else void init(msg);
});

parentPort.postMessage(/** @type {FromWorker} */ ({ type: 'booted' }));
